package cyberdb.engine.embedded;

import cyberdb.api.CyberProxy;
import cyberdb.api.EmbeddedClient;
import cyberdb.api.ImportReport;
import cyberdb.api.ProxyClosedException;
import cyberdb.engine.migrate.PythonImport;
import cyberdb.engine.snapshot.SnapshotFiles;
import cyberdb.engine.store.Engine;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
    private final Object saving = new Object();
    private ScheduledExecutorService scheduler;
    private ScheduledFuture<?> backup;
    private volatile boolean open = true;

    /**
     * Opens a database, loading {@code file} if it is given and exists.
     *
     * @param file   the data file, or {@code null} for memory only
     * @param engine the engine to hold the tables
     */
    public LocalClient(Path file, Engine engine) {
        this.file = file;
        this.engine = engine;
        if (file != null) {
            SnapshotFiles.checkName(file);
            if (Files.exists(file)) {
                load(file);
            }
        }
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
            SnapshotFiles.save(engine.image(), target);
        }
    }

    @Override
    public void load(Path source) {
        engine.restore(SnapshotFiles.load(source));
    }

    @Override
    public ImportReport importPython(Path pythonFile) {
        PythonImport.Result result = PythonImport.read(pythonFile);
        engine.restore(result.tables());
        return result.report();
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
        if (file != null) {
            save(file);
        }
    }
}
