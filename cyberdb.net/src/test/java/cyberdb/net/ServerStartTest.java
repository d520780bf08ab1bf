package cyberdb.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cyberdb.api.CyberClient;
import cyberdb.api.CyberDB;
import cyberdb.api.CyberProxy;
import cyberdb.api.EmbeddedClient;
import cyberdb.api.FileInUseException;
import cyberdb.api.StorageException;
import cyberdb.client.wire.Op;
import cyberdb.client.wire.Srp;
import cyberdb.engine.serve.ServedDatabase;
import cyberdb.net.server.Allowlist;
import cyberdb.net.server.ServerRuntime;
import cyberdb.net.server.ServerStats;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server that cannot start leaves its files exactly as they were and holds nothing. */
class ServerStartTest {

    @TempDir
    Path dir;

    private Map<String, byte[]> files() throws IOException {
        Map<String, byte[]> contents = new TreeMap<>();
        try (Stream<Path> listing = Files.list(dir)) {
            for (Path path : listing.toList()) {
                contents.put(path.getFileName().toString(), Files.readAllBytes(path));
            }
        }
        return contents;
    }

    private static void assertSameFiles(Map<String, byte[]> expected, Map<String, byte[]> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((name, bytes) -> assertArrayEquals(bytes, actual.get(name), name));
    }

    /** A data file with a snapshot and changes after it in the journal, as a stopped server leaves it. */
    private Path dataWithJournal() {
        Path data = dir.resolve("portclash.cdb");
        try (CyberServer server = Servers.start(b -> b.dataFile(data));
             CyberClient client = Servers.client(server).build();
             CyberProxy proxy = client.proxy().connect()) {
            proxy.createDict("d").put("saved", 1);
            server.save(data);
            proxy.dict("d").put("journaled", 2);
        }
        return data;
    }

    @Test
    void aBusyPortStopsTheStartBeforeTheDataFileIsTouched() throws IOException {
        Path data = dataWithJournal();
        Map<String, byte[]> before = files();
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CyberServer server = CyberServer.builder().host("127.0.0.1").port(busy.getLocalPort())
                    .password(Servers.PASSWORD).dataFile(data).build();
            StorageException refused = assertThrows(StorageException.class, server::start);
            assertTrue(refused.getMessage().contains("Cannot listen on 127.0.0.1:" + busy.getLocalPort()), refused.getMessage());
            server.close();
        }
        assertSameFiles(before, files());
    }

    @Test
    void aFreshDataFileWithABusyPortCreatesNoFile() throws IOException {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CyberServer server = CyberServer.builder().host("127.0.0.1").port(busy.getLocalPort())
                    .password(Servers.PASSWORD).dataFile(dir.resolve("new.cdb")).build();
            assertThrows(StorageException.class, server::start);
        }
        assertEquals(Map.of(), files(), "no journal, no snapshot, no lock");
    }

    @Test
    void aDataFileOwnedElsewhereStopsTheStartAndFreesThePort() throws IOException {
        Path data = dataWithJournal();
        try (EmbeddedClient owner = CyberDB.embedded(data)) {
            owner.proxy().connect().dict("d").put("owner", 3);
            Map<String, byte[]> before = files();
            CyberServer server = CyberServer.builder().host("127.0.0.1").port(0).password(Servers.PASSWORD)
                    .dataFile(data).build();
            FileInUseException refused = assertThrows(FileInUseException.class, server::start);
            assertTrue(refused.getMessage().contains("portclash.cdb"), refused.getMessage());
            assertSameFiles(before, files());
        }
        // Nothing was left holding the file: a server can now own it.
        try (CyberServer server = Servers.start(b -> b.dataFile(data));
             CyberClient client = Servers.client(server).build();
             CyberProxy proxy = client.proxy().connect()) {
            assertEquals(Map.of("saved", 1L, "journaled", 2L, "owner", 3L), proxy.dict("d").toMap());
        }
    }

    /** Connections made while the server still loads its data file wait, then are served. */
    @Test
    void aClientConnectingBetweenBindAndStartIsServedOnceStarted() throws Exception {
        ServerRuntime.Bound bound = ServerRuntime.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1, 16);
        ServedDatabase database = ServedDatabase.inMemory(Long.MAX_VALUE);
        ServerRuntime runtime = null;
        try (PlainConnection early = PlainConnection.open(bound.address().getPort())) {
            early.sendHello();   // into the kernel's backlog: nothing accepts it yet
            runtime = ServerRuntime.start(bound, new ServerRuntime.Settings(database, Srp.Verifier.of(Servers.PASSWORD),
                    false, Allowlist.of(Allowlist.LOOPBACK), 16, 1 << 20, Duration.ofSeconds(10), Duration.ZERO, false,
                    1, 16, 1 << 20, 16, 1 << 20, Duration.ofSeconds(60), new ServerStats(Duration.ofMillis(10)), null));
            early.sendProof();
            early.awaitVerified();
            early.send(Op.PING, "", w -> { });
            assertEquals(0, early.read().status(), "served");
        } finally {
            if (runtime != null) {
                runtime.close(Duration.ofSeconds(5));
            } else {
                bound.close();
            }
            database.close();
        }
    }
}
