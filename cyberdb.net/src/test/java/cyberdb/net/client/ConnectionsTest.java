package cyberdb.net.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cyberdb.api.ConnectionException;
import cyberdb.api.CyberClient;
import cyberdb.api.CyberDict;
import cyberdb.api.CyberProxy;
import cyberdb.api.NoSuchTableException;
import cyberdb.net.CyberServer;
import cyberdb.net.Servers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A client's few connections, shared by every thread and proxy, opened and reopened as needed. */
class ConnectionsTest {

    @TempDir
    Path dir;

    @Test
    void idleConnectionsAreClosedAfterTheIdleTimeout() {
        try (CyberServer server = Servers.start();
             CyberClient client = Servers.client(server).idleTimeout(Duration.ofMillis(300)).build()) {
            try (CyberProxy proxy = client.proxy().connect()) {
                proxy.tables();
            }
            assertEquals(1, server.openConnections());
            Servers.await(() -> server.openConnections() == 0, Duration.ofSeconds(10));
            try (CyberProxy proxy = client.proxy().connect()) {
                assertEquals(List.of(), proxy.tables(), "the next request opens one again");
            }
        }
    }

    @Test
    void theServerClosesIdleConnectionsAndTheClientOpensAnother() {
        try (CyberServer server = Servers.start(b -> b.idleTimeout(Duration.ofMillis(200)));
             CyberClient client = Servers.client(server).build()) {
            try (CyberProxy proxy = client.proxy().connect()) {
                proxy.createDict("d").put("k", "v");
            }
            Servers.await(() -> server.openConnections() == 0, Duration.ofSeconds(10));
            try (CyberProxy proxy = client.proxy().connect()) {
                assertEquals("v", proxy.dict("d").get("k"), "the closed connection was noticed and replaced");
            }
        }
    }

    @Test
    @SuppressWarnings("try") // closes a resource early on purpose, to see what follows
    void aRestartedServerIsReconnectedTransparently() {
        Path data = dir.resolve("data.cdb");
        int port;
        try (CyberServer server = Servers.start(b -> b.dataFile(data))) {
            port = server.port();
        }
        try (CyberServer first = Servers.start(b -> b.port(port).dataFile(data));
             CyberClient client = Servers.client(first).build()) {
            try (CyberProxy proxy = client.proxy().connect()) {
                proxy.createDict("d").put("k", "before restart");
            }
            first.close();
            try (CyberServer second = Servers.start(b -> b.port(port).dataFile(data));
                 CyberProxy proxy = client.proxy().connect()) {
                assertEquals("before restart", proxy.dict("d").get("k"));
                assertEquals(1, second.openConnections());
            }
        }
    }

    @Test
    void proxiesCostNoConnectionAndAFailedRequestLeavesTheConnectionUsable() {
        try (CyberServer server = Servers.start(); CyberClient client = Servers.client(server).connections(2).build()) {
            List<CyberProxy> proxies = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                proxies.add(client.proxy().connect());
            }
            CyberProxy proxy = proxies.getFirst();
            assertThrows(NoSuchTableException.class, () -> proxy.dict("missing"));
            assertEquals(List.of(), proxy.tables(), "a request error leaves the connection usable");
            for (CyberProxy each : proxies) {
                each.tables();
                each.close();
                each.close();
            }
            assertTrue(server.openConnections() <= 2, "100 proxies, " + server.openConnections() + " connections");
        }
    }

    @Test
    @SuppressWarnings("try") // closes a resource early on purpose, to see what follows
    void aBrokenConnectionFailsItsRequestsAndTheNextRequestConnectsAgain() {
        Path data = dir.resolve("broken.cdb");
        try (CyberServer server = Servers.start(b -> b.dataFile(data))) {
            int port = server.port();
            try (CyberClient client = Servers.client(server).build()) {
                CyberProxy proxy = client.proxy().connect();
                CyberDict<Object, Object> dict = proxy.createDict("d");
                server.close();
                assertThrows(ConnectionException.class, () -> dict.put("k", "v"));
                try (CyberServer again = Servers.start(b -> b.port(port).dataFile(data))) {
                    dict.put("k", "v");
                    assertEquals("v", dict.get("k"));
                    proxy.close();
                }
            }
        }
    }

    @Test
    void manyThreadsShareTheConfiguredConnectionsAndEachGetsItsOwnAnswers() throws Exception {
        int threads = 16;
        try (CyberServer server = Servers.start(); CyberClient client = Servers.client(server).connections(2).build()) {
            try (CyberProxy setup = client.proxy().connect()) {
                setup.createDict("counters");
                setup.createDict("own");
            }
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 200; i++) {
                        try (CyberProxy proxy = client.proxy().connect()) {
                            proxy.dict("counters", String.class, Long.class).merge("hits", 1L, Long::sum);
                            CyberDict<Object, Object> own = proxy.dict("own");
                            own.set(id + ":" + i, List.of(id, i));
                            assertEquals(List.of((long) id, (long) i), own.get(id + ":" + i), "an answer of this thread's");
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get(60, TimeUnit.SECONDS);
            }
            pool.shutdown();
            assertTrue(server.openConnections() <= 2, "never more than the client's connections: " + server.openConnections());
            try (CyberProxy proxy = client.proxy().connect()) {
                assertEquals(threads * 200L, proxy.dict("counters").get("hits"));
            }
        }
    }

    @Test
    void answersLargerThanAFrameArriveInParts() {
        try (CyberServer server = Servers.start(b -> b.maxFrameBytes(65536));
             CyberClient client = Servers.client(server).maxFrameBytes(65536).build();
             CyberProxy proxy = client.proxy().connect()) {
            CyberDict<Object, Object> big = proxy.createDict("big");
            Map<Object, Object> expected = new LinkedHashMap<>();
            for (int batch = 0; batch < 20; batch++) {
                Map<Object, Object> entries = new LinkedHashMap<>();
                for (int i = 0; i < 100; i++) {
                    entries.put("key " + batch + ":" + i, "x".repeat(100));
                }
                big.putAll(entries);
                expected.putAll(entries);
            }
            assertEquals(expected, big.toMap(), "about 250 KB read in one answer over 64 KB frames");
            assertEquals(List.copyOf(expected.keySet()).subList(0, 1000),
                    List.copyOf(big.getAll(List.copyOf(expected.keySet()).subList(0, 1000)).keySet()));
        }
    }
}
