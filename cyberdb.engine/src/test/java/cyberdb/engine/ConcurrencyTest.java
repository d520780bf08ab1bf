package cyberdb.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cyberdb.api.CyberDB;
import cyberdb.api.CyberDict;
import cyberdb.api.CyberList;
import cyberdb.api.CyberProxy;
import cyberdb.api.EmbeddedClient;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Many threads, one table: no update lost, no exception from readers. */
class ConcurrencyTest {

    private static final int THREADS = 8;
    private static final int ROUNDS = 2_000;

    private final EmbeddedClient db = CyberDB.embedded();
    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);

    @AfterEach
    void close() throws InterruptedException {
        pool.shutdownNow();
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        db.close();
    }

    /** Runs a task per thread, all released at once; each thread uses its own proxy, as documented. */
    private <T> List<T> race(IntFunction<Callable<T>> task) throws Exception {
        CyclicBarrier start = new CyclicBarrier(THREADS);
        List<Future<T>> futures = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            Callable<T> body = task.apply(t);
            futures.add(pool.submit(() -> {
                start.await(30, TimeUnit.SECONDS);
                return body.call();
            }));
        }
        List<T> results = new ArrayList<>();
        for (Future<T> future : futures) {
            results.add(future.get(60, TimeUnit.SECONDS));
        }
        return results;
    }

    private CyberDict<String, Long> counters() {
        return db.proxy().connect().dict("counters", String.class, Long.class);
    }

    @Test
    void mergeComputeAndAddAndGetLoseNoIncrement() throws Exception {
        try (CyberProxy setup = db.proxy().connect()) {
            setup.createDict("counters");
        }
        race(t -> () -> {
            CyberDict<String, Long> counters = counters();
            for (int i = 0; i < ROUNDS; i++) {
                counters.merge("merge", 1L, Long::sum);
                counters.compute("compute", (k, v) -> v == null ? 1L : v + 1);
                counters.addAndGet("add", 1);
                counters.merge("key-" + (i % 10), 1L, Long::sum);
            }
            return null;
        });
        CyberDict<String, Long> counters = counters();
        long expected = (long) THREADS * ROUNDS;
        assertEquals(expected, counters.get("merge"));
        assertEquals(expected, counters.get("compute"));
        assertEquals(expected, counters.get("add"));
        for (int k = 0; k < 10; k++) {
            assertEquals(expected / 10, counters.get("key-" + k));
        }
    }

    @Test
    void putIfAbsentHasExactlyOneWinnerPerKey() throws Exception {
        try (CyberProxy setup = db.proxy().connect()) {
            setup.createDict("claims");
        }
        List<Set<Integer>> won = race(t -> () -> {
            CyberDict<Integer, Integer> claims = db.proxy().connect().dict("claims", Integer.class, Integer.class);
            Set<Integer> mine = new HashSet<>();
            for (int key = 0; key < ROUNDS; key++) {
                if (claims.putIfAbsent(key, t) == null) {
                    mine.add(key);
                }
            }
            return mine;
        });
        CyberDict<Integer, Integer> claims = db.proxy().connect().dict("claims", Integer.class, Integer.class);
        Map<Integer, Integer> winners = new ConcurrentHashMap<>();
        for (int t = 0; t < THREADS; t++) {
            for (int key : won.get(t)) {
                assertEquals(null, winners.put(key, t), "key " + key + " claimed twice");
                assertEquals(t, claims.get(key));
            }
        }
        assertEquals(ROUNDS, winners.size());
    }

    @Test
    void appendsAndSortsInterleaveWithoutLosingElements() throws Exception {
        try (CyberProxy setup = db.proxy().connect()) {
            setup.createList("log");
        }
        race(t -> () -> {
            CyberList<Long> log = db.proxy().connect().list("log", Long.class);
            for (int i = 0; i < ROUNDS / 4; i++) {
                log.add((long) t * ROUNDS + i);
                if (i % 50 == 0) {
                    log.sort(null);
                }
            }
            return null;
        });
        List<Long> all = db.proxy().connect().list("log", Long.class).toList();
        assertEquals(THREADS * ROUNDS / 4, all.size());
        assertEquals(all.size(), new HashSet<>(all).size());
    }

    @Test
    void readersIterateWhileWritersChurnWithoutErrors() throws Exception {
        try (CyberProxy setup = db.proxy().connect()) {
            setup.createDict("churn");
            setup.createList("churn-list");
        }
        AtomicBoolean writing = new AtomicBoolean(true);
        List<Integer> seen = race(t -> () -> {
            CyberProxy proxy = db.proxy().connect();
            CyberDict<Object, Object> dict = proxy.dict("churn");
            CyberList<Object> list = proxy.list("churn-list");
            int observed = 0;
            if (t < THREADS / 2) {
                for (int i = 0; i < ROUNDS * 2; i++) {
                    dict.put("k" + (i % 100), i);
                    dict.remove("k" + ((i + 50) % 100));
                    list.add(i);
                    if (list.size() > 50) {
                        list.removeFirst();
                    }
                }
                writing.set(false);
            } else {
                while (writing.get()) {
                    for (Map.Entry<Object, Object> entry : dict.entrySet()) {
                        observed += entry.getKey() != null ? 1 : 0;
                    }
                    for (Object element : list) {
                        observed += element != null ? 1 : 0;
                    }
                }
            }
            return observed;
        });
        assertTrue(seen.stream().mapToInt(Integer::intValue).sum() > 0, "readers saw entries while writers ran");
    }
}
