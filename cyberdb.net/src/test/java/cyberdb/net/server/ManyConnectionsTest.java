package cyberdb.net.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cyberdb.api.CyberProxy;
import cyberdb.client.wire.Codec;
import cyberdb.client.wire.Op;
import cyberdb.client.wire.Status;
import cyberdb.net.CyberServer;
import cyberdb.net.PlainConnection;
import cyberdb.net.Servers;
import java.io.IOException;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Thousands of authenticated connections on a server with a fixed number of threads: the event
 * loops carry them all, no thread is made per connection, and every one of them is served. The
 * test's own side is two threads with blocking sockets, so its threads are bounded too.
 */
class ManyConnectionsTest {

    private static final int CONNECTIONS = 2_000;
    private static final int IO_THREADS = 2;
    private static final int WORKERS = 2;
    /** Handshakes one worker has in the server's queue at once, well under its 1024. */
    private static final int BATCH = 50;

    @Test
    void twoThousandConnectionsAreServedWithoutAThreadPerConnection() throws Exception {
        assumeFileDescriptors(2 * CONNECTIONS + 500);
        int cores = Runtime.getRuntime().availableProcessors();
        Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
        List<PlainConnection> connections = Collections.synchronizedList(new ArrayList<>());
        try (CyberServer server = Servers.start(b -> b.encrypted(false).ioThreads(IO_THREADS))) {
            try (CyberProxy local = server.database().proxy().connect()) {
                local.createDict("hits");
            }
            Set<Thread> workers = ConcurrentHashMap.newKeySet();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            AtomicInteger peakServerThreads = new AtomicInteger();
            List<Thread> started = new ArrayList<>();
            for (int w = 0; w < WORKERS; w++) {
                started.add(Thread.ofPlatform().name("test-connector-" + w).start(() -> {
                    workers.add(Thread.currentThread());
                    try {
                        for (int opened = 0; opened < CONNECTIONS / WORKERS; opened += BATCH) {
                            connections.addAll(authenticate(server.port(), BATCH));
                            peakServerThreads.accumulateAndGet(serverThreads(before).size(), Math::max);
                        }
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                }));
            }
            for (Thread thread : started) {
                thread.join(120_000);
                assertFalse(thread.isAlive(), thread.getName() + " is still connecting after 120 s");
            }
            if (failure.get() instanceof SocketException tooMany && String.valueOf(tooMany.getMessage()).contains("Too many open files")) {
                Assumptions.abort("the process ran out of file descriptors: " + tooMany.getMessage());
            }
            assertEquals(null, failure.get(), () -> "a connection failed: " + failure.get());
            assertEquals(CONNECTIONS, connections.size());
            Servers.await(() -> server.openConnections() == CONNECTIONS, Duration.ofSeconds(10));

            Set<Thread> server2000 = serverThreads(before);
            Set<Thread> others = new HashSet<>(Thread.getAllStackTraces().keySet());
            others.removeAll(before);
            others.removeAll(workers);
            others.removeAll(server2000);
            String names = names(server2000);
            assertTrue(count(server2000, "cyberdb-io-") <= IO_THREADS, "event loops: " + names);
            assertTrue(count(server2000, "cyberdb-handshake-") <= cores, "handshake pool: " + names);
            assertTrue(server2000.size() <= IO_THREADS + cores + 1, "server threads with 2,000 connections: " + names);
            assertTrue(peakServerThreads.get() <= IO_THREADS + cores + 1, "server threads at most " + peakServerThreads.get());
            // Whatever their names, threads that appeared meanwhile: a thread per connection would be thousands.
            assertTrue(others.size() <= 4, "other new threads: " + names(others));

            // Every connection asks once, all of them before any answer is read.
            List<Long> ids = new ArrayList<>();
            for (PlainConnection connection : connections) {
                ids.add(connection.send(Op.DICT_ADD_AND_GET, "hits", w -> Codec.integer(w.value("count"), 1)));
            }
            Set<Object> counts = new HashSet<>();
            for (int i = 0; i < connections.size(); i++) {
                PlainConnection.Answer answer = connections.get(i).read();
                assertNotNull(answer, "connection " + i + " was closed instead of answered");
                assertEquals(ids.get(i), answer.id());
                assertEquals(Status.OK.code(), answer.status(), () -> "connection " + answer.id() + ": " + answer.body().string());
                counts.add(answer.body().value());
            }
            assertEquals(numbers(1, CONNECTIONS), counts, "each connection's increment was applied once, in some order");
            try (CyberProxy local = server.database().proxy().connect()) {
                assertEquals((long) CONNECTIONS, local.dict("hits").get("count"));
            }
            assertTrue(serverThreads(before).size() <= IO_THREADS + cores + 1, "after serving: " + names(serverThreads(before)));
        } finally {
            connections.forEach(PlainConnection::close);
        }
    }

    /** Opens connections and takes them through the handshake side by side, each step for all before the next. */
    private static List<PlainConnection> authenticate(int port, int count) throws IOException {
        List<PlainConnection> batch = new ArrayList<>(count);
        try {
            for (int i = 0; i < count; i++) {
                batch.add(PlainConnection.open(port));
            }
            for (PlainConnection connection : batch) {
                connection.sendHello();
            }
            for (PlainConnection connection : batch) {
                connection.sendProof();
            }
            for (PlainConnection connection : batch) {
                connection.awaitVerified();
            }
            return batch;
        } catch (IOException | RuntimeException e) {
            batch.forEach(PlainConnection::close);
            throw e;
        }
    }

    /** Threads with the names the server gives its own, started since {@code before}. */
    private static Set<Thread> serverThreads(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t))
                .filter(t -> t.getName().startsWith("cyberdb-io-") || t.getName().startsWith("cyberdb-handshake-")
                        || t.getName().startsWith("cyberdb-blocking-"))
                .collect(Collectors.toSet());
    }

    private static long count(Set<Thread> threads, String prefix) {
        return threads.stream().filter(t -> t.getName().startsWith(prefix)).count();
    }

    private static String names(Set<Thread> threads) {
        return threads.stream().map(Thread::getName).sorted().collect(Collectors.joining(", ", "[", "]"));
    }

    /** Skips the test where the process may not open enough files; where the limit is unknown, tries. */
    private static void assumeFileDescriptors(long needed) throws IOException {
        Path limits = Path.of("/proc/self/limits");
        if (!Files.isReadable(limits)) {
            return;
        }
        for (String line : Files.readAllLines(limits, StandardCharsets.UTF_8)) {
            if (line.startsWith("Max open files")) {
                String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
                if (!soft.toLowerCase(Locale.ROOT).equals("unlimited")) {
                    long limit = Long.parseLong(soft);
                    Assumptions.assumeTrue(limit >= needed, "needs " + needed + " file descriptors (client and server"
                            + " sockets in one process), but ulimit -n is " + limit + "; raise it to run this test");
                }
            }
        }
    }

    /** The numbers from..to as the boxed longs that values decode to. */
    private static Set<Object> numbers(long from, long to) {
        Set<Object> numbers = new HashSet<>();
        for (long n = from; n <= to; n++) {
            numbers.add(n);
        }
        return numbers;
    }
}
