package cyberdb.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cyberdb.api.ConnectionException;
import cyberdb.api.CyberClient;
import cyberdb.api.CyberDB;
import cyberdb.api.CyberDict;
import cyberdb.api.CyberProxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Values around every size where the wire changes its handling: frames that reserve room (above
 * 64 KiB), payloads sealed in pieces (above 256 KiB), answers wrapped rather than copied, and
 * frames near the size limit; encrypted and in plaintext, one at a time and pipelined.
 */
class LargeValuesTest {

    private static final int[] SIZES = {0, 1, 65_519, 65_520, 65_536, 65_537, 262_127, 262_144, 262_145,
            1 << 20, 15 << 20};

    private static byte[] bytes(int size, int seed) {
        byte[] value = new byte[size];
        new Random(seed).nextBytes(value);
        return value;
    }

    private static CyberServer server(boolean encrypted) {
        return Servers.start(b -> b.encrypted(encrypted).maxFrameBytes(32 << 20));
    }

    private static CyberClient client(CyberServer server, boolean encrypted) {
        return Servers.client(server).encrypted(encrypted).maxFrameBytes(32 << 20).build();
    }

    @ParameterizedTest(name = "encrypted={0}")
    @ValueSource(booleans = {true, false})
    void everySizeComesBackAsItWent(boolean encrypted) {
        try (CyberServer server = server(encrypted); CyberClient client = client(server, encrypted);
             CyberProxy proxy = client.proxy().connect()) {
            CyberDict<String, byte[]> dict = proxy.createDict("d", String.class, byte[].class);
            for (int size : SIZES) {
                byte[] value = bytes(size, size);
                assertNull(dict.put("k" + size, value));
                assertArrayEquals(value, dict.get("k" + size), "a value of " + size + " bytes");
                byte[] other = bytes(size, size + 1);
                assertArrayEquals(value, dict.put("k" + size, other), "the old value, sent back");
                assertArrayEquals(other, dict.get("k" + size));
            }
            // An answer of several frames, each of them large.
            Map<String, byte[]> all = dict.toMap();
            assertEquals(SIZES.length, all.size());
            assertArrayEquals(bytes(15 << 20, (15 << 20) + 1), all.get("k" + (15 << 20)));
        }
    }

    @ParameterizedTest(name = "encrypted={0}")
    @ValueSource(booleans = {true, false})
    void largeAndSmallRequestsInFlightTogetherEachGetTheirOwnAnswer(boolean encrypted) throws Exception {
        try (CyberServer server = server(encrypted); CyberClient client = client(server, encrypted);
             CyberProxy proxy = client.proxy().connect()) {
            CyberDict<String, byte[]> dict = proxy.createDict("d", String.class, byte[].class);
            List<CompletableFuture<?>> sent = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                int size = i % 4 == 0 ? (1 << 20) + i : i % 4 == 1 ? 300_000 + i : i;
                sent.add(dict.async().set("k" + i, bytes(size, i)).toCompletableFuture());
                if (i > 0) {
                    int earlier = i - 1;
                    sent.add(dict.async().get("k" + earlier).toCompletableFuture()
                            .thenAccept(v -> assertArrayEquals(bytes(v.length, earlier), v, "k" + earlier)));
                }
            }
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            assertEquals(40, dict.size());
        }
    }

    @Test
    void clientsSendingLargeValuesAtOnceThroughASmallReceiveBudgetAreServedInTurn() throws Exception {
        try (CyberServer server = Servers.start(b -> b.receiveBytes(1 << 20).ioThreads(2).maxFrameBytes(32 << 20))) {
            List<CyberClient> clients = new ArrayList<>();
            List<CompletableFuture<Void>> writes = new ArrayList<>();
            try {
                try (CyberClient setup = Servers.client(server).build(); CyberProxy proxy = setup.proxy().connect()) {
                    proxy.createDict("d");
                }
                for (int c = 0; c < 6; c++) {
                    CyberClient client = client(server, true);
                    clients.add(client);
                    CyberDict<String, byte[]> dict = client.proxy().connect().dict("d", String.class, byte[].class);
                    for (int i = 0; i < 3; i++) {
                        // 900 KB each: one fits the 1 MiB budget at a time, the others wait their turn.
                        writes.add(dict.async().set(c + ":" + i, bytes(900_000, c * 10 + i)).toCompletableFuture());
                    }
                }
                CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
                CyberDict<String, byte[]> check = clients.getFirst().proxy().connect().dict("d", String.class, byte[].class);
                assertEquals(18, check.size());
                assertArrayEquals(bytes(900_000, 52), check.get("5:2"));
            } finally {
                clients.forEach(CyberClient::close);
            }
        }
    }

    @ParameterizedTest(name = "flip at {0}")
    @ValueSource(ints = {10, 300_000, 2_000_000})
    void aFlippedBitAnywhereInALargeEncryptedFrameCutsTheConnectionAndChangesNothing(int at) throws Exception {
        // Client frames 0 and 1 are the handshake, 2 creates the table, 3 carries the large value.
        try (CyberServer server = server(true);
             FrameRelay relay = new FrameRelay(server.port(), (n, frame) -> {
                 if (n == 3) {
                     frame[Math.min(at, frame.length - 1)] ^= 0x10;
                 }
                 return new byte[][] {frame};
             });
             CyberClient client = CyberDB.client().port(relay.port()).password(Servers.PASSWORD).maxFrameBytes(32 << 20).build();
             CyberClient direct = client(server, true)) {
            CyberDict<Object, Object> dict = client.proxy().connect().createDict("d");
            assertThrows(ConnectionException.class, () -> dict.set("k", bytes(3 << 20, 7)));
            try (CyberProxy check = direct.proxy().connect()) {
                assertFalse(check.dict("d").containsKey("k"), "the tampered value was not stored");
            }
        }
    }
}
