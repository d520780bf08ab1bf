package cyberdb.client.wire;

import cyberdb.api.TableKind;
import cyberdb.core.value.MalformedValueException;
import cyberdb.core.value.ValueReader;
import cyberdb.core.value.ValueWriter;
import cyberdb.core.value.Values;
import cyberdb.core.view.Placement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;

/**
 * The shapes requests and responses are built from, on top of the engine's value encoding, so
 * that both sides read what the other writes with the same code.
 */
public final class Codec {

    private Codec() {
    }

    /**
     * Writes a value that may be {@link Values#ABSENT}: a presence byte, then the value.
     *
     * @param w     the writer
     * @param value a stored value or ABSENT
     */
    public static void optional(ValueWriter w, Object value) {
        if (value == Values.ABSENT) {
            w.writeByte(0);
        } else {
            w.writeByte(1).value(value);
        }
    }

    /**
     * Reads what {@link #optional(ValueWriter, Object)} wrote.
     *
     * @param r the reader
     * @return the value or ABSENT
     */
    public static Object optional(ValueReader r) {
        return flag(r) ? r.value() : Values.ABSENT;
    }

    /**
     * Writes an entry that may be missing.
     *
     * @param w     the writer
     * @param entry the entry, or {@code null}
     */
    public static void entry(ValueWriter w, Map.Entry<Object, Object> entry) {
        if (entry == null) {
            w.writeByte(0);
        } else {
            w.writeByte(1).value(entry.getKey()).value(entry.getValue());
        }
    }

    /**
     * Reads what {@link #entry(ValueWriter, Map.Entry)} wrote.
     *
     * @param r the reader
     * @return the entry, or {@code null}
     */
    public static Map.Entry<Object, Object> entry(ValueReader r) {
        return flag(r) ? new java.util.AbstractMap.SimpleImmutableEntry<>(r.value(), r.value()) : null;
    }

    /**
     * Writes a table kind: 0 for a dict, 1 for a list.
     *
     * @param w    the writer
     * @param kind the kind
     */
    public static void kind(ValueWriter w, TableKind kind) {
        w.writeByte(kind == TableKind.DICT ? 0 : 1);
    }

    /**
     * Reads what {@link #kind(ValueWriter, TableKind)} wrote.
     *
     * @param r the reader
     * @return the kind
     */
    public static TableKind kind(ValueReader r) {
        int at = r.position();
        return switch (r.readByte()) {
            case 0 -> TableKind.DICT;
            case 1 -> TableKind.LIST;
            default -> throw new MalformedValueException("Unknown table kind", at);
        };
    }

    /**
     * Writes where a put leaves its key.
     *
     * @param w         the writer
     * @param placement the placement
     */
    public static void placement(ValueWriter w, Placement placement) {
        w.writeByte(placement.code());
    }

    /**
     * Reads what {@link #placement(ValueWriter, Placement)} wrote.
     *
     * @param r the reader
     * @return the placement
     */
    public static Placement placement(ValueReader r) {
        int at = r.position();
        Placement placement = Placement.of(r.readByte());
        if (placement == null) {
            throw new MalformedValueException("Unknown placement", at);
        }
        return placement;
    }

    /**
     * Reads a flag byte, 0 or 1.
     *
     * @param r the reader
     * @return the flag
     */
    public static boolean flag(ValueReader r) {
        int at = r.position();
        int b = r.readByte();
        if (b > 1) {
            throw new MalformedValueException("Flag byte " + b, at);
        }
        return b == 1;
    }

    /**
     * Writes an int as a tagged integer value, so negative numbers cost no more than positive ones.
     *
     * @param w the writer
     * @param n the number
     */
    public static void integer(ValueWriter w, long n) {
        w.value(n);
    }

    /**
     * Reads an int written by {@link #integer}.
     *
     * @param r the reader
     * @return the number
     */
    public static int intValue(ValueReader r) {
        long n = longValue(r);
        if (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE) {
            throw new MalformedValueException("Integer " + n + " out of int range", r.position());
        }
        return (int) n;
    }

    /**
     * Reads a long written by {@link #integer}.
     *
     * @param r the reader
     * @return the number
     */
    public static long longValue(ValueReader r) {
        int at = r.position();
        if (!(r.value() instanceof Long n)) {
            throw new MalformedValueException("Expected an integer", at);
        }
        return n;
    }

    /**
     * Writes a list of stored values with its count.
     *
     * @param w      the writer
     * @param values the values
     */
    public static void values(ValueWriter w, List<Object> values) {
        w.varLong(values.size());
        values.forEach(w::value);
    }

    /**
     * Reads what {@link #values(ValueWriter, List)} wrote.
     *
     * @param r the reader
     * @return the values
     */
    public static List<Object> values(ValueReader r) {
        int n = r.count(1);
        List<Object> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            values.add(r.value());
        }
        return values;
    }

    /**
     * Writes values that may be {@link Values#ABSENT}, with their count.
     *
     * @param w      the writer
     * @param values stored values or ABSENT
     */
    public static void optionals(ValueWriter w, List<Object> values) {
        w.varLong(values.size());
        values.forEach(v -> optional(w, v));
    }

    /**
     * Reads what {@link #optionals(ValueWriter, List)} wrote.
     *
     * @param r the reader
     * @return the values, ABSENT where one was missing
     */
    public static List<Object> optionals(ValueReader r) {
        int n = r.count(1);
        List<Object> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            values.add(optional(r));
        }
        return values;
    }

    /**
     * Reads a dict key, refusing {@code null}, which no dict holds.
     *
     * @param r the reader
     * @return the key
     */
    public static Object key(ValueReader r) {
        int at = r.position();
        Object key = r.value();
        if (key == null) {
            throw new MalformedValueException("Null key", at);
        }
        return key;
    }

    /**
     * Reads keys as {@link #values(ValueWriter, List)} wrote them, refusing a {@code null} one.
     *
     * @param r the reader
     * @return the keys
     */
    public static List<Object> keys(ValueReader r) {
        int n = r.count(1);
        List<Object> keys = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            keys.add(key(r));
        }
        return keys;
    }

    /**
     * Writes entries with their count.
     *
     * @param w       the writer
     * @param entries the entries
     */
    public static void entries(ValueWriter w, SequencedMap<Object, Object> entries) {
        w.varLong(entries.size());
        entries.forEach((k, v) -> w.value(k).value(v));
    }

    /**
     * Reads what {@link #entries(ValueWriter, SequencedMap)} wrote.
     *
     * @param r the reader
     * @return the entries, in order
     */
    public static SequencedMap<Object, Object> entries(ValueReader r) {
        int n = r.count(2);
        SequencedMap<Object, Object> entries = LinkedHashMap.newLinkedHashMap(n);
        for (int i = 0; i < n; i++) {
            entries.put(key(r), r.value());
        }
        return entries;
    }
}
