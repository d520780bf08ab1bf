package cyberdb.client.remote;

import cyberdb.api.CyberProxy;
import cyberdb.api.DatabaseInfo;
import cyberdb.api.NoSuchTableException;
import cyberdb.api.ProxyClosedException;
import cyberdb.api.SlowRequest;
import cyberdb.api.TableInfo;
import cyberdb.api.TableKind;
import cyberdb.api.WrongTableKindException;
import cyberdb.client.wire.Codec;
import cyberdb.client.wire.Op;
import cyberdb.core.value.MalformedValueException;
import cyberdb.core.value.ValueReader;
import cyberdb.core.value.ValueWriter;
import cyberdb.core.view.BaseProxy;
import cyberdb.core.view.DictBackend;
import cyberdb.core.view.ListBackend;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A session with a server: it holds no connection of its own (its requests share the client's),
 * so a request-scoped proxy costs nothing. The server keeps the session's iteration cursors on the
 * connections that opened them; closing the proxy frees them.
 */
final class RemoteProxy extends BaseProxy {

    private final RemoteClient client;
    private final long session;
    private final Set<ClientConnection> cursorsOn = ConcurrentHashMap.newKeySet();
    private volatile boolean connected;

    RemoteProxy(RemoteClient client, long session) {
        this.client = client;
        this.session = session;
    }

    /** Checks that the server can be reached, connecting the client if it is not yet. */
    @Override
    public CyberProxy connect() {
        client.connection();
        connected = true;
        return this;
    }

    @Override
    public boolean isConnected() {
        return connected;
    }

    @Override
    public void close() {
        connected = false;
        for (ClientConnection connection : cursorsOn) {
            if (connection.usable()) {
                connection.send(Op.CLOSE_SESSION, "", w -> Codec.integer(w, session), r -> null);
            }
        }
        cursorsOn.clear();
    }

    long session() {
        return session;
    }

    private void checkConnected() {
        if (!connected) {
            throw closed();
        }
    }

    private static ProxyClosedException closed() {
        return new ProxyClosedException("This proxy is closed; call connect() on it, and its tables work again.");
    }

    /**
     * Sends a request on one of the client's connections, without waiting, not even for a
     * connection being opened.
     *
     * @param op        the operation
     * @param table     the table
     * @param arguments writes the arguments
     * @param result    reads the answer, on the connection's event loop
     * @param <T>       the answer's type
     * @return the answer to come; a closed proxy fails it with ProxyClosedException
     */
    <T> CompletableFuture<T> send(Op op, String table, Consumer<ValueWriter> arguments, Function<ValueReader, T> result) {
        CompletableFuture<ClientConnection> connecting;
        try {
            checkConnected();
            connecting = client.connecting();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (connecting.isDone() && !connecting.isCompletedExceptionally()) {
            return send(connecting.join(), op, table, arguments, result);
        }
        return connecting.thenCompose(connection -> send(connection, op, table, arguments, result));
    }

    <T> CompletableFuture<T> send(ClientConnection connection, Op op, String table, Consumer<ValueWriter> arguments,
                                  Function<ValueReader, T> result) {
        if (!connected) {
            return CompletableFuture.failedFuture(closed());
        }
        long start = System.nanoTime();
        return connection.send(op, table, arguments, result).whenComplete((answer, failure) -> {
            Throwable cause = failure instanceof CompletionException wrapped ? wrapped.getCause() : failure;
            if (cause instanceof NoSuchTableException || cause instanceof WrongTableKindException) {
                client.knownTables().remove(table);
            }
            client.stats().answered(op, System.nanoTime() - start, cause);
        });
    }

    /**
     * Waits for an answer, as the blocking API does.
     *
     * @param answer what {@link #send} returned
     * @param op     the operation, for the message if no answer comes
     * @param table  the table, for that message
     * @param <T>    the answer's type
     * @return the answer
     */
    <T> T await(CompletableFuture<T> answer, Op op, String table) {
        return client.await(answer, client.requestTimeout(), "answer " + op + (table.isEmpty() ? "" : " on " + table));
    }

    <T> T call(Op op, String table, Consumer<ValueWriter> arguments, Function<ValueReader, T> result) {
        checkConnected();
        return await(send(op, table, arguments, result), op, table);
    }

    <T> T call(ClientConnection connection, Op op, String table, Consumer<ValueWriter> arguments,
               Function<ValueReader, T> result) {
        checkConnected();
        return await(send(connection, op, table, arguments, result), op, table);
    }

    void run(Op op, String table, Consumer<ValueWriter> arguments) {
        call(op, table, arguments, r -> null);
    }

    /** A connection for an iteration, whose cursor lives there; the session will free it on close. */
    ClientConnection cursorConnection() {
        checkConnected();
        ClientConnection connection = client.connection();
        cursorsOn.add(connection);
        return connection;
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
    public DatabaseInfo info() {
        return call(Op.INFO, "", w -> { }, r -> {
            int at = r.position();
            if (!(r.value() instanceof Map<?, ?> sections)) {
                throw new MalformedValueException("Expected the info sections", at);
            }
            SequencedMap<String, SequencedMap<String, Object>> read = new LinkedHashMap<>();
            sections.forEach((name, section) -> {
                if (!(name instanceof String sectionName) || !(section instanceof Map<?, ?> entries)) {
                    throw new MalformedValueException("An info section is not a name and a map", at);
                }
                SequencedMap<String, Object> fields = new LinkedHashMap<>();
                entries.forEach((key, value) -> {
                    if (!(key instanceof String field)) {
                        throw new MalformedValueException("An info field's name is not a string", at);
                    }
                    fields.put(field, value);
                });
                read.put(sectionName, fields);
            });
            return new DatabaseInfo(read);
        });
    }

    @Override
    public List<SlowRequest> slowRequests(int max) {
        if (max < 0) {
            throw new IllegalArgumentException("max must be 0 or more, got " + max);
        }
        return call(Op.SLOWLOG, "", w -> Codec.integer(w, max), r -> {
            int n = r.count(5);
            List<SlowRequest> slow = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                slow.add(new SlowRequest(Instant.ofEpochMilli(r.varLong()), Duration.ofNanos(r.varLong() * 1000),
                        r.string(), r.string(), r.string()));
            }
            return slow;
        });
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
