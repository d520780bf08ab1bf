package cyberdb.engine.store;

import cyberdb.core.value.Blob;
import java.util.List;
import java.util.Map;

/**
 * What stored data costs in heap, estimated from its shape: the measure the memory limit holds
 * the database to. It follows the JVM's layout with compressed references (headers of 12 bytes,
 * objects aligned to 8) closely enough that a million 16-byte keys with 100-byte values estimate
 * within a few percent of the heap they take, and it depends only on the data, so every replica
 * of the same commands agrees on it.
 */
final class Footprint {

    /** A dict entry: its node in the order list and its node and slot in the index. */
    static final long DICT_ENTRY = 32 + 32 + 8;
    /** A list element's slot, with the array's spare capacity. */
    static final long LIST_ELEMENT = 6;
    /** A table's own objects. */
    static final long TABLE = 256;

    private Footprint() {
    }

    /**
     * Estimates the heap a stored value takes, shared boxes ({@code null}, booleans) counting 0.
     *
     * @param stored a stored value
     * @return bytes
     */
    static long of(Object stored) {
        return switch (stored) {
            case null -> 0;
            case Boolean b -> 0;
            case Long l -> 16;
            case Double d -> 16;
            case String s -> align(24) + align(16 + (long) s.length() * (latin1(s) ? 1 : 2));
            case Blob b -> 16 + align(16 + b.length());
            case List<?> list -> {
                long total = 16 + align(16 + 4L * list.size());
                for (Object element : list) {
                    total += of(element);
                }
                yield total;
            }
            case Map<?, ?> map -> {
                long total = 24 + 56 + align(16 + 4L * Integer.highestOneBit(Math.max(1, map.size() * 4 / 3) * 2));
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    total += 40 + of(entry.getKey()) + of(entry.getValue());
                }
                yield total;
            }
            default -> throw new IllegalArgumentException("Not a stored value: " + stored.getClass().getName());
        };
    }

    /**
     * @param name a table's name
     * @return what an empty table of that name takes
     */
    static long table(String name) {
        return TABLE + of(name);
    }

    /** Whether the JVM stores the string a byte a character (compact strings), or two. */
    private static boolean latin1(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0xFF) {
                return false;
            }
        }
        return true;
    }

    private static long align(long bytes) {
        return (bytes + 7) & ~7L;
    }
}
