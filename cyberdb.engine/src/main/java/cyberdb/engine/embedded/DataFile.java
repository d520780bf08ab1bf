package cyberdb.engine.embedded;

import cyberdb.api.CorruptFileException;
import cyberdb.api.Durability;
import cyberdb.api.ReadOnlyException;
import cyberdb.api.StorageException;
import cyberdb.api.spi.EmbeddedConfig;
import cyberdb.engine.command.CommandLog;
import cyberdb.engine.journal.Journal;
import cyberdb.engine.journal.JournalReplay;
import cyberdb.engine.snapshot.Snapshot;
import cyberdb.engine.snapshot.SnapshotFiles;
import cyberdb.engine.snapshot.SnapshotId;
import cyberdb.engine.store.Engine;
import cyberdb.engine.store.TableImage;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A database's data file and its journal: ownership, recovery at start-up (snapshot, then
 * journal), and snapshots that roll the journal. Taking a snapshot marks the journal at the
 * instant the image is copied, writes the snapshot, then replaces the journal with one holding
 * only what came after the mark. A crash between any two steps recovers the same state, since
 * the journal either continues the snapshot on disk or holds its mark.
 *
 * <p>Opening writes nothing, and closing writes only what this process changed, so a start that
 * fails after opening leaves the files as they were.
 */
final class DataFile implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("cyberdb.engine");

    /** A read-only database refuses every change before it is applied. */
    private static final CommandLog READ_ONLY = command -> {
        throw new ReadOnlyException("This database was opened read-only; nothing can be changed. Open it for writing"
                + " to change it (only one process at a time can).");
    };

    /** How many times a read-only open retries when the owner replaced the files while they were read. */
    private static final int READ_ONLY_ATTEMPTS = 5;

    /** Where a test may stop the snapshot sequence, as a crash would. */
    interface Steps {
        Steps NONE = step -> { };

        void reached(String step);
    }

    private final Path file;
    private final Engine engine;
    private final Steps steps;
    private final Journal journal;
    private final DataFileLock lock;
    /**
     * With the journal turned off: a journal that was replayed, and must go once a snapshot holds
     * what it held (a later start would replay it onto that snapshot). Until then it stays, and is
     * replayed again, which is as correct.
     */
    private final boolean foldJournal;
    /** The engine's change count when what is in memory was last known to be on disk. */
    private long savedAt;
    /** How the last snapshot went, for {@code info}: set by saves, read by anyone. */
    private volatile SaveOutcome lastSave;
    /** When the last snapshot that succeeded ended. */
    private volatile Instant lastGoodSave;

    /**
     * A snapshot's outcome.
     *
     * @param at      when it ended (for the snapshot found at start-up, when its file was written)
     * @param seconds how long it took, 0 for the one found at start-up
     * @param problem why it failed, or {@code null} if it succeeded
     */
    record SaveOutcome(Instant at, double seconds, String problem) {
    }

    private DataFile(Path file, Engine engine, Journal journal, DataFileLock lock, boolean foldJournal, Steps steps) {
        this.file = file;
        this.engine = engine;
        this.journal = journal;
        this.lock = lock;
        this.foldJournal = foldJournal;
        this.steps = steps;
        this.savedAt = engine.changes();
        this.lastSave = foundOnDisk(file);
        this.lastGoodSave = lastSave == null ? null : lastSave.at();
    }

    private static SaveOutcome foundOnDisk(Path file) {
        try {
            return Files.exists(file) ? new SaveOutcome(Files.getLastModifiedTime(file).toInstant(), 0, null) : null;
        } catch (IOException e) {
            return null;
        }
    }

    static DataFile open(EmbeddedConfig config, Engine engine, Journal.ChannelOpener opener, Steps steps) {
        Path file = config.file();
        if (config.readOnly()) {
            return openReadOnly(config, engine);
        }
        requireExisting(config);
        DataFileLock lock = DataFileLock.acquire(file);
        try {
            SnapshotId loaded = loadSnapshot(file, engine);
            Path journalFile = journalOf(file);
            JournalReplay.Result replayed = replay(journalFile, loaded, engine, config.truncateJournalAtError());
            if (config.durability() == Durability.SNAPSHOT_ONLY) {
                return new DataFile(file, engine, null, lock, replayed != null, steps);
            }
            Journal journal = replayed == null
                    ? Journal.create(journalFile, loaded, config.durability(), opener)
                    : Journal.resume(journalFile, replayed.validLength(), config.durability(), opener);
            engine.commandLog(journal);
            DataFile dataFile = new DataFile(file, engine, journal, lock, false, steps);
            if (replayed != null && replayed.droppedBytes() > 0 && config.truncateJournalAtError()) {
                // Asked to repair: cut the damaged tail now, so the next start does not stop at it again.
                try {
                    dataFile.save();
                } catch (RuntimeException e) {
                    dataFile.release();
                    throw e;
                }
            }
            return dataFile;
        } catch (RuntimeException e) {
            engine.commandLog(CommandLog.NONE);
            lock.close();
            throw e;
        }
    }

    /**
     * Loads the files as they are without owning them. An owner that takes a snapshot meanwhile
     * replaces the journal; the journal then continues a newer snapshot than the one read, so
     * both are read again.
     */
    private static DataFile openReadOnly(EmbeddedConfig config, Engine engine) {
        requireExisting(config);
        Path file = config.file();
        for (int attempt = 1; ; attempt++) {
            try {
                SnapshotId loaded = loadSnapshot(file, engine);
                replay(journalOf(file), loaded, engine, config.truncateJournalAtError());
                engine.commandLog(READ_ONLY);
                return new DataFile(file, engine, null, null, false, Steps.NONE);
            } catch (CorruptFileException raced) {
                if (attempt == READ_ONLY_ATTEMPTS) {
                    throw raced;
                }
                LOG.log(Level.DEBUG, () -> "Reading " + file + " again: " + raced.getMessage());
            }
        }
    }

    private static void requireExisting(EmbeddedConfig config) {
        Path file = config.file();
        if (!config.createIfMissing() && !Files.exists(file) && !Files.exists(journalOf(file))) {
            throw new StorageException("There is no database in " + file + " (no such file).", null);
        }
    }

    private static SnapshotId loadSnapshot(Path file, Engine engine) {
        if (!Files.exists(file)) {
            engine.restore(List.of());
            return SnapshotId.NONE;
        }
        Snapshot snapshot = SnapshotFiles.load(file);
        engine.restore(snapshot.tables());
        return snapshot.id();
    }

    private static JournalReplay.Result replay(Path journalFile, SnapshotId loaded, Engine engine, boolean truncateAtError) {
        if (!Files.exists(journalFile)) {
            return null;
        }
        JournalReplay.Result replayed = JournalReplay.replay(journalFile, loaded, engine, truncateAtError);
        if (replayed.applied() > 0) {
            LOG.log(Level.INFO, "Replayed " + replayed.applied() + " changes from " + journalFile);
        }
        return replayed;
    }

    static Path journalOf(Path file) {
        String name = file.getFileName().toString();
        return file.resolveSibling(name.substring(0, name.length() - ".cdb".length()) + ".journal");
    }

    boolean readOnly() {
        return lock == null;
    }

    /** Takes a snapshot into the data file and, with a journal, rolls it; remembers how that went. */
    synchronized void save() {
        if (readOnly()) {
            throw new ReadOnlyException("This database was opened read-only; it is never saved.");
        }
        long start = System.nanoTime();
        try {
            snapshot();
            lastSave = new SaveOutcome(Instant.now(), (System.nanoTime() - start) / 1e9, null);
            lastGoodSave = lastSave.at();
        } catch (RuntimeException | Error e) {
            lastSave = new SaveOutcome(Instant.now(), (System.nanoTime() - start) / 1e9, String.valueOf(e.getMessage()));
            throw e;
        }
    }

    private void snapshot() {
        if (journal == null) {
            long[] changes = new long[1];
            List<TableImage> images = engine.write(() -> {
                changes[0] = engine.changes();
                return engine.image();
            });
            SnapshotFiles.save(images, file);
            savedAt = changes[0];
            if (foldJournal) {
                deleteQuietly(journalOf(file));
            }
            return;
        }
        SnapshotId id = SnapshotId.fresh();
        long[] changes = new long[1];
        List<TableImage> images = engine.write(() -> {
            journal.markSnapshot(id);
            changes[0] = engine.changes();
            return engine.image();
        });
        steps.reached("marked");
        SnapshotFiles.save(images, file, id);
        savedAt = changes[0];
        steps.reached("snapshot written");
        journal.compact(id, step -> engine.write(() -> {
            step.run();
            return null;
        }));
        steps.reached("journal compacted");
    }

    /** Takes a snapshot if anything changed since the last one; what is already safe is not rewritten. */
    synchronized void saveIfChanged() {
        if (!readOnly() && engine.changes() != savedAt) {
            save();
        }
    }

    /** @return how the last snapshot went, or empty if there has been none */
    Optional<SaveOutcome> lastSave() {
        return Optional.ofNullable(lastSave);
    }

    /** @return when the last snapshot that succeeded ended, or empty if none has */
    Optional<Instant> lastGoodSave() {
        return Optional.ofNullable(lastGoodSave);
    }

    /** @return the journal's forces to disk so far and the nanoseconds they took; zeros without a journal */
    long[] journalForces() {
        return journal == null ? new long[2] : new long[] {journal.forces(), journal.forceNanos()};
    }

    /** @return the changes made since the last snapshot, which only the journal holds (if there is one) */
    synchronized long changesSinceSave() {
        return engine.changes() - savedAt;
    }

    /** @return the journal's size on disk, 0 if there is none */
    long journalBytes() {
        try {
            Path journalFile = journalOf(file);
            return Files.exists(journalFile) ? Files.size(journalFile) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    Optional<String> problem() {
        return journal == null ? Optional.empty() : journal.problem();
    }

    /** Saves what changed, then lets go of the journal and the file. */
    @Override
    public void close() {
        try {
            saveIfChanged();
        } finally {
            release();
        }
    }

    /** Lets go of the journal and the file without saving, as a process that dies would. */
    void release() {
        if (journal != null) {
            engine.commandLog(CommandLog.NONE);
            journal.close();
        }
        if (lock != null) {
            lock.close();
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Could not delete " + path + ": " + e);
        }
    }
}
