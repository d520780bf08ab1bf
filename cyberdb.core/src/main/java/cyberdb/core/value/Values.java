package cyberdb.core.value;

import cyberdb.api.ValueNotStorableException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CyberDB's value model and the conversions at its edge.
 *
 * <p>A stored value is {@code null}, {@link Boolean}, {@link Long}, {@link Double},
 * {@link String}, {@link Blob}, an unmodifiable {@link List} of stored values, or an unmodifiable
 * insertion-ordered {@link Map} from non-null stored values to stored values. Stored values are
 * immutable, so tables can hand them between threads and compare them with {@code equals}.
 */
public final class Values {

    /**
     * Stands for "no mapping" where {@code null} is a legal stored value: returned by lookups
     * for a missing key or index, never stored.
     */
    public static final Object ABSENT = new Object() {
        @Override
        public String toString() {
            return "<absent>";
        }
    };

    /** Deeper nesting is refused; it bounds recursion on every path that walks a value. */
    public static final int MAX_DEPTH = 64;

    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private Values() {
    }

    /**
     * Converts a user's value into its stored form, copying everything mutable.
     *
     * @param value a value of the model, in any Java shape the model accepts
     * @return the stored form
     * @throws ValueNotStorableException if the value, or something nested in it, is outside the model
     */
    public static Object toStored(Object value) {
        return toStored(value, 0);
    }

    private static Object toStored(Object value, int depth) {
        if (value == null || value instanceof String || value instanceof Boolean
                || value instanceof Long || value instanceof Double || value instanceof Blob) {
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        if (value instanceof BigInteger big) {
            if (big.compareTo(LONG_MIN) < 0 || big.compareTo(LONG_MAX) > 0) {
                throw new ValueNotStorableException("Integer " + big + " is outside the long range that CyberDB stores;"
                        + " store it as a String instead.");
            }
            return big.longValue();
        }
        if (value instanceof byte[] bytes) {
            return Blob.copyOf(bytes);
        }
        if (value instanceof List<?> || value instanceof Map<?, ?>) {
            if (depth >= MAX_DEPTH) {
                throw new ValueNotStorableException("Value is nested deeper than " + MAX_DEPTH
                        + " levels (or contains itself); flatten it before storing.");
            }
            return value instanceof List<?> list ? listToStored(list, depth + 1) : mapToStored((Map<?, ?>) value, depth + 1);
        }
        throw new ValueNotStorableException("Cannot store a " + value.getClass().getName()
                + ": plain tables hold null, Boolean, integral numbers, Double, String, byte[], and Lists and Maps of these."
                + " Open the table with a type (proxy.dict(name, keyType, valueType)) to store records and POJOs.");
    }

    private static List<Object> listToStored(List<?> list, int depth) {
        Object[] stored = new Object[list.size()];
        int i = 0;
        for (Object element : list) {
            if (i == stored.length) {
                throw new ValueNotStorableException("List changed size while it was being stored; store a stable copy.");
            }
            stored[i++] = toStored(element, depth);
        }
        return frozenList(i == stored.length ? stored : Arrays.copyOf(stored, i));
    }

    private static Map<Object, Object> mapToStored(Map<?, ?> map, int depth) {
        LinkedHashMap<Object, Object> stored = LinkedHashMap.newLinkedHashMap(map.size());
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (entry.getKey() == null) {
                throw new ValueNotStorableException("A map inside a value has a null key; CyberDB keys are never null.");
            }
            stored.put(toStored(entry.getKey(), depth), toStored(entry.getValue(), depth));
        }
        return Collections.unmodifiableMap(stored);
    }

    /**
     * Converts a key into its stored form; like {@link #toStored(Object)} but refusing null.
     *
     * @param key the key
     * @return the stored form
     * @throws NullPointerException       if the key is null
     * @throws ValueNotStorableException if the key is outside the model
     */
    public static Object keyToStored(Object key) {
        if (key == null) {
            throw new NullPointerException("CyberDB keys are never null");
        }
        return toStored(key);
    }

    /**
     * Wraps an array that nobody else holds as a stored list.
     *
     * @param elements stored values
     * @return an unmodifiable list over them
     */
    public static List<Object> frozenList(Object[] elements) {
        return Collections.unmodifiableList(Arrays.asList(elements));
    }

    /**
     * Wraps a map that nobody else holds as a stored map.
     *
     * @param entries stored keys and values
     * @return an unmodifiable view of it
     */
    public static Map<Object, Object> frozenMap(LinkedHashMap<Object, Object> entries) {
        return Collections.unmodifiableMap(entries);
    }

    /**
     * Converts a stored value into the shape users get: {@code byte[]} for blobs and fresh,
     * mutable {@link ArrayList}s and {@link LinkedHashMap}s for containers.
     *
     * @param stored a stored value
     * @return a value the caller owns
     */
    public static Object toUser(Object stored) {
        if (stored instanceof Blob blob) {
            return blob.toByteArray();
        }
        if (stored instanceof List<?> list) {
            ArrayList<Object> copy = new ArrayList<>(list.size());
            for (Object element : list) {
                copy.add(toUser(element));
            }
            return copy;
        }
        if (stored instanceof Map<?, ?> map) {
            LinkedHashMap<Object, Object> copy = LinkedHashMap.newLinkedHashMap(map.size());
            map.forEach((k, v) -> copy.put(toUser(k), toUser(v)));
            return copy;
        }
        return stored;
    }

    /**
     * Names a stored value's kind for error messages.
     *
     * @param stored a stored value
     * @return a short, user-facing kind name
     */
    public static String kindOf(Object stored) {
        return switch (stored) {
            case null -> "null";
            case Boolean b -> "boolean";
            case Long l -> "integer";
            case Double d -> "float";
            case String s -> "string";
            case Blob b -> "bytes";
            case List<?> l -> "list";
            case Map<?, ?> m -> "map";
            default -> stored.getClass().getSimpleName();
        };
    }
}
