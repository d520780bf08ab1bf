package cyberdb.net.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cyberdb.api.CyberClient;
import cyberdb.api.CyberDict;
import cyberdb.api.CyberProxy;
import cyberdb.client.wire.Op;
import cyberdb.net.CyberServer;
import cyberdb.net.PlainConnection;
import cyberdb.net.Servers;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A client that sends requests and never reads its answers is disconnected once they pile up past
 * the output limit, as Redis does with {@code client-output-buffer-limit}, while a well-behaved
 * client on the same event loop goes on being served without a pause.
 */
class OutputLimitTest {

    private static final int VALUE_BYTES = 64 * 1024;
    private static final int REQUESTS = 1_000;

    @Test
    void aClientThatDoesNotReadIsCutOffAtTheOutputLimitAndOthersAreStillServed() throws Exception {
        // One event loop: the reader and the non-reader share it, so a stalled loop would show.
        try (CyberServer server = Servers.start(b -> b.encrypted(false).ioThreads(1).maxOutputBytes(1 << 20));
             CyberClient good = Servers.client(server).encrypted(false).connections(1).build();
             CyberProxy proxy = good.proxy().connect()) {
            CyberDict<Object, Object> big = proxy.createDict("big");
            String value = "x".repeat(VALUE_BYTES);
            big.put("v", value);
            big.put("small", 1L);

            AtomicLong served = new AtomicLong();
            AtomicLong maxLatencyNanos = new AtomicLong();
            AtomicBoolean stop = new AtomicBoolean();
            CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
                while (!stop.get()) {
                    long start = System.nanoTime();
                    assertEquals(1L, big.get("small"));
                    assertEquals(VALUE_BYTES, ((String) big.get("v")).length());
                    maxLatencyNanos.accumulateAndGet(System.nanoTime() - start, Math::max);
                    served.incrementAndGet();
                }
            }, Executors.newVirtualThreadPerTaskExecutor());
            Servers.await(() -> served.get() >= 10 || reader.isDone(), Duration.ofSeconds(10));

            try (PlainConnection greedy = PlainConnection.authenticated(server.port())) {
                Servers.await(() -> server.openConnections() == 2, Duration.ofSeconds(10));
                // 64 MiB of answers asked for in 12 KiB of requests, more than any socket buffers hold.
                try {
                    for (int i = 0; i < REQUESTS; i++) {
                        greedy.queue(Op.DICT_GET, "big", w -> w.value("v"));
                    }
                    greedy.flush();
                } catch (SocketException reset) {
                    // Cut off before the last requests were written: what the test is waiting for.
                }
                Servers.await(() -> server.openConnections() == 1 || reader.isDone(), Duration.ofSeconds(20));
                assertEquals(1, server.openConnections(), "the client that does not read was disconnected");

                int answers = 0;
                while (greedy.readFrame() != null) {
                    answers++;
                }
                assertTrue(answers < REQUESTS, "the greedy client got " + answers + " of " + REQUESTS
                        + " answers before the end of the stream: cut off, not served in full");
            }
            long servedAtCut = served.get();
            Servers.await(() -> served.get() >= servedAtCut + 10 || reader.isDone(), Duration.ofSeconds(10));
            stop.set(true);
            reader.get(10, TimeUnit.SECONDS);
            // Generous for a shared two-core machine; a loop stalled by the other client would take seconds.
            long millis = TimeUnit.NANOSECONDS.toMillis(maxLatencyNanos.get());
            assertTrue(millis < 1_000, "the reading client waited up to " + millis + " ms for an answer");
            assertEquals(1, server.openConnections(), "the reading client kept its connection");
        }
    }

    @Test
    void aClientThatReadsIsNotCutOffWhenOneBatchOfAnswersExceedsTheLimit() throws Exception {
        try (CyberServer server = Servers.start(b -> b.encrypted(false).ioThreads(1).maxOutputBytes(1 << 20));
             CyberClient client = Servers.client(server).encrypted(false).connections(1).build();
             CyberProxy proxy = client.proxy().connect()) {
            CyberDict<Object, Object> big = proxy.createDict("big");
            big.put("v", "x".repeat(VALUE_BYTES));
            // 40 answers of 64 KiB asked for at once: 2.5 MiB in one batch, more than the 1 MiB limit.
            List<CompletableFuture<Object>> answers = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                answers.add(big.async().get("v").toCompletableFuture());
            }
            for (CompletableFuture<Object> answer : answers) {
                assertEquals(VALUE_BYTES, ((String) answer.get(10, TimeUnit.SECONDS)).length());
            }
            assertEquals(1, server.openConnections(), "a client that reads keeps its connection");
        }
    }

    @Test
    void aClientThatStopsReadingBelowTheLimitIsDisconnectedAfterTheStall() throws Exception {
        try (CyberServer server = Servers.start(b -> b.encrypted(false).maxOutputStall(Duration.ofMillis(500)));
             CyberClient setup = Servers.client(server).encrypted(false).build();
             CyberProxy proxy = setup.proxy().connect()) {
            proxy.createDict("big").put("v", "x".repeat(VALUE_BYTES));
            try (PlainConnection stalled = PlainConnection.authenticated(server.port())) {
                // 6 MiB of answers: far below the 256 MiB output limit, far beyond what the sockets hold.
                for (int i = 0; i < 100; i++) {
                    stalled.queue(Op.DICT_GET, "big", w -> w.value("v"));
                }
                stalled.flush();
                long start = System.nanoTime();
                Servers.await(() -> server.openConnections() == 1, Duration.ofSeconds(20));
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertTrue(millis >= 300, "not before the stall time: " + millis + " ms");
            }
            assertEquals(1, proxy.dict("big").size(), "the server goes on serving");
        }
    }

    @Test
    void anAnswerLargerThanTheOutputLimitIsRefusedAndTheConnectionKept() {
        try (CyberServer server = Servers.start(b -> b.maxOutputBytes(1 << 20));
             CyberClient client = Servers.client(server).connections(1).build();
             CyberProxy proxy = client.proxy().connect()) {
            CyberDict<Object, Object> big = proxy.createDict("big");
            for (int i = 0; i < 40; i++) {
                big.set("k" + i, "x".repeat(VALUE_BYTES));
            }
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, big::toMap);
            assertTrue(refused.getMessage().contains("more than the server's output limit of 1048576 (--max-output-bytes)"),
                    refused.getMessage());
            assertEquals(40, big.size(), "the connection is still there");
            assertEquals(1, server.openConnections());
        }
    }
}
