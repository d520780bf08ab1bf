package cyberdb.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cyberdb.api.CyberClient;
import cyberdb.api.CyberDB;
import cyberdb.api.CyberDict;
import cyberdb.api.CyberProxy;
import cyberdb.api.MemoryLimitException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemoryTest {

    @TempDir
    Path dir;

    @Test
    void aServerAtItsLimitRefusesWritesNamingItAndGoesOnServingEverythingElse() {
        try (CyberServer server = Servers.start(b -> b.maxMemory(300_000).dataFile(dir.resolve("d.cdb")));
             CyberClient client = Servers.client(server).build(); CyberProxy proxy = client.proxy().connect()) {
            CyberDict<Object, Object> dict = proxy.createDict("d");
            MemoryLimitException refused = null;
            int stored = 0;
            while (refused == null) {
                try {
                    dict.set("k" + stored, "v".repeat(2_000));
                    stored++;
                } catch (MemoryLimitException e) {
                    refused = e;
                }
            }
            assertTrue(refused.getMessage().contains("memory limit of 0.3 MiB set by the server's --max-memory"),
                    refused.getMessage());
            assertFalse(dict.containsKey("k" + stored), "nothing of the refused write was stored");
            assertInstanceOf(MemoryLimitException.class, assertThrows(Exception.class,
                    () -> dict.async().set("async", "v".repeat(2_000)).toCompletableFuture().join()).getCause());
            try (CyberClient another = Servers.client(server).build(); CyberProxy second = another.proxy().connect()) {
                assertEquals(stored, second.dict("d").size(), "a new client connects and reads");
                second.save();
                second.dict("d").remove("k0");
            }
            dict.set("k0", "v".repeat(2_000));
        }
    }

    /**
     * Many clients writing large values at once into a server with a small heap: each write is
     * stored or refused with {@link MemoryLimitException}, never a lost connection, and the
     * server stays reachable, readable and able to save; no {@code OutOfMemoryError} anywhere.
     */
    @Test
    void aSmallHeapUnderConcurrentLargeWritesRefusesThemCleanlyAndStaysUsable() throws Exception {
        Path data = dir.resolve("small.cdb");
        Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-cp", System.getProperty("java.class.path"), SmallHeapServer.class.getName(), data.toString())
                .redirectError(dir.resolve("server.err").toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        try {
            int port = Integer.parseInt(out.readLine());
            int writers = 8;
            byte[] value = new byte[4 << 20];
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            List<Future<Integer>> results = new ArrayList<>();
            try (CyberClient client = CyberDB.client().port(port).password(Servers.PASSWORD).build()) {
                client.proxy().connect().createDict("blobs");
                for (int w = 0; w < writers; w++) {
                    int writer = w;
                    results.add(pool.submit(() -> {
                        CyberDict<Object, Object> blobs = client.proxy().connect().dict("blobs");
                        for (int i = 0; ; i++) {
                            try {
                                blobs.set(writer + ":" + i, value);
                            } catch (MemoryLimitException full) {
                                return i;
                            }
                        }
                    }));
                }
                int stored = 0;
                for (Future<Integer> result : results) {
                    stored += result.get(120, TimeUnit.SECONDS);   // any other exception fails the test here
                }
                pool.shutdown();
                // Half of a 128 MiB heap holds twelve values of 4 MiB, each in five regions of 1 MiB (G1),
                // or sixteen under a collector that packs large arrays.
                assertTrue(stored >= 8 && stored <= 16, "values stored: " + stored);

                try (CyberClient late = CyberDB.client().port(port).password(Servers.PASSWORD).build();
                     CyberProxy proxy = late.proxy().connect()) {
                    CyberDict<Object, Object> blobs = proxy.dict("blobs");
                    assertEquals(stored, blobs.size(), "a new client connects and reads");
                    String some = (String) blobs.keySet().iterator().next();
                    assertEquals(value.length, ((byte[]) blobs.get(some)).length);
                    proxy.save();
                    blobs.remove(some);
                    blobs.set("after", value);   // a removal makes room again
                }
            }
            server.getOutputStream().close();
            assertEquals("saved", out.readLine(), "the server stopped cleanly, saving");
            assertTrue(server.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, server.exitValue());
        } catch (Exception | AssertionError e) {
            server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            e.addSuppressed(new AssertionError("the server's log:\n" + Files.readString(dir.resolve("server.err"))));
            throw e;
        } finally {
            server.destroyForcibly();
        }
        String log = Files.readString(dir.resolve("server.err"));
        assertFalse(log.contains("OutOfMemoryError"), log);
        try (var db = CyberDB.embedded(data); CyberProxy proxy = db.proxy().connect()) {
            assertTrue(proxy.dict("blobs").containsKey("after"), "what was acknowledged was saved");
        }
    }
}
