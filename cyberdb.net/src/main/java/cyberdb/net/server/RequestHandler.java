package cyberdb.net.server;

import cyberdb.api.TableKind;
import cyberdb.engine.command.Command;
import cyberdb.engine.command.Command.Placement;
import cyberdb.engine.embedded.LocalClient;
import cyberdb.engine.embedded.LocalDictBackend;
import cyberdb.engine.embedded.LocalListBackend;
import cyberdb.engine.store.Engine;
import cyberdb.engine.value.MalformedValueException;
import cyberdb.engine.value.Values;
import cyberdb.engine.value.ValueReader;
import cyberdb.engine.value.ValueWriter;
import cyberdb.engine.view.VersionedList;
import cyberdb.net.wire.Codec;
import cyberdb.net.wire.Op;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;

/**
 * Executes one connection's requests against the engine, with the same backends the embedded
 * database uses. It decodes every argument before it acts, so a malformed request changes
 * nothing. It also holds the connection's open dict cursors, at most {@value #MAX_CURSORS}.
 */
final class RequestHandler {

    static final int MAX_CURSORS = 16;
    static final int MAX_PAGE = 1024;
    private static final Runnable OPEN = () -> { };

    private final LocalClient database;
    private final Engine engine;
    private final int maxFrameBytes;
    private final Map<Long, Iterator<Map.Entry<Object, Object>>> cursors = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Iterator<Map.Entry<Object, Object>>> eldest) {
            return size() > MAX_CURSORS;
        }
    };
    private long nextCursor;

    RequestHandler(LocalClient database, int maxFrameBytes) {
        this.database = database;
        this.engine = database.engine();
        this.maxFrameBytes = maxFrameBytes;
    }

    /**
     * Runs one request and writes the OK response body after the status byte.
     *
     * @param op    the operation
     * @param table the table name
     * @param in    the arguments
     * @param out   the response, holding the OK status byte already
     */
    void handle(Op op, String table, ValueReader in, ValueWriter out) {
        switch (op) {
            case PING -> {
                var problem = database.storageProblem();
                out.writeByte(problem.isPresent() ? 1 : 0);
                problem.ifPresent(out::string);
            }
            case TABLES -> {
                var tables = engine.tables();
                out.varLong(tables.size());
                tables.forEach(t -> out.string(t.name()).writeByte(t.kind().ordinal()));
            }
            case EXISTS -> out.writeByte(engine.kind(table).isPresent() ? 1 : 0);
            case OPEN_DICT -> engine.dict(table);
            case OPEN_LIST -> engine.list(table);
            case CREATE_DICT -> {
                SequencedMap<Object, Object> entries = Codec.entries(in);
                create(table, TableKind.DICT, () -> entries.forEach(
                        (k, v) -> engine.apply(new Command.DictPut(table, k, v, Placement.LAST))));
            }
            case CREATE_LIST -> {
                List<Object> elements = Codec.values(in);
                create(table, TableKind.LIST, () -> {
                    if (!elements.isEmpty()) {
                        engine.apply(new Command.ListInsert(table, 0, Values.frozenList(elements.toArray())));
                    }
                });
            }
            case DROP -> out.writeByte(engine.drop(table) ? 1 : 0);
            case SAVE -> database.save();
            default -> {
                if (op.onDict()) {
                    dict(op, new LocalDictBackend(engine, table, OPEN), in, out);
                } else {
                    list(op, new LocalListBackend(engine, table, OPEN), in, out);
                }
            }
        }
    }

    private void create(String table, TableKind kind, Runnable content) {
        Engine.checkName(table);
        engine.write(() -> {
            engine.create(table, kind);
            content.run();
            return null;
        });
    }

    private void dict(Op op, LocalDictBackend dict, ValueReader in, ValueWriter out) {
        switch (op) {
            case DICT_GET -> Codec.optional(out, dict.get(in.value()));
            case DICT_GET_ALL -> Codec.optionals(out, dict.getAll(Codec.keys(in)));
            case DICT_SIZE -> Codec.integer(out, dict.size());
            case DICT_CONTAINS_VALUE -> out.writeByte(dict.containsValue(in.value()) ? 1 : 0);
            case DICT_PUT -> {
                Object key = in.value();
                Object value = in.value();
                int placement = in.readByte();
                if (placement >= Placement.values().length) {
                    throw new MalformedValueException("Placement " + placement, in.position());
                }
                Codec.optional(out, dict.put(key, value, Placement.values()[placement]));
            }
            case DICT_PUT_IF_ABSENT -> {
                Object key = in.value();
                Codec.optional(out, dict.putIfAbsent(key, in.value()));
            }
            case DICT_REPLACE -> {
                Object key = in.value();
                Codec.optional(out, dict.replace(key, in.value()));
            }
            case DICT_REPLACE_IF -> {
                Object key = in.value();
                Object expected = in.value();
                out.writeByte(dict.replace(key, expected, in.value()) ? 1 : 0);
            }
            case DICT_REMOVE -> Codec.optional(out, dict.remove(in.value()));
            case DICT_REMOVE_IF -> {
                Object key = in.value();
                out.writeByte(dict.remove(key, in.value()) ? 1 : 0);
            }
            case DICT_PUT_ALL -> dict.putAll(Codec.entries(in));
            case DICT_CLEAR -> dict.clear();
            case DICT_ADD_AND_GET -> {
                Object key = in.value();
                Codec.integer(out, dict.addAndGet(key, Codec.longValue(in)));
            }
            case DICT_EDGE -> Codec.entry(out, dict.edge(Codec.flag(in)));
            case DICT_POLL_EDGE -> Codec.entry(out, dict.pollEdge(Codec.flag(in)));
            case DICT_COPY -> Codec.entries(out, dict.copy());
            case DICT_PAGE -> page(dict, Codec.longValue(in), Codec.flag(in), Codec.intValue(in), out);
            default -> throw new IllegalStateException("Not a dict operation: " + op);
        }
    }

    /** Sends up to {@code max} entries from a cursor, and whether more follow. */
    private void page(LocalDictBackend dict, long cursor, boolean descending, int max, ValueWriter out) {
        Iterator<Map.Entry<Object, Object>> entries;
        if (cursor == 0) {
            entries = dict.iterator(descending);
            cursor = ++nextCursor;
            cursors.put(cursor, entries);
        } else {
            entries = cursors.get(cursor);
            if (entries == null) {
                throw new IllegalStateException("Iteration cursor " + cursor + " expired: a connection keeps at most "
                        + MAX_CURSORS + " iterations open; iterate again.");
            }
        }
        int limit = Math.clamp(max, 1, MAX_PAGE);
        ValueWriter page = new ValueWriter(1024);
        int count = 0;
        while (count < limit && page.size() < maxFrameBytes / 4 && entries.hasNext()) {
            Map.Entry<Object, Object> entry = entries.next();
            page.value(entry.getKey()).value(entry.getValue());
            count++;
        }
        boolean more = entries.hasNext();
        if (!more) {
            cursors.remove(cursor);
        }
        Codec.integer(out, cursor);
        out.writeByte(more ? 1 : 0).varLong(count).raw(page.buffer(), 0, page.size());
    }

    private void list(Op op, LocalListBackend list, ValueReader in, ValueWriter out) {
        switch (op) {
            case LIST_SIZE -> Codec.integer(out, list.size());
            case LIST_GET -> Codec.optional(out, list.elementAt(Codec.intValue(in)));
            case LIST_SET -> {
                int index = Codec.intValue(in);
                out.value(list.set(index, in.value()));
            }
            case LIST_INSERT -> {
                int index = Codec.intValue(in);
                list.insert(index, Codec.values(in));
            }
            case LIST_APPEND -> list.append(Codec.values(in));
            case LIST_REMOVE_AT -> Codec.optional(out, list.removeAt(Codec.intValue(in)));
            case LIST_REMOVE_EQUAL -> out.writeByte(list.removeFirstEqual(in.value()) ? 1 : 0);
            case LIST_INDEX_OF -> {
                Object value = in.value();
                Codec.integer(out, list.indexOf(value, Codec.flag(in)));
            }
            case LIST_COUNT -> Codec.integer(out, list.count(in.value()));
            case LIST_CLEAR -> list.clear();
            case LIST_REVERSE -> list.reverse();
            case LIST_SLICE -> {
                int from = Codec.intValue(in);
                Codec.values(out, list.slice(from, Codec.intValue(in)));
            }
            case LIST_PAGE -> {
                int from = Codec.intValue(in);
                Codec.values(out, list.page(from, Math.clamp(Codec.intValue(in), 1, MAX_PAGE)));
            }
            case LIST_VERSIONED -> {
                VersionedList versioned = list.versioned();
                Codec.integer(out, versioned.version());
                Codec.values(out, versioned.elements());
            }
            case LIST_REPLACE_ALL -> {
                long version = Codec.longValue(in);
                out.writeByte(list.replaceAll(version, Codec.values(in)) ? 1 : 0);
            }
            default -> throw new IllegalStateException("Not a list operation: " + op);
        }
    }
}
