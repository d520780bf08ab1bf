package cyberdb.engine.embedded;

import cyberdb.api.EmbeddedClient;
import cyberdb.api.TableInfo;
import cyberdb.api.TableKind;
import cyberdb.api.spi.EmbeddedConfig;
import cyberdb.core.view.DictBackend;
import cyberdb.core.view.ListBackend;
import cyberdb.engine.serve.ServedDatabase;
import cyberdb.engine.snapshot.SnapshotFiles;
import cyberdb.engine.store.Engine;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.SequencedMap;
import java.util.concurrent.CompletableFuture;

/** The engine behind {@link ServedDatabase}: a {@link LocalClient} and the backends its proxies use. */
public final class ServedEngine implements ServedDatabase {

    /** A served table is looked up at each operation, so there is nothing to guard. */
    private static final Runnable OPEN = () -> { };

    private final LocalClient client;
    private final Engine engine;

    private ServedEngine(LocalClient client) {
        this.client = client;
        this.engine = client.engine();
    }

    /** How a server's user sets the memory limit, for the message that refuses a write. */
    private static final String SERVER_LIMIT = "the server's --max-memory (CyberServer.Builder.maxMemory)";

    /**
     * Opens a database held in memory only.
     *
     * @param maxMemory the most heap the data may take, in bytes
     * @return the database
     */
    public static ServedEngine inMemory(long maxMemory) {
        Engine engine = new Engine();
        engine.memoryLimit(maxMemory, SERVER_LIMIT);
        return of(new LocalClient(engine));
    }

    /**
     * Serves a database already open.
     *
     * @param client the database
     * @return the database as a server sees it
     */
    public static ServedEngine of(LocalClient client) {
        return new ServedEngine(client);
    }

    /**
     * Opens a database kept in a data file.
     *
     * @param config the file and how to open it
     * @return the database
     */
    public static ServedEngine open(EmbeddedConfig config) {
        ServedEngine served = of(new LocalClient(config, new Engine()));
        served.engine.memoryLimit(config.maxMemory(), SERVER_LIMIT);
        return served;
    }

    @Override
    public void ranOutOfHeap() {
        engine.ranOutOfHeap();
    }

    @Override
    public EmbeddedClient client() {
        return client;
    }

    @Override
    public void saveImage(Path file) {
        SnapshotFiles.saveAs(engine.image(), file);
    }

    @Override
    public void loadImage(Path file) {
        engine.restore(SnapshotFiles.load(file).tables());
    }

    @Override
    public SequencedMap<String, SequencedMap<String, Object>> infoSections() {
        return client.infoSections();
    }

    @Override
    public List<TableInfo> tables() {
        return engine.tables();
    }

    @Override
    public boolean exists(String table) {
        return engine.kind(table).isPresent();
    }

    @Override
    public void checkDict(String table) {
        engine.dict(table);
    }

    @Override
    public void checkList(String table) {
        engine.list(table);
    }

    @Override
    public void createDict(String table, SequencedMap<Object, Object> entries) {
        engine.create(table, TableKind.DICT, entries, List.of());
    }

    @Override
    public void createList(String table, List<Object> elements) {
        engine.create(table, TableKind.LIST, new LinkedHashMap<>(), elements);
    }

    @Override
    public boolean drop(String table) {
        return engine.drop(table);
    }

    @Override
    public DictBackend dict(String table) {
        return new LocalDictBackend(engine, table, OPEN);
    }

    @Override
    public ListBackend list(String table) {
        return new LocalListBackend(engine, table, OPEN);
    }

    @Override
    public CompletableFuture<Void> run(Runnable work) {
        return engine.deferringDurability(work);
    }

    @Override
    public void save() {
        client.save();
    }

    @Override
    public Optional<String> storageProblem() {
        return client.storageProblem();
    }

    @Override
    public void close() {
        client.close();
    }
}
