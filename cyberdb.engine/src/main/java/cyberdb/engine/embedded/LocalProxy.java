package cyberdb.engine.embedded;

import cyberdb.api.CyberDB;
import cyberdb.api.CyberProxy;
import cyberdb.api.DatabaseInfo;
import cyberdb.api.ProxyClosedException;
import cyberdb.api.SlowRequest;
import cyberdb.api.TableInfo;
import cyberdb.api.TableKind;
import cyberdb.core.view.BaseProxy;
import cyberdb.core.view.DictBackend;
import cyberdb.core.view.ListBackend;
import cyberdb.engine.store.Engine;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;

/** A proxy onto the in-process engine. Connecting costs nothing; it only opens the gate. */
final class LocalProxy extends BaseProxy {

    private final LocalClient client;
    private final Engine engine;
    private volatile boolean connected;

    LocalProxy(LocalClient client, Engine engine) {
        this.client = client;
        this.engine = engine;
    }

    @Override
    public CyberProxy connect() {
        client.checkOpen();
        connected = true;
        return this;
    }

    @Override
    public boolean isConnected() {
        return connected && client.isOpen();
    }

    @Override
    public void close() {
        connected = false;
    }

    private void guard() {
        if (!connected) {
            throw new ProxyClosedException("This proxy is closed; call connect() on it, and its tables work again.");
        }
        client.checkOpen();
    }

    @Override
    protected void checkTable(String name, TableKind kind) {
        guard();
        if (kind == TableKind.DICT) {
            engine.dict(name);
        } else {
            engine.list(name);
        }
    }

    @Override
    protected DictBackend dictBackend(String name) {
        return new LocalDictBackend(engine, name, this::guard);
    }

    @Override
    protected ListBackend listBackend(String name) {
        return new LocalListBackend(engine, name, this::guard);
    }

    @Override
    protected void create(String name, TableKind kind, SequencedMap<Object, Object> entries, List<Object> elements) {
        guard();
        engine.create(name, kind, entries, elements);
    }

    @Override
    public DatabaseInfo info() {
        guard();
        SequencedMap<String, SequencedMap<String, Object>> sections = new LinkedHashMap<>();
        SequencedMap<String, Object> server = new LinkedHashMap<>();
        server.put("version", CyberDB.version());
        server.put("mode", "embedded");
        server.put("uptime_seconds", client.uptimeSeconds());
        server.put("jdk", Runtime.version().toString());
        server.put("pid", ProcessHandle.current().pid());
        sections.put("server", server);
        sections.putAll(client.infoSections());
        return new DatabaseInfo(sections);
    }

    @Override
    public List<SlowRequest> slowRequests(int max) {
        if (max < 0) {
            throw new IllegalArgumentException("max must be 0 or more, got " + max);
        }
        guard();
        return List.of();
    }

    @Override
    public List<TableInfo> tables() {
        guard();
        return engine.tables();
    }

    @Override
    public boolean exists(String name) {
        guard();
        return engine.kind(name).isPresent();
    }

    @Override
    public void save() {
        guard();
        client.save();
    }

    @Override
    public boolean dropTable(String name) {
        guard();
        return engine.drop(name);
    }
}
