package cyberdb.bench;

import cyberdb.api.CyberDB;
import cyberdb.api.CyberDict;
import cyberdb.api.CyberList;
import cyberdb.api.CyberProxy;
import cyberdb.api.EmbeddedClient;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Embedded tables against the plain JDK collections they are measured by: the physical limit is
 * ConcurrentHashMap (and a synchronized LinkedHashMap / ArrayList, which keep order as ours do).
 * 10,000 string keys, random access. The list benchmarks compare CyberList with a synchronized
 * ArrayList under both JDK parameter values.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EmbeddedBench {

    private static final int KEYS = 10_000;

    @Param({"cyberdb", "ConcurrentHashMap", "synchronizedLinkedHashMap"})
    public String map;

    private EmbeddedClient db;
    private Map<String, Long> dict;
    private List<Long> list;
    private String[] keys;

    @Setup(Level.Trial)
    public void setUp() {
        keys = new String[KEYS];
        for (int i = 0; i < KEYS; i++) {
            keys[i] = "key-" + i;
        }
        db = CyberDB.embedded();
        CyberProxy proxy = db.proxy().connect();
        CyberDict<String, Long> cyberDict = proxy.createDict("bench", String.class, Long.class);
        CyberList<Long> cyberList = proxy.createList("bench-list", Long.class);
        dict = switch (map) {
            case "cyberdb" -> cyberDict;
            case "ConcurrentHashMap" -> new ConcurrentHashMap<>();
            default -> Collections.synchronizedMap(new LinkedHashMap<>());
        };
        list = map.equals("cyberdb") ? cyberList : Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < KEYS; i++) {
            dict.put(keys[i], (long) i);
            list.add((long) i);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        db.close();
    }

    private String randomKey() {
        return keys[ThreadLocalRandom.current().nextInt(KEYS)];
    }

    @Benchmark
    public Long dictGet() {
        return dict.get(randomKey());
    }

    @Benchmark
    public Long dictPut() {
        return dict.put(randomKey(), 1L);
    }

    @Benchmark
    public Long dictMerge() {
        return dict.merge(randomKey(), 1L, Long::sum);
    }

    @Benchmark
    public Long listGet() {
        return list.get(ThreadLocalRandom.current().nextInt(KEYS));
    }

    /** Appends and takes the last element back, so the list keeps its size through the run. */
    @Benchmark
    public Long listAddThenRemove() {
        list.add(1L);
        if (list instanceof CyberList<Long> cyberList) {
            return cyberList.removeLast();
        }
        // A synchronized list's compound actions need its lock, as its documentation says.
        synchronized (list) {
            return list.removeLast();
        }
    }
}
