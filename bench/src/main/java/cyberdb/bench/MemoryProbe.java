package cyberdb.bench;

import cyberdb.api.CyberDB;
import cyberdb.api.CyberDict;
import cyberdb.api.EmbeddedClient;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;

/**
 * Run in its own JVM by {@link MemoryBench}: fills an embedded dict and prints the heap it
 * added, measured after full collections, so nothing else in the harness muddies the figure.
 */
public final class MemoryProbe {

    private MemoryProbe() {
    }

    /**
     * Prints {@code heapBytes N} for the entries' share of the heap.
     *
     * @param args the number of entries
     */
    public static void main(String[] args) {
        int count = Integer.parseInt(args[0]);
        EmbeddedClient db = CyberDB.embedded();
        CyberDict<String, String> dict = db.proxy().connect().createDict("memory", String.class, String.class);
        long before = heapAfterGc();
        for (int i = 0; i < count; i++) {
            dict.put(Entries.key(i), Entries.value(i));
        }
        long after = heapAfterGc();
        if (dict.size() != count) {
            throw new IllegalStateException("stored " + dict.size() + " of " + count);
        }
        System.out.println("heapBytes " + (after - before));
        Reference.reachabilityFence(db);
    }

    private static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
