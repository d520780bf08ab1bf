package cyberdb.net.client;

import cyberdb.api.ConnectionException;
import cyberdb.api.CyberProxy;
import cyberdb.api.NoSuchTableException;
import cyberdb.api.ProxyClosedException;
import cyberdb.api.TableInfo;
import cyberdb.api.TableKind;
import cyberdb.api.WrongTableKindException;
import cyberdb.core.value.ValueReader;
import cyberdb.core.value.ValueWriter;
import cyberdb.core.view.BaseProxy;
import cyberdb.core.view.DictBackend;
import cyberdb.core.view.ListBackend;
import cyberdb.net.wire.Codec;
import cyberdb.net.wire.Op;
import java.util.ArrayList;
import java.util.List;
import java.util.SequencedMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A proxy over one pooled connection, borrowed by {@link #connect()} and returned by
 * {@link #close()}. Used by one thread at a time, as documented on {@link CyberProxy}.
 */
final class NetProxy extends BaseProxy {

    private final NetClient client;
    private Connection connection;

    NetProxy(NetClient client) {
        this.client = client;
    }

    @Override
    public CyberProxy connect() {
        if (connection == null) {
            connection = client.borrow();
        }
        return this;
    }

    @Override
    public boolean isConnected() {
        return connection != null;
    }

    @Override
    public void close() {
        Connection returning = connection;
        connection = null;
        if (returning != null) {
            client.giveBack(returning);
        }
    }

    <T> T call(Op op, String table, Consumer<ValueWriter> arguments, Function<ValueReader, T> result) {
        if (connection == null) {
            throw new ProxyClosedException("This proxy is closed; call connect() on it, and its tables work again.");
        }
        try {
            return connection.call(op, table, arguments, result);
        } catch (ConnectionException lost) {
            close();
            throw lost;
        } catch (NoSuchTableException | WrongTableKindException stale) {
            client.knownTables().remove(table);
            throw stale;
        }
    }

    void run(Op op, String table, Consumer<ValueWriter> arguments) {
        call(op, table, arguments, r -> null);
    }

    /** Checks with the server only for a table this client has not seen with that kind. */
    @Override
    protected void checkTable(String name, TableKind kind) {
        if (client.knownTables().get(name) != kind) {
            run(kind == TableKind.DICT ? Op.OPEN_DICT : Op.OPEN_LIST, name, w -> { });
            client.knownTables().put(name, kind);
        }
    }

    @Override
    protected DictBackend dictBackend(String name) {
        return new RemoteDictBackend(this, name);
    }

    @Override
    protected ListBackend listBackend(String name) {
        return new RemoteListBackend(this, name);
    }

    @Override
    protected void create(String name, TableKind kind, SequencedMap<Object, Object> entries, List<Object> elements) {
        if (kind == TableKind.DICT) {
            run(Op.CREATE_DICT, name, w -> Codec.entries(w, entries));
        } else {
            run(Op.CREATE_LIST, name, w -> Codec.values(w, elements));
        }
        client.knownTables().put(name, kind);
    }

    @Override
    public List<TableInfo> tables() {
        return call(Op.TABLES, "", w -> { }, r -> {
            int n = r.count(2);
            List<TableInfo> tables = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                String name = r.string();
                tables.add(new TableInfo(name, Codec.kind(r)));
            }
            return tables;
        });
    }

    @Override
    public boolean exists(String name) {
        return call(Op.EXISTS, name, w -> { }, Codec::flag);
    }

    @Override
    public void save() {
        run(Op.SAVE, "", w -> { });
    }

    @Override
    public boolean dropTable(String name) {
        try {
            return call(Op.DROP, name, w -> { }, Codec::flag);
        } finally {
            client.knownTables().remove(name);
        }
    }
}
