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
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PoolTest {

    @TempDir
    Path dir;

    private static NetClient net(CyberClient client) {
        return (NetClient) client;
    }

    @Test
    void idleConnectionsAreClosedAfterTheIdleTimeout() {
        try (CyberServer server = Servers.start();
             CyberClient client = Servers.client(server).idleTimeout(Duration.ofMillis(300)).build()) {
            try (CyberProxy proxy = client.proxy().connect()) {
                proxy.tables();
            }
            assertEquals(1, net(client).idleCount());
            Servers.await(() -> net(client).idleCount() == 0, Duration.ofSeconds(10));
            Servers.await(() -> server.openConnections() == 0, Duration.ofSeconds(10));
        }
    }

    @Test
    void theServerClosesIdleConnectionsAndThePoolReplacesThem() {
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
    void noConnectionLeaksWhenAProxyIsClosedTwiceOrARequestFails() {
        try (CyberServer server = Servers.start(); CyberClient client = Servers.client(server).poolSize(2).build()) {
            CyberProxy proxy = client.proxy().connect();
            assertThrows(NoSuchTableException.class, () -> proxy.dict("missing"));
            assertEquals(List.of(), proxy.tables(), "a request error leaves the connection usable");
            proxy.close();
            proxy.close();
            assertEquals(0, net(client).inUse());
            assertEquals(1, net(client).idleCount());
            proxy.connect();
            proxy.connect();
            assertEquals(1, net(client).inUse(), "connecting twice borrows once");
            proxy.close();
            assertEquals(0, net(client).inUse());
        }
    }

    @Test
    @SuppressWarnings("try") // closes a resource early on purpose, to see what follows
    void aBrokenConnectionIsDiscardedAndTheProxyCanReconnect() {
        Path data = dir.resolve("broken.cdb");
        try (CyberServer server = Servers.start(b -> b.dataFile(data))) {
            int port = server.port();
            try (CyberClient client = Servers.client(server).build()) {
                CyberProxy proxy = client.proxy().connect();
                CyberDict<Object, Object> dict = proxy.createDict("d");
                server.close();
                assertThrows(ConnectionException.class, () -> dict.put("k", "v"));
                assertEquals(0, net(client).inUse(), "the broken connection went back and was closed");
                try (CyberServer again = Servers.start(b -> b.port(port).dataFile(data))) {
                    proxy.connect();
                    dict.put("k", "v");
                    assertEquals("v", dict.get("k"));
                    proxy.close();
                }
            }
        }
    }

    @Test
    void exhaustedPoolFailsClearlyAfterTheTimeout() {
        try (CyberServer server = Servers.start();
             CyberClient client = Servers.client(server).poolSize(1).connectTimeout(Duration.ofMillis(200)).build()) {
            CyberProxy holder = client.proxy().connect();
            var error = assertThrows(ConnectionException.class, () -> client.proxy().connect());
            assertTrue(error.getMessage().contains("pool size"), error.getMessage());
            holder.close();
            client.proxy().connect().close();
        }
    }

    @Test
    void manyThreadsBorrowConcurrentlyWithinThePoolSize() throws Exception {
        int threads = 16;
        try (CyberServer server = Servers.start(); CyberClient client = Servers.client(server).poolSize(4).build()) {
            try (CyberProxy setup = client.proxy().connect()) {
                setup.createDict("counters");
            }
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        try (CyberProxy proxy = client.proxy().connect()) {
                            proxy.dict("counters", String.class, Long.class).merge("hits", 1L, Long::sum);
                            assertTrue(net(client).inUse() <= 4);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get(60, TimeUnit.SECONDS);
            }
            pool.shutdown();
            assertEquals(0, net(client).inUse());
            assertTrue(net(client).idleCount() <= 4);
            assertTrue(server.openConnections() <= 4, "never more than the pool size: " + server.openConnections());
            try (CyberProxy proxy = client.proxy().connect()) {
                assertEquals(threads * 50L, proxy.dict("counters").get("hits"));
            }
        }
    }
}
