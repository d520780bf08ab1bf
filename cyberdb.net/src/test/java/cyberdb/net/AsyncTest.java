package cyberdb.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cyberdb.api.AsyncDict;
import cyberdb.api.AsyncList;
import cyberdb.api.ConnectionException;
import cyberdb.api.CyberClient;
import cyberdb.api.CyberDB;
import cyberdb.api.CyberDict;
import cyberdb.api.CyberList;
import cyberdb.api.CyberProxy;
import cyberdb.api.NoSuchTableException;
import cyberdb.api.ProxyClosedException;
import cyberdb.api.WrongValueKindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AsyncTest {

    /** The failure a stage completed with, unwrapped; fails the test if it succeeded. */
    private static Throwable failure(CompletionStage<?> stage) {
        try {
            stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new AssertionError("the stage did not complete: " + e, e);
        }
        throw new AssertionError("the stage succeeded");
    }

    private static <T> T value(CompletionStage<T> stage) {
        return stage.toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
    }

    /** Runs a test against an embedded database and against a server, with the same proxy API. */
    private static void onBoth(boolean remote, Function<CyberProxy, Void> test) {
        if (!remote) {
            try (CyberClient db = CyberDB.embedded(); CyberProxy proxy = db.proxy().connect()) {
                test.apply(proxy);
            }
            return;
        }
        try (CyberServer server = Servers.start(); CyberClient client = Servers.client(server).build();
             CyberProxy proxy = client.proxy().connect()) {
            test.apply(proxy);
        }
    }

    @ParameterizedTest(name = "remote={0}")
    @ValueSource(booleans = {false, true})
    void theCommonOperationsAnswerAsTheirBlockingNamesakes(boolean remote) {
        onBoth(remote, proxy -> {
            AsyncDict<String, Long> dict = proxy.createDict("d", String.class, Long.class).async();
            assertNull(value(dict.put("a", 1L)));
            assertEquals(1L, value(dict.put("a", 2L)));
            value(dict.set("b", 3L));
            value(dict.putAll(Map.of("c", 4L)));
            assertEquals(12L, value(dict.addAndGet("c", 8L)));
            assertEquals(2L, value(dict.get("a")));
            assertNull(value(dict.get("missing")));
            assertTrue(value(dict.containsKey("b")));
            Map<String, Long> some = new LinkedHashMap<>();
            some.put("c", 12L);
            some.put("a", 2L);
            assertEquals(some, value(dict.getAll(List.of("c", "missing", "a"))));
            assertEquals(3, value(dict.size()));
            assertEquals(3L, value(dict.remove("b")));
            assertEquals(List.of("a", "c"), List.copyOf(value(dict.toMap()).keySet()));

            AsyncList<String> list = proxy.createList("l", String.class).async();
            value(list.add("x"));
            value(list.addAll(List.of("y", "z")));
            assertEquals("y", value(list.get(1)));
            assertEquals("y", value(list.set(1, "Y")));
            assertEquals("z", value(list.removeLast()));
            assertEquals(2, value(list.size()));
            assertEquals(List.of("Y"), value(list.slice(1, 2)));
            assertEquals(List.of("x", "Y"), value(list.toList()));
            return null;
        });
    }

    @ParameterizedTest(name = "remote={0}")
    @ValueSource(booleans = {false, true})
    void everyErrorArrivesAsAFailedStageWithTheBlockingMethodsException(boolean remote) {
        onBoth(remote, proxy -> {
            CyberDict<Object, Object> plain = proxy.createDict("d");
            plain.put("text", "not a number");
            AsyncDict<Object, Object> dict = plain.async();
            assertInstanceOf(WrongValueKindException.class, failure(dict.addAndGet("text", 1)));
            assertInstanceOf(NullPointerException.class, failure(dict.put(null, 1)));
            assertInstanceOf(cyberdb.api.ValueNotStorableException.class, failure(dict.set("k", new Object())));
            CyberList<Object> list = proxy.createList("l");
            assertInstanceOf(IndexOutOfBoundsException.class, failure(list.async().get(0)));
            assertInstanceOf(IndexOutOfBoundsException.class, failure(list.async().set(3, "x")));
            assertInstanceOf(NoSuchElementException.class, failure(list.async().removeLast()));
            proxy.dropTable("d");
            assertInstanceOf(NoSuchTableException.class, failure(dict.get("text")));
            assertEquals(List.of(), proxy.tables().stream().filter(t -> t.name().equals("d")).toList(),
                    "nothing was created by the failed requests");
            return null;
        });
    }

    @Test
    void anEmbeddedTableAnswersInTheCallingThread() {
        try (CyberClient db = CyberDB.embedded(); CyberProxy proxy = db.proxy().connect()) {
            CompletableFuture<Object> put = proxy.createDict("d").async().put("k", "v").toCompletableFuture();
            assertTrue(put.isDone(), "already complete when it returns");
        }
    }

    @Test
    void oneThreadKeepsAThousandRequestsInFlightAndTheServerAppliesThemInOrder() {
        try (CyberServer server = Servers.start(); CyberClient client = Servers.client(server).connections(4).build();
             CyberProxy proxy = client.proxy().connect()) {
            AsyncDict<String, Long> dict = proxy.createDict("d", String.class, Long.class).async();
            List<CompletableFuture<?>> sent = new ArrayList<>();
            for (long i = 0; i < 1_000; i++) {
                sent.add(dict.set("last", i).toCompletableFuture());
                sent.add(dict.set("k" + i, i).toCompletableFuture());
                sent.add(dict.addAndGet("count", 1).toCompletableFuture());
            }
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).orTimeout(30, TimeUnit.SECONDS).join();
            for (int i = 0; i < 1_000; i++) {
                assertEquals(i + 1L, sent.get(3 * i + 2).join(), "each counter answer in the order sent");
            }
            assertEquals(999L, value(dict.get("last")), "the last write sent is the last applied");
            assertEquals(1_002, value(dict.size()));
        }
    }

    @Test
    void aBlockingCallFromADependentActionFailsInsteadOfHanging() {
        try (CyberServer server = Servers.start();
             CyberClient client = Servers.client(server).requestTimeout(Duration.ofSeconds(3)).build();
             CyberProxy proxy = client.proxy().connect()) {
            CyberDict<Object, Object> dict = proxy.createDict("d");
            dict.put("k", "v");
            List<CompletableFuture<Object>> chained = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                chained.add(dict.async().get("k").thenApply(v -> dict.get("k")).toCompletableFuture());
            }
            int refused = 0;
            for (CompletableFuture<Object> stage : chained) {
                try {
                    assertEquals("v", stage.get(10, TimeUnit.SECONDS), "ran in the calling thread: allowed");
                } catch (java.util.concurrent.ExecutionException e) {
                    assertInstanceOf(IllegalStateException.class, e.getCause());
                    assertTrue(e.getCause().getMessage().contains("I/O thread"), e.getCause().getMessage());
                    refused++;
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }
            assertTrue(refused > 0, "an answer's dependent action runs on the I/O thread at least sometimes");
            assertEquals("v", dict.get("k"), "the client still works");
        }
    }

    @Test
    void aClosedProxyFailsTheStage() {
        try (CyberServer server = Servers.start(); CyberClient client = Servers.client(server).build()) {
            CyberProxy proxy = client.proxy().connect();
            AsyncDict<Object, Object> dict = proxy.createDict("d").async();
            proxy.close();
            assertInstanceOf(ProxyClosedException.class, failure(dict.get("k")));
        }
    }

    @Test
    void aRequestWithoutAnAnswerFailsItsStageAtTheRequestTimeout() throws Exception {
        // The relay passes the handshake (client frames 0 and 1) and the table's creation (2), then drops every request.
        try (CyberServer server = Servers.start();
             FrameRelay relay = new FrameRelay(server.port(), (n, frame) -> n <= 2 ? new byte[][] {frame} : new byte[0][]);
             CyberClient client = CyberDB.client().port(relay.port()).password(Servers.PASSWORD)
                     .requestTimeout(Duration.ofSeconds(1)).build();
             CyberProxy proxy = client.proxy().connect()) {
            AsyncDict<Object, Object> dict = proxy.createDict("d").async();
            long start = System.nanoTime();
            Throwable failed = failure(dict.get("k"));
            assertInstanceOf(ConnectionException.class, failed);
            assertTrue(failed.getMessage().contains("within 1000 ms"), failed.getMessage());
            assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(900), "not before the timeout");
        }
    }

    @Test
    void aServerThatAcceptsButNeverCompletesTheHandshakeIsGivenUpOnAtTheConnectTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             CyberClient client = CyberDB.client().port(silent.getLocalPort()).password(Servers.PASSWORD)
                     .connectTimeout(Duration.ofMillis(500)).build()) {
            CyberProxy proxy = client.proxy();
            ConnectionException refused = assertThrows(ConnectionException.class, proxy::connect);
            assertTrue(refused.getMessage().contains("did not complete the handshake within 500 ms"), refused.getMessage());
        }
    }
}
