package cyberdb.net;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cyberdb.api.ConnectionException;
import cyberdb.api.CyberClient;
import cyberdb.api.CyberDB;
import cyberdb.api.CyberDict;
import cyberdb.api.CyberProxy;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * A man in the middle who reorders or drops the client's encrypted frames, on top of the flipped
 * and replayed frames of {@link SecurityTest}: the server notices at the next frame (its nonce
 * counter no longer matches), cuts the connection, and applies neither request involved.
 */
class TamperingTest {

    /**
     * Sends two requests that overlap on one connection (client frames 3 and 4, after HELLO, PROOF
     * and the table's creation) through a relay that has seen frame 3 before the second is sent.
     */
    private static void overlappingRequestsTamperedAreCut(BiFunction<Integer, byte[], byte[][]> tamper,
                                                         CountDownLatch thirdSeen) throws Exception {
        try (CyberServer server = Servers.start();
             FrameRelay relay = new FrameRelay(server.port(), tamper);
             // One connection: a second would bypass the relay, which carries only one.
             CyberClient client = CyberDB.client().port(relay.port()).password(Servers.PASSWORD).connections(1).build();
             CyberClient direct = Servers.client(server).build()) {
            CyberProxy proxy = client.proxy().connect();
            CyberDict<Object, Object> dict = proxy.createDict("d");
            long start = System.nanoTime();
            CompletableFuture<Object> first = CompletableFuture.supplyAsync(() -> dict.put("k1", "first"),
                    task -> Thread.ofVirtual().start(task));
            assertTrue(thirdSeen.await(10, TimeUnit.SECONDS), "the relay saw the first request");
            assertThrows(ConnectionException.class, () -> dict.put("k2", "second"));
            ExecutionException failed = assertThrows(ExecutionException.class, () -> first.get(20, TimeUnit.SECONDS));
            assertInstanceOf(ConnectionException.class, failed.getCause());
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
            assertTrue(seconds < 10, "cut by the server, not by the client's request timeout: " + seconds + " s");
            try (CyberProxy check = direct.proxy().connect()) {
                assertFalse(check.dict("d").containsKey("k1"), "the first request was not applied");
                assertFalse(check.dict("d").containsKey("k2"), "the second request was not applied");
            }
            Servers.await(() -> server.openConnections() == 1, Duration.ofSeconds(10));
        }
    }

    @Test
    void twoEncryptedFramesSwappedAreDetectedAndTheConnectionCut() throws Exception {
        CountDownLatch thirdSeen = new CountDownLatch(1);
        byte[][] held = new byte[1][];
        overlappingRequestsTamperedAreCut((n, frame) -> {
            if (n == 3) {
                held[0] = frame;
                thirdSeen.countDown();
                return new byte[0][];
            }
            return n == 4 ? new byte[][] {frame, held[0]} : new byte[][] {frame};
        }, thirdSeen);
    }

    @Test
    void aDroppedEncryptedFrameIsDetectedAtTheNextAndTheConnectionCut() throws Exception {
        CountDownLatch thirdSeen = new CountDownLatch(1);
        overlappingRequestsTamperedAreCut((n, frame) -> {
            if (n == 3) {
                thirdSeen.countDown();
                return new byte[0][];
            }
            return new byte[][] {frame};
        }, thirdSeen);
    }
}
