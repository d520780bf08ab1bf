package cyberdb.api.spi;

import cyberdb.api.Durability;
import java.nio.file.Path;
import java.util.Objects;

/**
 * An embedded database's settings, as checked by {@link cyberdb.api.EmbeddedBuilder}.
 *
 * @param file                   the data file, ending in {@code .cdb}
 * @param durability             whether and how changes are journaled
 * @param truncateJournalAtError whether to start although the journal is damaged, dropping its tail
 * @param createIfMissing        whether a missing data file starts an empty database (else an error)
 * @param readOnly               whether to load without taking ownership, refusing every change
 * @param maxMemory              the most heap the data may take, in bytes; writes beyond it are refused
 */
public record EmbeddedConfig(Path file, Durability durability, boolean truncateJournalAtError,
                             boolean createIfMissing, boolean readOnly, long maxMemory) {

    /**
     * Checks that nothing is missing.
     *
     * @param file                   the data file
     * @param durability             the durability
     * @param truncateJournalAtError whether to drop a damaged journal tail
     * @param createIfMissing        whether a missing file is created
     * @param readOnly               whether to refuse changes
     * @param maxMemory              the memory limit in bytes, positive
     */
    public EmbeddedConfig {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(durability, "durability");
        if (maxMemory <= 0) {
            throw new IllegalArgumentException("The memory limit must be positive, got " + maxMemory);
        }
    }

    /**
     * The memory limit when none is given: half the JVM's maximum heap, which leaves the other
     * half for requests in progress, snapshots and the garbage collector's headroom.
     *
     * @return bytes
     */
    public static long defaultMaxMemory() {
        long heap = Runtime.getRuntime().maxMemory();
        return heap == Long.MAX_VALUE ? Long.MAX_VALUE : heap / 2;
    }

    /**
     * The settings {@link cyberdb.api.CyberDB#embedded(Path, Durability)} uses: created if
     * missing, writable, a damaged journal refused, the default memory limit.
     *
     * @param file       the data file
     * @param durability the durability
     * @return the settings
     */
    public static EmbeddedConfig of(Path file, Durability durability) {
        return new EmbeddedConfig(file, durability, false, true, false, defaultMaxMemory());
    }
}
