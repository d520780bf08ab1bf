package cyberdb.net.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cyberdb.client.wire.Handshake;
import cyberdb.net.CyberServer;
import cyberdb.net.PlainConnection;
import cyberdb.net.Servers;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The handshake's deadline covers all of it: SecurityTest drops a client that says nothing or
 * trickles its HELLO; this one is answered its challenge and then never proves anything.
 */
class HandshakeDeadlineTest {

    @Test
    void aClientThatStallsAfterTheChallengeIsDroppedAtTheDeadline() throws IOException {
        try (CyberServer server = Servers.start(b -> b.encrypted(false).handshakeTimeout(Duration.ofMillis(500)));
             PlainConnection stalled = PlainConnection.open(server.port())) {
            long start = System.nanoTime();
            stalled.sendHello();
            byte[] challenge = stalled.readFrame();
            assertNotNull(challenge, "challenged");
            assertEquals(Handshake.CHALLENGE, challenge[0]);
            assertNull(stalled.readFrame(), "dropped without a word once the deadline passed");
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(millis < 5_000, "dropped after " + millis + " ms, the deadline being 500 ms");
            Servers.await(() -> server.openConnections() == 0, Duration.ofSeconds(10));
        }
    }
}
