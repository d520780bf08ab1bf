package cyberdb.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cyberdb.api.AuthenticationException;
import cyberdb.api.ConnectionException;
import cyberdb.api.CyberClient;
import cyberdb.api.CyberDB;
import cyberdb.api.CyberDict;
import cyberdb.api.CyberProxy;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SecurityTest {

    @Test
    void aWrongPasswordIsRefusedAndTheRefusalTellsNothingAboutThePassword() {
        try (CyberServer server = Servers.start()) {
            List<String> messages = new java.util.ArrayList<>();
            for (String wrong : List.of("x", "correct horse battery stapl", "completely different and much longer guess")) {
                try (CyberClient client = CyberDB.client().port(server.port()).password(wrong).build()) {
                    var error = assertThrows(AuthenticationException.class, () -> client.proxy().connect());
                    assertFalse(error.getMessage().contains(wrong));
                    assertFalse(error.getMessage().contains(Servers.PASSWORD));
                    messages.add(error.getMessage());
                }
            }
            assertEquals(1, messages.stream().distinct().count(), "every wrong password gets the same answer");
            try (CyberClient client = Servers.client(server).build(); CyberProxy proxy = client.proxy().connect()) {
                assertEquals(List.of(), proxy.tables(), "the right password still works");
            }
        }
    }

    @Test
    void repeatedFailuresFromOneAddressAreSlowedDown() {
        try (CyberServer server = Servers.start();
             CyberClient client = CyberDB.client().port(server.port()).password("wrong password").build()) {
            assertThrows(AuthenticationException.class, () -> client.proxy().connect());
            assertThrows(AuthenticationException.class, () -> client.proxy().connect());
            long start = System.nanoTime();
            assertThrows(AuthenticationException.class, () -> client.proxy().connect());
            long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
            assertTrue(millis >= 350, "the third failure in a row waits at least 400 ms, took " + millis);
        }
    }

    private static void tamperedSessionIsCut(java.util.function.BiFunction<Integer, byte[], byte[][]> tamper) throws Exception {
        try (CyberServer server = Servers.start();
             FrameRelay relay = new FrameRelay(server.port(), tamper);
             CyberClient client = CyberDB.client().port(relay.port()).password(Servers.PASSWORD).build();
             CyberClient direct = Servers.client(server).build()) {
            CyberProxy proxy = client.proxy().connect();
            CyberDict<Object, Object> dict = proxy.createDict("d");   // frame 2 after HELLO and PROOF
            assertThrows(ConnectionException.class, () -> dict.put("k", "tampered"));   // frame 3
            try (CyberProxy check = direct.proxy().connect()) {
                assertFalse(check.dict("d").containsKey("k"), "the tampered request was not applied");
            }
            Servers.await(() -> server.openConnections() == 1, Duration.ofSeconds(10));
        }
    }

    @Test
    void aFlippedBitInAnEncryptedFrameIsDetectedAndTheConnectionCut() throws Exception {
        tamperedSessionIsCut((n, frame) -> {
            if (n == 3) {
                frame[frame.length / 2] ^= 1;
            }
            return new byte[][] {frame};
        });
    }

    @Test
    void aReplayedFrameIsDetectedAndTheConnectionCut() throws Exception {
        byte[][] captured = new byte[1][];
        tamperedSessionIsCut((n, frame) -> {
            if (n == 2) {
                captured[0] = frame.clone();
            }
            return n == 3 ? new byte[][] {captured[0]} : new byte[][] {frame};
        });
    }

    @Test
    void addressesOutsideTheAllowlistAreClosedAtOnce() throws IOException {
        try (CyberServer server = Servers.start(b -> b.allow(List.of("10.0.0.0/8", "fd00::/8")));
             CyberClient client = Servers.client(server).build()) {
            assertThrows(ConnectionException.class, () -> client.proxy().connect());
            try (Socket raw = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
                raw.setSoTimeout(5000);
                assertEquals(-1, raw.getInputStream().read(), "closed without a byte");
            }
        }
        assertThrows(IllegalArgumentException.class, () -> CyberServer.builder().allow(List.of("example.com")));
        assertThrows(IllegalArgumentException.class, () -> CyberServer.builder().allow(List.of("10.0.0.0/33")));
    }

    @Test
    void anOversizedLengthPrefixIsRefusedWithoutAllocatingIt() throws IOException {
        try (CyberServer server = Servers.start(); Socket raw = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            raw.setSoTimeout(5000);
            new DataOutputStream(raw.getOutputStream()).writeInt(Integer.MAX_VALUE);
            assertEquals(-1, raw.getInputStream().read(), "the server hung up instead of reading 2 GiB");
            assertServes(server);
        }
    }

    @Test
    void garbageAndTruncatedFramesCloseOnlyTheirConnection() throws IOException {
        try (CyberServer server = Servers.start();
             CyberClient bystander = Servers.client(server).build();
             CyberProxy proxy = bystander.proxy().connect()) {
            proxy.createList("l").add("still here");
            Random random = new Random(7);
            for (int attempt = 0; attempt < 20; attempt++) {
                try (Socket raw = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
                    raw.setSoTimeout(5000);
                    byte[] garbage = new byte[1 + random.nextInt(200)];
                    random.nextBytes(garbage);
                    raw.getOutputStream().write(garbage);
                    raw.shutdownOutput();
                    drain(raw.getInputStream());
                }
            }
            assertEquals(List.of("still here"), proxy.list("l"));
            assertServes(server);
        }
    }

    @Test
    void aSilentClientIsDroppedAfterTheHandshakeDeadline() throws IOException {
        try (CyberServer server = Servers.start(b -> b.handshakeTimeout(Duration.ofMillis(300)));
             Socket raw = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            raw.setSoTimeout(10_000);
            assertEquals(-1, raw.getInputStream().read(), "dropped, not kept open");
            Servers.await(() -> server.openConnections() == 0, Duration.ofSeconds(10));
        }
    }

    @Test
    void aWrongPasswordIsToldAsSuchEvenWhenItsDelayOutlastsTheHandshakeDeadline() {
        try (CyberServer server = Servers.start(b -> b.handshakeTimeout(Duration.ofMillis(300)))) {
            for (int attempt = 1; attempt <= 4; attempt++) {
                // The delays double from 100 ms: the fourth, 800 ms, is past the 300 ms deadline.
                try (CyberClient wrong = CyberDB.client().port(server.port()).password("not the password").build()) {
                    assertThrows(AuthenticationException.class, () -> wrong.proxy().connect(), "attempt " + attempt);
                }
            }
        }
    }

    @Test
    void aClientThatTricklesItsHandshakeIsDroppedAtTheDeadline() throws Exception {
        ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        try (CyberServer server = Servers.start(b -> b.handshakeTimeout(Duration.ofMillis(500)));
             Socket raw = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            DataOutputStream out = new DataOutputStream(raw.getOutputStream());
            out.writeInt(200);
            out.flush();
            // One byte of the promised 200 every 100 ms: each read completes well within the read
            // timeout, so only a deadline on the whole handshake stops this client.
            trickle.scheduleAtFixedRate(() -> {
                try {
                    out.write('C');
                    out.flush();
                } catch (IOException closed) {
                    throw new java.io.UncheckedIOException(closed);
                }
            }, 100, 100, TimeUnit.MILLISECONDS);
            raw.setSoTimeout(15_000);
            long start = System.nanoTime();
            try {
                drain(raw.getInputStream());
            } catch (java.net.SocketException reset) {
                // Dropped while bytes were still arriving: a reset is as good as an end of stream.
            }
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
            assertTrue(seconds < 5, "dropped after " + seconds + " s; the 200-byte frame would take 20 s");
            Servers.await(() -> server.openConnections() == 0, Duration.ofSeconds(10));
        } finally {
            trickle.shutdownNow();
        }
    }

    @Test
    void neitherTheServerNorItsBuilderKeepsThePassword() throws Exception {
        CyberServer.Builder builder = CyberServer.builder().host("127.0.0.1").port(0).password(Servers.PASSWORD);
        assertFalse(Reachable.holds(builder, Servers.PASSWORD), "the builder keeps the password");
        try (CyberServer server = builder.build().start()) {
            assertServes(server);
            assertFalse(Reachable.holds(server, Servers.PASSWORD), "the server keeps the password");
        }
    }

    @Test
    @SuppressWarnings("try") // closes a resource early on purpose, to see what follows
    void clientsBeyondTheConnectionLimitAreToldWhy() {
        try (CyberServer server = Servers.start(b -> b.maxConnections(1));
             CyberClient first = Servers.client(server).build();
             CyberClient second = Servers.client(server).build()) {
            CyberProxy holding = first.proxy().connect();
            var error = assertThrows(ConnectionException.class, () -> second.proxy().connect());
            assertTrue(error.getMessage().contains("limit of 1 connections"), error.getMessage());
            holding.close();
            first.close();
            Servers.await(() -> server.openConnections() == 0, Duration.ofSeconds(10));
            try (CyberProxy now = second.proxy().connect()) {
                assertEquals(List.of(), now.tables());
            }
        }
    }

    @Test
    void encryptionMustMatchAndPlaintextStaysOnLoopbackUnlessAllowed() {
        try (CyberServer server = Servers.start();
             CyberClient plain = Servers.client(server).encrypted(false).build()) {
            var error = assertThrows(ConnectionException.class, () -> plain.proxy().connect());
            assertTrue(error.getMessage().contains("encrypted connections only"), error.getMessage());
        }
        var unsafe = assertThrows(IllegalStateException.class,
                () -> CyberServer.builder().host("0.0.0.0").password(Servers.PASSWORD).encrypted(false).build());
        assertTrue(unsafe.getMessage().contains("plaintextBeyondLoopback"), unsafe.getMessage());
        try (CyberServer plainServer = Servers.start(b -> b.encrypted(false));
             CyberClient plain = Servers.client(plainServer).encrypted(false).build();
             CyberProxy proxy = plain.proxy().connect()) {
            proxy.createDict("d").put("k", 1);
            assertEquals(1L, proxy.dict("d").get("k"));
        }
    }

    private static void drain(InputStream in) throws IOException {
        while (in.read() >= 0) {
            // Read until the server hangs up.
        }
    }

    private static void assertServes(CyberServer server) {
        try (CyberClient client = Servers.client(server).build(); CyberProxy proxy = client.proxy().connect()) {
            proxy.tables();
        }
    }
}
