package cyberdb.api;

import cyberdb.api.spi.EmbeddedConfig;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Configures an embedded database kept in a file, for the choices {@link CyberDB#embedded(Path)}
 * does not offer; from {@link CyberDB#embeddedBuilder(Path)}.
 *
 * {@snippet :
 * // Look into a data file that a running server owns, without taking it over.
 * try (EmbeddedClient db = CyberDB.embeddedBuilder(Path.of("data.cdb")).readOnly(true).build()) {
 *     ...
 * }
 * }
 *
 * <p>A database opened for writing owns its data file: a second opener, in this process or
 * another, is refused with {@link FileInUseException} before it reads or writes anything.
 * Opening writes nothing; the journal is created by the first change.
 */
public final class EmbeddedBuilder {

    private final Path file;
    private Durability durability = Durability.JOURNAL_FSYNC_EVERY_SECOND;
    private boolean truncateJournalAtError;
    private boolean createIfMissing = true;
    private boolean readOnly;
    private long maxMemory = EmbeddedConfig.defaultMaxMemory();

    /** @param file the data file, or {@code null} for a database held in memory only */
    EmbeddedBuilder(Path file) {
        this.file = file;
    }

    /**
     * Sets what a crash may cost; default a journal forced every second. See {@link Durability}.
     *
     * @param durability the mode
     * @return this builder
     */
    public EmbeddedBuilder durability(Durability durability) {
        this.durability = Objects.requireNonNull(durability, "durability");
        return this;
    }

    /**
     * Lets the database open although its journal has a damaged record, dropping that record
     * and everything after it. Off by default: a damaged journal is refused with
     * {@link CorruptFileException}, naming the file and the offset.
     *
     * @param truncate {@code true} to drop the damaged tail
     * @return this builder
     */
    public EmbeddedBuilder truncateJournalAtError(boolean truncate) {
        this.truncateJournalAtError = truncate;
        return this;
    }

    /**
     * Sets whether a data file that does not exist starts an empty database; default
     * {@code true}. With {@code false}, a missing file is refused with {@link StorageException},
     * which catches a mistyped name before it becomes a new, empty database.
     *
     * @param create {@code false} to require an existing file
     * @return this builder
     */
    public EmbeddedBuilder createIfMissing(boolean create) {
        this.createIfMissing = create;
        return this;
    }

    /**
     * Opens the database read-only: the snapshot and its journal are loaded without taking
     * ownership of the file, so another process may be writing it; every change, and saving,
     * is refused with {@link ReadOnlyException}; nothing is ever written. The file must exist.
     * What is loaded is the state on disk at the moment of opening.
     *
     * @param readOnly {@code true} for read-only
     * @return this builder
     */
    public EmbeddedBuilder readOnly(boolean readOnly) {
        this.readOnly = readOnly;
        return this;
    }

    /**
     * Sets the most heap the data may take; default half the JVM's maximum heap
     * ({@code -Xmx}). A write that would take the data beyond it is refused with
     * {@link MemoryLimitException} and changes nothing; reads, removals and saves keep working,
     * as with Redis's {@code maxmemory} and its {@code noeviction} policy. The size of the data is
     * estimated from its shape (strings, numbers, bytes, lists and maps, and each entry's own
     * cost), close to what the heap holds for it. Data already in the file always loads, even
     * beyond the limit.
     *
     * @param bytes the limit, positive
     * @return this builder
     */
    public EmbeddedBuilder maxMemory(long bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("The memory limit must be positive, got " + bytes);
        }
        this.maxMemory = bytes;
        return this;
    }

    /**
     * Opens the database: loads the snapshot if it exists and replays its journal.
     *
     * @return a client over the database
     * @throws IllegalArgumentException if the file name does not end in {@code .cdb}
     * @throws FileInUseException       if another database owns the file (not for read-only)
     * @throws CorruptFileException     if the snapshot or the journal is damaged
     * @throws StorageException         if the file is missing and may not be created, or cannot be read
     * @throws CyberDBException         if no engine is on the module path
     */
    public EmbeddedClient build() {
        if (file == null) {
            if (readOnly || truncateJournalAtError || !createIfMissing || durability != Durability.JOURNAL_FSYNC_EVERY_SECOND) {
                throw new IllegalStateException("A database held in memory only has no data file to read only, journal"
                        + " or require; give it one with CyberDB.embeddedBuilder(Path)");
            }
            return CyberDB.embeddedProvider().openInMemory(maxMemory);
        }
        return CyberDB.embeddedProvider().open(new EmbeddedConfig(file, durability, truncateJournalAtError,
                createIfMissing && !readOnly, readOnly, maxMemory));
    }
}
