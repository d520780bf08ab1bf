package cyberdb.engine.store;

import cyberdb.core.value.Blob;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import javax.management.JMException;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;

/**
 * What stored data costs in heap, estimated from its shape: the measure the memory limit holds
 * the database to. It follows the JVM's layout with compressed references (headers of 12 bytes,
 * objects aligned to 8) closely enough that a million 16-byte keys with 100-byte values estimate
 * within a few percent of the heap they take. Beyond the data it depends only on how the JVM
 * lays out large arrays (see {@link #array(long)}), never on timing, so a database fed the same
 * commands in the same JVM settings comes to the same figure.
 */
final class Footprint {

    /** A dict entry: its node in the order list and its node and slot in the index. */
    static final long DICT_ENTRY = 32 + 32 + 8;
    /** A list element's slot, with the array's spare capacity. */
    static final long LIST_ELEMENT = 6;
    /** A table's own objects. */
    static final long TABLE = 256;
    /** G1's smallest region is 1 MiB, and an array of half a region or more gets regions of its own. */
    private static final long SMALLEST_HUMONGOUS = 512 * 1024;
    /** Characters of a string checked at a time for {@link #latin1}. */
    private static final int PIECE = 4096;

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
            case String s -> align(24) + array((long) s.length() * (latin1(s) ? 1 : 2));
            case Blob b -> 16 + array(b.length());
            case List<?> list -> {
                long total = 16 + array(4L * list.size());
                for (Object element : list) {
                    total += of(element);
                }
                yield total;
            }
            case Map<?, ?> map -> {
                long total = 24 + 56 + array(4L * Integer.highestOneBit(Math.max(1, map.size() * 4 / 3) * 2));
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

    /**
     * Estimates the heap an array takes: its header and padding, and under the G1 collector, for
     * an array of half a region or more, the whole regions G1 gives it alone. Those regions are
     * what large values really cost: a value of 4 MiB takes five regions of 1 MiB, and a limit
     * that counted 4 MiB for it would let the heap run out with the data at four fifths of it.
     *
     * @param payload the elements' bytes
     * @return bytes
     */
    static long array(long payload) {
        return array(payload, align(16 + payload) >= SMALLEST_HUMONGOUS ? G1.REGION_BYTES : 0);
    }

    /**
     * @param payload     the elements' bytes
     * @param regionBytes the size of G1's regions, or 0 where the collector packs large arrays with others
     * @return bytes
     */
    static long array(long payload, long regionBytes) {
        long size = align(16 + payload);
        if (regionBytes > 0 && size >= regionBytes / 2) {
            return (size + regionBytes - 1) / regionBytes * regionBytes;
        }
        return size;
    }

    /** Looked up on the first large array only: small data never pays for the management beans. */
    private static final class G1 {
        private static final String DIAGNOSTICS = "com.sun.management:type=HotSpotDiagnostic";
        static final long REGION_BYTES = regionBytes();

        private static long regionBytes() {
            try {
                if (Boolean.parseBoolean(option("UseG1GC"))) {
                    return Long.parseLong(option("G1HeapRegionSize"));
                }
            } catch (JMException | RuntimeException e) {
                // A JVM without these options: its collector's layout is not known, so arrays count as they are.
            }
            return 0;
        }

        /** Through the JVM's diagnostic bean by its standard name, which every HotSpot JVM registers. */
        private static String option(String name) throws JMException {
            Object option = ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName(DIAGNOSTICS), "getVMOption",
                    new Object[] {name}, new String[] {String.class.getName()});
            return String.valueOf(((CompositeData) option).get("value"));
        }
    }

    /**
     * Whether the JVM stores the string a byte a character (compact strings), or two. Every write
     * asks this of its value, so the common case, ASCII, is answered by the JDK's vectorized
     * encoder: a piece of ASCII encodes to as many UTF-8 bytes as it has characters. That is
     * about five times faster than reading the characters one by one, even with the copy; pieces
     * keep the copy small for a large value.
     */
    private static boolean latin1(String s) {
        for (int from = 0; from < s.length(); from += PIECE) {
            String piece = s.substring(from, Math.min(s.length(), from + PIECE));
            if (piece.getBytes(StandardCharsets.UTF_8).length != piece.length() && !charsFitLatin1(piece)) {
                return false;
            }
        }
        return true;
    }

    private static boolean charsFitLatin1(String s) {
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
