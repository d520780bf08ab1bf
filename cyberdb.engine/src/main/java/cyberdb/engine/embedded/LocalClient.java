package cyberdb.engine.embedded;

import cyberdb.api.CyberProxy;
import cyberdb.api.Durability;
import cyberdb.api.EmbeddedClient;
import cyberdb.api.FileInUseException;
import cyberdb.api.ImportReport;
import cyberdb.api.ProxyClosedException;
import cyberdb.api.ReadOnlyException;
import cyberdb.api.StorageException;
import cyberdb.api.TableKind;
import cyberdb.api.spi.EmbeddedConfig;
import cyberdb.engine.journal.Journal;
import cyberdb.engine.migrate.PythonImport;
import cyberdb.engine.snapshot.SnapshotFiles;
import cyberdb.engine.store.Engine;
import cyberdb.engine.store.TableImage;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SequencedMap;
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
    private final Durability durability;
    private final long openedNanos = System.nanoTime();
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
        this.durability = null;
    }

    /**
     * Opens a database kept in a file: takes ownership of it (unless read-only), loads the
     * snapshot if it exists, replays its journal, and journals from then on as the durability
     * says. Nothing is written until something changes.
     *
     * @param config the file and how to open it
     * @param engine the engine to hold the tables
     * @throws FileInUseException if another database owns the file
     */
    public LocalClient(EmbeddedConfig config, Engine engine) {
        this(config, engine, Journal.FILES, DataFile.Steps.NONE);
    }

    LocalClient(EmbeddedConfig config, Engine engine, Journal.ChannelOpener opener, DataFile.Steps steps) {
        SnapshotFiles.checkName(config.file());
        this.file = config.file();
        this.engine = engine;
        this.dataFile = DataFile.open(config, engine, opener, steps);
        this.durability = config.readOnly() ? null : config.durability();
        engine.memoryLimit(config.maxMemory(), "maxMemory (EmbeddedBuilder; cyberdb.max-memory in CDI configuration;"
                + " by default half the JVM's maximum heap, -Xmx)");
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
        if (dataFile != null && dataFile.readOnly()) {
            throw new ReadOnlyException("This database was opened read-only; it writes no file, " + target + " included.");
        }
        synchronized (saving) {
            if (isDataFile(target)) {
                dataFile.save();
            } else {
                // Another database may own the target: writing over it would pull its files from under it.
                DataFileLock owned = DataFileLock.acquire(target);
                try {
                    if (Files.exists(DataFile.journalOf(target))) {
                        // Its journal would then continue a snapshot that is no longer there.
                        throw new StorageException("Cannot save to " + target + ": it is a database's data file, with its"
                                + " journal " + DataFile.journalOf(target) + " beside it; saving over it would lose"
                                + " what that journal holds. Choose another file.", null);
                    }
                    SnapshotFiles.save(engine.image(), target);
                } finally {
                    owned.close();
                }
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

    /**
     * Replaces everything, as one journaled command; the data file is then re-based on it at once,
     * so the journal does not keep the whole database as one record for long.
     */
    private void restore(List<TableImage> tables) {
        synchronized (saving) {
            engine.restore(tables);
            if (dataFile != null) {
                dataFile.save();
            }
        }
    }

    /**
     * Tells what this database says about itself: the {@code memory}, {@code persistence} and
     * {@code tables} sections of {@link cyberdb.api.DatabaseInfo}, which a server completes with
     * its own.
     *
     * @return the sections by name
     */
    public SequencedMap<String, SequencedMap<String, Object>> infoSections() {
        List<Engine.TableFigures> figures = engine.figures();
        SequencedMap<String, Object> memory = new LinkedHashMap<>();
        Runtime runtime = Runtime.getRuntime();
        memory.put("heap_used_bytes", runtime.totalMemory() - runtime.freeMemory());
        memory.put("heap_max_bytes", runtime.maxMemory());
        memory.put("entries", figures.stream().mapToLong(Engine.TableFigures::size).sum());
        memory.put("data_bytes", engine.footprint());
        long limit = engine.memoryLimit();
        memory.put("max_memory_bytes", limit == Long.MAX_VALUE ? -1L : limit);

        SequencedMap<String, Object> persistence = new LinkedHashMap<>();
        persistence.put("data_file", file == null ? "none" : file.toString());
        persistence.put("durability", durability == null ? (file == null ? "none" : "read-only") : configName(durability));
        if (dataFile != null) {
            persistence.put("journal_bytes", dataFile.journalBytes());
            Optional<DataFile.SaveOutcome> last = dataFile.lastSave();
            persistence.put("last_snapshot", last.map(outcome -> outcome.at().toString()).orElse("never"));
            persistence.put("last_snapshot_status", last.map(outcome -> outcome.problem() == null ? "ok"
                    : "failed: " + outcome.problem()).orElse("none yet"));
            persistence.put("last_snapshot_seconds", last.map(DataFile.SaveOutcome::seconds).orElse(0.0));
            persistence.put("last_good_snapshot", dataFile.lastGoodSave().map(Instant::toString).orElse("never"));
            persistence.put("changes_since_snapshot", dataFile.changesSinceSave());
            persistence.put("storage_problem", dataFile.problem().orElse("none"));
            long[] forces = dataFile.journalForces();
            persistence.put("journal_fsyncs_total", forces[0]);
            persistence.put("journal_fsync_seconds_total", forces[1] / 1e9);
        }

        SequencedMap<String, Object> tables = new LinkedHashMap<>();
        for (Engine.TableFigures table : figures) {
            SequencedMap<String, Object> figure = new LinkedHashMap<>();
            figure.put("kind", table.kind() == TableKind.DICT ? "dict" : "list");
            figure.put("size", (long) table.size());
            figure.put("bytes", table.bytes());
            tables.put(table.name(), Collections.unmodifiableSequencedMap(figure));
        }
        SequencedMap<String, SequencedMap<String, Object>> sections = new LinkedHashMap<>();
        sections.put("memory", memory);
        sections.put("persistence", persistence);
        sections.put("tables", tables);
        return sections;
    }

    /** The name configuration and the command line use for a durability (see {@link Durability#fromName}). */
    private static String configName(Durability durability) {
        return switch (durability) {
            case SNAPSHOT_ONLY -> "off";
            case JOURNAL_NO_FSYNC -> "none";
            case JOURNAL_FSYNC_EVERY_SECOND -> "everysec";
            case JOURNAL_FSYNC_ALWAYS -> "always";
        };
    }

    /** @return the seconds since this database was opened */
    long uptimeSeconds() {
        return (System.nanoTime() - openedNanos) / 1_000_000_000L;
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
        if (dataFile != null && dataFile.readOnly()) {
            throw new ReadOnlyException("This database was opened read-only; it takes no backups.");
        }
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
            if (isDataFile(target)) {
                synchronized (saving) {
                    dataFile.saveIfChanged();
                }
            } else {
                save(target);
            }
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
            synchronized (saving) {
                dataFile.close();
            }
        }
    }

    /**
     * Lets go of the files as a killed process would: nothing more is saved, and ownership of
     * the data file ends. For tests that crash a database and open its files again.
     */
    void abandon() {
        synchronized (this) {
            open = false;
            stopBackup();
            if (scheduler != null) {
                scheduler.shutdownNow();
            }
        }
        if (dataFile != null) {
            dataFile.release();
        }
    }
}
