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
 */
public record EmbeddedConfig(Path file, Durability durability, boolean truncateJournalAtError,
                             boolean createIfMissing, boolean readOnly) {

    /**
     * Checks that nothing is missing.
     *
     * @param file                   the data file
     * @param durability             the durability
     * @param truncateJournalAtError whether to drop a damaged journal tail
     * @param createIfMissing        whether a missing file is created
     * @param readOnly               whether to refuse changes
     */
    public EmbeddedConfig {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(durability, "durability");
    }

    /**
     * The settings {@link cyberdb.api.CyberDB#embedded(Path, Durability)} uses: created if
     * missing, writable, a damaged journal refused.
     *
     * @param file       the data file
     * @param durability the durability
     * @return the settings
     */
    public static EmbeddedConfig of(Path file, Durability durability) {
        return new EmbeddedConfig(file, durability, false, true, false);
    }
}
