package cyberdb.engine.embedded;

import cyberdb.api.Durability;
import cyberdb.engine.journal.Journal;
import cyberdb.engine.journal.JournalReplay;
import cyberdb.engine.snapshot.Snapshot;
import cyberdb.engine.snapshot.SnapshotFiles;
import cyberdb.engine.snapshot.SnapshotId;
import cyberdb.engine.store.Engine;
import cyberdb.engine.store.TableImage;
import cyberdb.engine.command.CommandLog;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A database's data file and its journal: recovery at start-up (snapshot, then journal), and
 * snapshots that roll the journal. Taking a snapshot marks the journal at the instant the image
 * is copied, writes the snapshot, then replaces the journal with one holding only what came
 * after the mark. A crash between any two steps recovers the same state, since the journal
 * either continues the snapshot on disk or holds its mark.
 */
final class DataFile implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("cyberdb.engine");

    /** Where a test may stop the snapshot sequence, as a crash would. */
    interface Steps {
        Steps NONE = step -> { };

        void reached(String step);
    }

    private final Path file;
    private final Engine engine;
    private final Steps steps;
    private final Journal journal;

    private DataFile(Path file, Engine engine, Journal journal, Steps steps) {
        this.file = file;
        this.engine = engine;
        this.journal = journal;
        this.steps = steps;
    }

    static DataFile open(Path file, Engine engine, Durability durability, boolean truncateJournalAtError,
                         Journal.ChannelOpener opener, Steps steps) {
        SnapshotId loaded = SnapshotId.NONE;
        if (Files.exists(file)) {
            Snapshot snapshot = SnapshotFiles.load(file);
            engine.restore(snapshot.tables());
            loaded = snapshot.id();
        }
        Path journalFile = journalOf(file);
        JournalReplay.Result replayed = Files.exists(journalFile)
                ? JournalReplay.replay(journalFile, loaded, engine, truncateJournalAtError)
                : null;
        if (replayed != null && replayed.applied() > 0) {
            LOG.log(Level.INFO, "Recovered " + replayed.applied() + " changes from " + journalFile);
        }
        if (durability == Durability.SNAPSHOT_ONLY) {
            DataFile snapshotsOnly = new DataFile(file, engine, null, steps);
            if (replayed != null) {
                // Journaling was turned off: keep what the journal held in a snapshot, then drop it.
                snapshotsOnly.save();
                deleteQuietly(journalFile);
            }
            return snapshotsOnly;
        }
        Journal journal = replayed == null
                ? Journal.create(journalFile, loaded, durability, opener)
                : Journal.resume(journalFile, replayed.validLength(), durability, opener);
        engine.commandLog(journal);
        DataFile dataFile = new DataFile(file, engine, journal, steps);
        if (replayed != null && (replayed.fromMark() || replayed.droppedBytes() > 0)) {
            dataFile.save();
        }
        return dataFile;
    }

    static Path journalOf(Path file) {
        String name = file.getFileName().toString();
        return file.resolveSibling(name.substring(0, name.length() - ".cdb".length()) + ".journal");
    }

    /** Takes a snapshot into the data file and, with a journal, rolls it. */
    void save() {
        if (journal == null) {
            SnapshotFiles.save(engine.image(), file);
            return;
        }
        SnapshotId id = SnapshotId.fresh();
        List<TableImage> images = engine.write(() -> {
            journal.markSnapshot(id);
            return engine.image();
        });
        steps.reached("marked");
        SnapshotFiles.save(images, file, id);
        steps.reached("snapshot written");
        journal.compact(id, step -> engine.write(() -> {
            step.run();
            return null;
        }));
        steps.reached("journal compacted");
    }

    Optional<String> problem() {
        return journal == null ? Optional.empty() : journal.problem();
    }

    @Override
    public void close() {
        if (journal != null) {
            engine.commandLog(CommandLog.NONE);
            journal.close();
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
