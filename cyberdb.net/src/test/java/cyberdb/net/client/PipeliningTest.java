package cyberdb.net.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cyberdb.api.CyberClient;
import cyberdb.api.CyberDict;
import cyberdb.api.CyberProxy;
import cyberdb.api.WrongValueKindException;
import cyberdb.net.CyberServer;
import cyberdb.net.Servers;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterProperty;

/**
 * Many threads pipelining requests on one shared connection: whatever order the requests travel
 * and are answered in, each thread gets the answers to its own requests, checked step by step
 * against a model of its own keys.
 */
class PipeliningTest {

    private static final int KEYS_PER_THREAD = 3;

    private final CyberServer server = Servers.start();
    private final CyberClient client = Servers.client(server).connections(1).build();
    private final AtomicInteger tries = new AtomicInteger();

    @AfterProperty
    void stop() {
        client.close();
        server.close();
    }

    /** One step of a thread's plan. */
    sealed interface Step permits Put, Get, Add, Remove, Hit, Pause {
    }

    record Put(int key, Object value) implements Step {
    }

    record Get(int key) implements Step {
    }

    record Add(int key, long delta) implements Step {
    }

    record Remove(int key) implements Step {
    }

    /** An increment of the counter every thread shares. */
    record Hit() implements Step {
    }

    /** A moment of busy work, so the threads' requests interleave differently from try to try. */
    record Pause(int spins) implements Step {
    }

    @Provide
    Arbitrary<List<List<Step>>> plans() {
        Arbitrary<Integer> keys = Arbitraries.integers().between(0, KEYS_PER_THREAD - 1);
        Arbitrary<Object> values = Arbitraries.oneOf(Arbitraries.longs().between(-1000, 1000).map(Object.class::cast),
                Arbitraries.strings().alpha().ofMaxLength(12).map(Object.class::cast), Arbitraries.just(null));
        Arbitrary<Step> steps = Arbitraries.frequencyOf(
                Tuple.of(4, Combinators.combine(keys, values).as(Put::new)),
                Tuple.of(4, keys.map(Get::new)),
                Tuple.of(3, Combinators.combine(keys, Arbitraries.longs().between(-100, 100)).as(Add::new)),
                Tuple.of(2, keys.map(Remove::new)),
                Tuple.of(2, Arbitraries.just(new Hit())),
                Tuple.of(1, Arbitraries.integers().between(1, 20_000).map(Pause::new)));
        return steps.list().ofMinSize(1).ofMaxSize(60).list().ofMinSize(2).ofMaxSize(8);
    }

    @Property(tries = 20)
    void eachOfManyThreadsOnOneConnectionGetsItsOwnAnswers(@ForAll("plans") List<List<Step>> plans) throws Exception {
        String table = "pipelined-" + tries.incrementAndGet();
        try (CyberProxy setup = client.proxy().connect()) {
            setup.createDict(table);
        }
        CountDownLatch start = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Map<String, Object>> models = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < plans.size(); t++) {
            int id = t;
            List<Step> plan = plans.get(t);
            Map<String, Object> model = new HashMap<>();
            models.add(model);
            threads.add(Thread.ofPlatform().name("pipelining-" + t).start(() -> {
                try (CyberProxy proxy = client.proxy().connect()) {
                    CyberDict<Object, Object> dict = proxy.dict(table);
                    start.await();
                    run(id, plan, dict, model);
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }));
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(60));
            assertFalse(thread.isAlive(), thread.getName() + " still waits for an answer after 60 s");
        }
        if (failure.get() != null) {
            throw new AssertionError("a thread got an answer that was not its own: " + failure.get(), failure.get());
        }
        Map<Object, Object> expected = new HashMap<>();
        models.forEach(expected::putAll);
        long hits = plans.stream().flatMap(List::stream).filter(Hit.class::isInstance).count();
        if (hits > 0) {
            expected.put("hits", hits);
        }
        try (CyberProxy check = client.proxy().connect()) {
            assertEquals(expected, new HashMap<>(check.dict(table).toMap()), "the table holds what every thread did");
        }
        assertEquals(1, server.openConnections(), "all of it on the client's one connection");
    }

    private static void run(int thread, List<Step> plan, CyberDict<Object, Object> dict, Map<String, Object> model) {
        long lastHit = 0;
        for (int n = 0; n < plan.size(); n++) {
            Step step = plan.get(n);
            String where = "thread " + thread + ", step " + n + " " + step;
            switch (step) {
                case Put put -> {
                    String key = key(thread, put.key());
                    Object value = put.value() instanceof String s ? thread + ":" + s : put.value();
                    assertEquals(model.get(key), dict.put(key, value), where);
                    model.put(key, value);
                }
                case Get get -> assertEquals(model.get(key(thread, get.key())), dict.get(key(thread, get.key())), where);
                case Add add -> {
                    String key = key(thread, add.key());
                    Object held = model.get(key);
                    if (held == null || held instanceof Long) {
                        long sum = (held == null ? 0 : (Long) held) + add.delta();
                        assertEquals(sum, dict.addAndGet(key, add.delta()), where);
                        model.put(key, sum);
                    } else {
                        try {
                            dict.addAndGet(key, add.delta());
                            throw new AssertionError(where + ": added to " + held);
                        } catch (WrongValueKindException expected) {
                            // The model agrees: a string is no counter.
                        }
                    }
                }
                case Remove remove -> {
                    String key = key(thread, remove.key());
                    assertEquals(model.remove(key), dict.remove(key), where);
                }
                case Hit hit -> {
                    long now = dict.addAndGet("hits", 1);
                    assertTrue(now > lastHit, where + ": the shared counter went from " + lastHit + " to " + now);
                    lastHit = now;
                }
                case Pause pause -> {
                    for (int i = 0; i < pause.spins(); i++) {
                        Thread.onSpinWait();
                    }
                }
            }
        }
    }

    private static String key(int thread, int key) {
        return "t" + thread + ":k" + key;
    }
}
