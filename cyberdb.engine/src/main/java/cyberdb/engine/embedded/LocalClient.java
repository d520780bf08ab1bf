package cyberdb.engine.embedded;

import cyberdb.api.CyberProxy;
import cyberdb.api.Durability;
import cyberdb.api.EmbeddedClient;
import cyberdb.api.ImportReport;
import cyberdb.api.ProxyClosedException;
import cyberdb.engine.migrate.PythonImport;
import cyberdb.engine.snapshot.SnapshotFiles;
import cyberdb.engine.journal.Journal;
import cyberdb.engine.store.Engine;
import cyberdb.engine.store.TableImage;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The embedded database: an engine, its optional data file, and the backup schedule. The
 * network server wraps one to serve its tables.
 */
public final class LocalClient implements EmbeddedClient {

    private static final System.Logger LOG = System.getLogger("cyberdb.engine");

    private final Engine engine;
    private final Path file;
    private final DataFile dataFile;
    private final Object saving = new Object();
    private ScheduledExecutorService scheduler;
    private ScheduledFuture<?> backup;
    private volatile boolean open = true;

    /**
     * Opens a database held only in memory.
     *
     * @param engine the engine to hold the tables
     */
    public LocalClient(Engine engine) {
        this.file = null;
        this.engine = engine;
        this.dataFile = null;
    }

    /**
     * Opens a database kept in {@code file}: loads the snapshot if it exists, replays its
     * journal, and journals from then on as {@code durability} says.
     *
     * @param file                   the data file
     * @param engine                 the engine to hold the tables
     * @param durability             whether and how changes are journaled
     * @param truncateJournalAtError whether to start even if the journal is damaged, dropping its tail
     */
    public LocalClient(Path file, Engine engine, Durability durability, boolean truncateJournalAtError) {
        this(file, engine, durability, truncateJournalAtError, Journal.FILES, DataFile.Steps.NONE);
    }

    LocalClient(Path file, Engine engine, Durability durability, boolean truncateJournalAtError,
                Journal.ChannelOpener opener, DataFile.Steps steps) {
        SnapshotFiles.checkName(file);
        this.file = file;
        this.engine = engine;
        this.dataFile = DataFile.open(file, engine, durability, truncateJournalAtError, opener, steps);
    }

    /**
     * Returns the engine behind this database.
     *
     * @return the engine
     */
    public Engine engine() {
        return engine;
    }

    void checkOpen() {
        if (!open) {
            throw new ProxyClosedException("The embedded database was closed; open a new one with CyberDB.embedded().");
        }
    }

    boolean isOpen() {
        return open;
    }

    @Override
    public CyberProxy proxy() {
        checkOpen();
        return new LocalProxy(this, engine);
    }

    @Override
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    @Override
    public void save() {
        if (file == null) {
            throw new IllegalStateException("This database has no data file: give one when opening it"
                    + " (CyberDB.embedded(Path), or --data for a server), or call save(Path).");
        }
        save(file);
    }

    @Override
    public void save(Path target) {
        SnapshotFiles.checkName(target);
        synchronized (saving) {
            if (isDataFile(target)) {
                dataFile.save();
            } else {
                SnapshotFiles.save(engine.image(), target);
            }
        }
    }

    private boolean isDataFile(Path target) {
        return file != null && target.toAbsolutePath().normalize().equals(file.toAbsolutePath().normalize());
    }

    @Override
    public void load(Path source) {
        restore(SnapshotFiles.load(source).tables());
    }

    @Override
    public ImportReport importPython(Path pythonFile) {
        PythonImport.Result result = PythonImport.read(pythonFile);
        restore(result.tables());
        return result.report();
    }

    /** Replaces everything; a journal cannot express that, so the data file is re-based on it at once. */
    private void restore(List<TableImage> tables) {
        synchronized (saving) {
            engine.restore(tables);
            if (dataFile != null) {
                dataFile.save();
            }
        }
    }

    @Override
    public Optional<String> storageProblem() {
        return dataFile == null ? Optional.empty() : dataFile.problem();
    }

    @Override
    public synchronized void backupEvery(Path target, Duration interval) {
        SnapshotFiles.checkName(target);
        Objects.requireNonNull(interval, "interval");
        if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("Backup interval must be at least 1 second, got " + interval);
        }
        checkOpen();
        stopBackup();
        if (scheduler == null) {
            scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
                    .name("cyberdb-backup").daemon(true).factory());
        }
        long millis = interval.toMillis();
        backup = scheduler.scheduleWithFixedDelay(() -> backupOnce(target), millis, millis, TimeUnit.MILLISECONDS);
    }

    private void backupOnce(Path target) {
        try {
            save(target);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Periodic backup to " + target + " failed; retrying at the next interval", e);
        }
    }

    @Override
    public synchronized void stopBackup() {
        if (backup != null) {
            backup.cancel(false);
            backup = null;
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            if (!open) {
                return;
            }
            open = false;
            stopBackup();
            if (scheduler != null) {
                scheduler.shutdown();
            }
        }
        if (dataFile != null) {
            try {
                save(file);
            } finally {
                dataFile.close();
            }
        }
    }
}
