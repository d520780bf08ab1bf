package cyberdb.net.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cyberdb.api.CyberClient;
import cyberdb.api.CyberProxy;
import cyberdb.net.CyberServer;
import cyberdb.net.Servers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many clients, each with several connections, all reconnecting at once to a server restarted on
 * the same port and data file: every request after the restart succeeds, none is refused, and
 * they see what was written before it.
 */
class ReconnectStormTest {

    /**
     * Each client stretches the password once per server salt (PBKDF2, a deliberate tenth of a
     * second or more), as separate processes would: a few clients with many connections keep the
     * storm of handshakes large and the test quick.
     */
    private static final int CLIENTS = 10;
    private static final int CONNECTIONS_PER_CLIENT = 20;
    private static final int THREADS = CLIENTS * CONNECTIONS_PER_CLIENT;

    @TempDir
    Path dir;

    @Test
    void everyClientReconnectsAtOnceToARestartedServerAndNoRequestFails() throws Exception {
        Path data = dir.resolve("data.cdb");
        List<CyberClient> clients = new ArrayList<>();
        CyberServer first = Servers.start(b -> b.dataFile(data));
        int port = first.port();
        try {
            try (CyberProxy local = first.database().proxy().connect()) {
                local.createDict("storm");
            }
            for (int c = 0; c < CLIENTS; c++) {
                // A shared two-core machine may take seconds to stretch the password for all of them at once.
                clients.add(Servers.client(first).connections(CONNECTIONS_PER_CLIENT).connectTimeout(Duration.ofSeconds(30)).build());
            }
            // Overlapping requests open each client's connections.
            storm(thread -> {
                try (CyberProxy proxy = clients.get(thread % CLIENTS).proxy().connect()) {
                    proxy.dict("storm").put("before " + thread, (long) thread);
                }
            });
            int before = first.openConnections();
            assertTrue(before >= CLIENTS, "every client connected: " + before);
            first.close();

            try (CyberServer second = Servers.start(b -> b.port(port).dataFile(data))) {
                long start = System.nanoTime();
                storm(thread -> {
                    try (CyberProxy proxy = clients.get(thread % CLIENTS).proxy().connect()) {
                        assertEquals((long) thread, proxy.dict("storm").get("before " + thread), "written before the restart");
                        proxy.dict("storm").put("after " + thread, (long) thread);
                    }
                });
                long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
                assertTrue(seconds < 30, "the storm took " + seconds + " s");
                int after = second.openConnections();
                assertTrue(after >= CLIENTS && after <= THREADS, "every client reconnected: " + after + " connections");
                try (CyberProxy local = second.database().proxy().connect()) {
                    assertEquals(2 * THREADS, local.dict("storm").size(), "every write before and after the restart");
                }
            }
        } finally {
            first.close();
            clients.forEach(CyberClient::close);
        }
    }

    /** Runs a task on as many virtual threads as the clients have connections, all released at once. */
    private static void storm(IntConsumer task) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Void>> done = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            done.add(CompletableFuture.runAsync(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                task.accept(thread);
            }, runnable -> Thread.ofVirtual().start(runnable)));
        }
        go.countDown();
        List<Throwable> failures = new ArrayList<>();
        for (CompletableFuture<Void> future : done) {
            try {
                future.get(60, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                failures.add(e.getCause());
            }
        }
        assertEquals(List.of(), failures.stream().map(String::valueOf).distinct().toList(),
                failures.size() + " of " + THREADS + " requests failed");
    }
}
