package cyberdb.net.server;

import cyberdb.api.SlowRequest;
import cyberdb.client.wire.Codec;
import cyberdb.client.wire.Op;
import cyberdb.client.wire.ProtocolException;
import cyberdb.core.value.MalformedValueException;
import cyberdb.core.value.ValueReader;
import cyberdb.core.value.ValueWriter;
import cyberdb.core.view.DictBackend;
import cyberdb.core.view.ListBackend;
import cyberdb.core.view.Placement;
import cyberdb.core.view.VersionedList;
import cyberdb.engine.serve.ServedDatabase;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Executes one connection's requests against the engine, with the same backends the embedded
 * database uses. A request is decoded whole before anything runs, so a malformed request changes
 * nothing. It also holds the connection's open dict cursors, at most {@value #MAX_CURSORS}.
 */
final class RequestHandler {

    /**
     * The open iterations a connection may hold, of all its sessions: an iteration holds the
     * entry it stands on and little else (about a hundred bytes), so this bounds what cursors
     * take to a few hundred kilobytes per connection; the least recently used goes first.
     */
    static final int MAX_CURSORS = 4096;
    static final int MAX_PAGE = 1024;

    /** An iteration of a session. */
    private record CursorKey(long session, long cursor) {
    }

    private final ServedDatabase database;
    private final Supplier<SequencedMap<String, Object>> info;
    private final ServerStats stats;
    private final int maxFrameBytes;
    private final Map<CursorKey, Iterator<Map.Entry<Object, Object>>> cursors = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<CursorKey, Iterator<Map.Entry<Object, Object>>> eldest) {
            return size() > MAX_CURSORS;
        }
    };
    private long nextCursor;

    /**
     * @param database      the database served
     * @param info          what {@code INFO} answers
     * @param stats         what {@code SLOWLOG} reads
     * @param maxFrameBytes the largest frame
     */
    RequestHandler(ServedDatabase database, Supplier<SequencedMap<String, Object>> info, ServerStats stats,
                   int maxFrameBytes) {
        this.database = database;
        this.info = info;
        this.stats = stats;
        this.maxFrameBytes = maxFrameBytes;
    }

    /**
     * A decoded request, not yet executed.
     *
     * @param op    the operation
     * @param table the table name, empty for catalogue operations
     * @param work  what it does, writing the OK response body after the status byte
     */
    record Request(Op op, String table, Consumer<ValueWriter> work) {
    }

    /**
     * Decodes a whole request: opcode, table name, every argument, and nothing after them.
     * Nothing runs until all of it has decoded, so a request refused here has changed nothing.
     *
     * @param in the request, after its frame kind and id
     * @return the request
     * @throws ProtocolException if it is not a well-formed request
     */
    Request decode(ValueReader in) throws ProtocolException {
        try {
            int code = in.readByte();
            Op op = Op.of(code);
            if (op == null) {
                throw new ProtocolException("Unknown opcode " + code);
            }
            String table = in.string();
            Consumer<ValueWriter> work = prepare(op, table, in);
            if (in.remaining() != 0) {
                throw new ProtocolException("Request " + op + " has " + in.remaining() + " stray bytes");
            }
            return new Request(op, table, work);
        } catch (MalformedValueException malformed) {
            throw new ProtocolException("Malformed request: " + malformed.getMessage(), malformed);
        }
    }

    /**
     * Decodes a request's arguments, all of them, and returns the work it asks for, not yet
     * done: a request that turns out malformed, or has bytes left over, has changed nothing.
     *
     * @param op    the operation
     * @param table the table name
     * @param in    the arguments
     * @return the work, which writes the OK response body after the status byte
     * @throws MalformedValueException if the arguments do not decode
     */
    private Consumer<ValueWriter> prepare(Op op, String table, ValueReader in) {
        return switch (op.on()) {
            case CATALOGUE -> catalogue(op, table, in);
            case DICT -> dict(op, table, in);
            case LIST -> list(op, table, in);
        };
    }

    private Consumer<ValueWriter> catalogue(Op op, String table, ValueReader in) {
        return switch (op) {
            case PING -> out -> {
                var problem = database.storageProblem();
                out.writeByte(problem.isPresent() ? 1 : 0);
                problem.ifPresent(out::string);
            };
            case TABLES -> out -> {
                var tables = database.tables();
                out.varLong(tables.size());
                tables.forEach(t -> Codec.kind(out.string(t.name()), t.kind()));
            };
            case EXISTS -> out -> out.writeByte(database.exists(table) ? 1 : 0);
            case OPEN_DICT -> out -> database.checkDict(table);
            case OPEN_LIST -> out -> database.checkList(table);
            case CREATE_DICT -> {
                SequencedMap<Object, Object> entries = Codec.entries(in);
                yield out -> database.createDict(table, entries);
            }
            case CREATE_LIST -> {
                List<Object> elements = Codec.values(in);
                yield out -> database.createList(table, elements);
            }
            case DROP -> out -> out.writeByte(database.drop(table) ? 1 : 0);
            case SAVE -> out -> database.save();
            case CLOSE_SESSION -> {
                long session = Codec.longValue(in);
                yield out -> cursors.keySet().removeIf(key -> key.session() == session);
            }
            case INFO -> out -> out.value(info.get());
            case SLOWLOG -> {
                int asked = Codec.intValue(in);
                int max = Math.clamp(asked, 0, ServerStats.SLOW_LOG_LENGTH);
                yield out -> {
                    if (asked < 0) {
                        throw new IllegalArgumentException("max must be 0 or more, got " + asked);
                    }
                    List<SlowRequest> slow = stats.slowRequests(max);
                    out.varLong(slow.size());
                    for (SlowRequest request : slow) {
                        out.varLong(request.at().toEpochMilli()).varLong(request.took().toNanos() / 1000)
                                .string(request.operation()).string(request.table()).string(request.client());
                    }
                };
            }
            default -> throw new IllegalStateException("Not a catalogue operation: " + op);
        };
    }

    private Consumer<ValueWriter> dict(Op op, String table, ValueReader in) {
        DictBackend dict = database.dict(table);
        return switch (op) {
            case DICT_GET -> {
                Object key = Codec.key(in);
                yield out -> Codec.optional(out, dict.get(key));
            }
            case DICT_GET_ALL -> {
                List<Object> keys = Codec.keys(in);
                yield out -> Codec.optionals(out, dict.getAll(keys));
            }
            case DICT_SIZE -> out -> Codec.integer(out, dict.size());
            case DICT_CONTAINS_VALUE -> {
                Object value = in.value();
                yield out -> out.writeByte(dict.containsValue(value) ? 1 : 0);
            }
            case DICT_PUT -> {
                Object key = Codec.key(in);
                Object value = in.value();
                Placement placement = Codec.placement(in);
                yield out -> Codec.optional(out, dict.put(key, value, placement));
            }
            case DICT_SET -> {
                Object key = Codec.key(in);
                Object value = in.value();
                yield out -> dict.set(key, value);
            }
            case DICT_PUT_IF_ABSENT -> {
                Object key = Codec.key(in);
                Object value = in.value();
                yield out -> Codec.optional(out, dict.putIfAbsent(key, value));
            }
            case DICT_REPLACE -> {
                Object key = Codec.key(in);
                Object value = in.value();
                yield out -> Codec.optional(out, dict.replace(key, value));
            }
            case DICT_REPLACE_IF -> {
                Object key = Codec.key(in);
                Object expected = in.value();
                Object value = in.value();
                yield out -> out.writeByte(dict.replace(key, expected, value) ? 1 : 0);
            }
            case DICT_REMOVE -> {
                Object key = Codec.key(in);
                yield out -> Codec.optional(out, dict.remove(key));
            }
            case DICT_REMOVE_IF -> {
                Object key = Codec.key(in);
                Object expected = in.value();
                yield out -> out.writeByte(dict.remove(key, expected) ? 1 : 0);
            }
            case DICT_PUT_ALL -> {
                SequencedMap<Object, Object> entries = Codec.entries(in);
                yield out -> dict.putAll(entries);
            }
            case DICT_CLEAR -> out -> dict.clear();
            case DICT_ADD_AND_GET -> {
                Object key = Codec.key(in);
                long delta = Codec.longValue(in);
                yield out -> Codec.integer(out, dict.addAndGet(key, delta));
            }
            case DICT_EDGE -> {
                boolean last = Codec.flag(in);
                yield out -> Codec.entry(out, dict.edge(last));
            }
            case DICT_POLL_EDGE -> {
                boolean last = Codec.flag(in);
                yield out -> Codec.entry(out, dict.pollEdge(last));
            }
            case DICT_COPY -> out -> Codec.entries(out, dict.copy());
            case DICT_PAGE -> {
                long session = Codec.longValue(in);
                long cursor = Codec.longValue(in);
                boolean descending = Codec.flag(in);
                int max = Codec.intValue(in);
                yield out -> page(dict, new CursorKey(session, cursor), descending, max, out);
            }
            default -> throw new IllegalStateException("Not a dict operation: " + op);
        };
    }

    /** Sends up to {@code max} entries from a cursor, and whether more follow. */
    private void page(DictBackend dict, CursorKey asked, boolean descending, int max, ValueWriter out) {
        Iterator<Map.Entry<Object, Object>> entries;
        CursorKey cursor = asked;
        if (asked.cursor() == 0) {
            entries = dict.iterator(descending);
            cursor = new CursorKey(asked.session(), ++nextCursor);
            cursors.put(cursor, entries);
        } else {
            entries = cursors.get(cursor);
            if (entries == null) {
                throw new IllegalStateException("Iteration cursor " + cursor.cursor() + " expired: a connection keeps at"
                        + " most " + MAX_CURSORS + " iterations open, and closing a proxy ends its own; iterate again.");
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
        Codec.integer(out, cursor.cursor());
        out.writeByte(more ? 1 : 0).varLong(count).raw(page.buffer(), 0, page.size());
    }

    private Consumer<ValueWriter> list(Op op, String table, ValueReader in) {
        ListBackend list = database.list(table);
        return switch (op) {
            case LIST_SIZE -> out -> Codec.integer(out, list.size());
            case LIST_GET -> {
                int index = Codec.intValue(in);
                yield out -> Codec.optional(out, list.elementAt(index));
            }
            case LIST_SET -> {
                int index = Codec.intValue(in);
                Object value = in.value();
                yield out -> out.value(list.set(index, value));
            }
            case LIST_INSERT -> {
                int index = Codec.intValue(in);
                List<Object> values = Codec.values(in);
                yield out -> list.insert(index, values);
            }
            case LIST_APPEND -> {
                List<Object> values = Codec.values(in);
                yield out -> list.append(values);
            }
            case LIST_REMOVE_AT -> {
                int index = Codec.intValue(in);
                yield out -> Codec.optional(out, list.removeAt(index));
            }
            case LIST_REMOVE_EQUAL -> {
                Object value = in.value();
                yield out -> out.writeByte(list.removeFirstEqual(value) ? 1 : 0);
            }
            case LIST_INDEX_OF -> {
                Object value = in.value();
                boolean fromLast = Codec.flag(in);
                yield out -> Codec.integer(out, list.indexOf(value, fromLast));
            }
            case LIST_COUNT -> {
                Object value = in.value();
                yield out -> Codec.integer(out, list.count(value));
            }
            case LIST_CLEAR -> out -> list.clear();
            case LIST_REVERSE -> out -> list.reverse();
            case LIST_SLICE -> {
                int from = Codec.intValue(in);
                int to = Codec.intValue(in);
                yield out -> Codec.values(out, list.slice(from, to));
            }
            case LIST_PAGE -> {
                int from = Codec.intValue(in);
                int max = Math.clamp(Codec.intValue(in), 1, MAX_PAGE);
                yield out -> Codec.values(out, list.page(from, max));
            }
            case LIST_VERSIONED -> out -> {
                VersionedList versioned = list.versioned();
                Codec.integer(out, versioned.version());
                Codec.values(out, versioned.elements());
            };
            case LIST_REPLACE_ALL -> {
                long version = Codec.longValue(in);
                List<Object> values = Codec.values(in);
                yield out -> out.writeByte(list.replaceAll(version, values) ? 1 : 0);
            }
            default -> throw new IllegalStateException("Not a list operation: " + op);
        };
    }
}
