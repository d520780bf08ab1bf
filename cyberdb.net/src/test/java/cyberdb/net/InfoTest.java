package cyberdb.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cyberdb.api.AuthenticationException;
import cyberdb.api.CyberClient;
import cyberdb.api.CyberDB;
import cyberdb.api.CyberDict;
import cyberdb.api.CyberProxy;
import cyberdb.api.DatabaseInfo;
import cyberdb.api.EmbeddedClient;
import cyberdb.api.SlowRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InfoTest {

    @TempDir
    Path dir;

    @Test
    void aServerTellsItsSectionsAndItsCountersMoveWithRequests() {
        try (CyberServer server = Servers.start(b -> b.dataFile(dir.resolve("info.cdb")));
             CyberClient client = Servers.client(server).build();
             CyberProxy proxy = client.proxy().connect()) {
            DatabaseInfo before = proxy.info();
            assertEquals(List.of("server", "clients", "memory", "persistence", "stats", "tables"),
                    List.copyOf(before.sections().keySet()));
            assertEquals("server", before.section("server").orElseThrow().get("mode"));
            assertEquals(CyberDB.version(), before.section("server").orElseThrow().get("version"));
            assertEquals(ProcessHandle.current().pid(), before.section("server").orElseThrow().get("pid"));
            assertTrue((Long) before.section("clients").orElseThrow().get("connected") >= 1);
            long requests = (Long) before.section("stats").orElseThrow().get("requests_total");

            CyberDict<Object, Object> dict = proxy.createDict("sessions");
            for (int i = 0; i < 10; i++) {
                dict.put("k" + i, "v".repeat(100));
            }
            DatabaseInfo after = proxy.info();
            assertTrue((Long) after.section("stats").orElseThrow().get("requests_total") >= requests + 11,
                    "create, ten puts and the info before");
            assertTrue((Long) after.section("stats").orElseThrow().get("bytes_in_total") > 10 * 100);
            assertEquals(10L, after.section("memory").orElseThrow().get("entries"));
            Map<?, ?> table = (Map<?, ?>) after.section("tables").orElseThrow().get("sessions");
            assertEquals("dict", table.get("kind"));
            assertEquals(10L, table.get("size"));
            assertTrue((Long) table.get("bytes") > 10 * 100, "estimated bytes: " + table.get("bytes"));

            var persistence = after.section("persistence").orElseThrow();
            assertEquals(dir.resolve("info.cdb").toString(), persistence.get("data_file"));
            assertEquals("everysec", persistence.get("durability"));
            assertEquals("never", persistence.get("last_snapshot"));
            assertEquals(11L, persistence.get("changes_since_snapshot"));
            assertTrue((Long) persistence.get("journal_bytes") > 10 * 100);

            Instant saving = Instant.now();
            proxy.save();
            var saved = proxy.info().section("persistence").orElseThrow();
            assertEquals(0L, saved.get("changes_since_snapshot"));
            assertEquals("ok", saved.get("last_snapshot_status"));
            assertFalse(Instant.parse((String) saved.get("last_snapshot")).isBefore(saving.minusSeconds(1)));
        }
    }

    @Test
    void failedLoginsAndRefusedConnectionsAreCounted() {
        try (CyberServer server = Servers.start(b -> b.maxConnections(2));
             CyberClient client = Servers.client(server).build();
             CyberProxy proxy = client.proxy().connect()) {
            try (CyberClient wrong = Servers.client(server).password("not the password").build()) {
                assertThrows(AuthenticationException.class, () -> wrong.proxy().connect().tables());
            }
            var clients = proxy.info().section("clients").orElseThrow();
            assertEquals(1L, proxy.info().section("stats").orElseThrow().get("failed_logins_total"));
            assertEquals(2L, clients.get("max_connections"));
            assertTrue((Long) clients.get("accepted_total") >= 2, "this client's and the wrong one's");
        }
    }

    @Test
    void theSlowLogKeepsWhatRequestsWereNeverWhatTheyCarried() {
        try (CyberServer server = Servers.start(b -> b.slowlogThreshold(Duration.ZERO));
             CyberClient client = Servers.client(server).build();
             CyberProxy proxy = client.proxy().connect()) {
            CyberDict<Object, Object> dict = proxy.createDict("secrets");
            dict.put("user", "a password nobody may read");
            List<SlowRequest> slow = proxy.slowRequests(2);
            assertEquals(2, slow.size());
            SlowRequest put = slow.getFirst();
            assertEquals("DICT_PUT", put.operation(), "newest first");
            assertEquals("secrets", put.table());
            assertEquals("127.0.0.1", put.client());
            assertEquals("CREATE_DICT", slow.get(1).operation());
            assertFalse(put.toString().contains("password nobody"));
            assertEquals(0, proxy.slowRequests(0).size());
            assertThrows(IllegalArgumentException.class, () -> proxy.slowRequests(-1));
            for (int i = 0; i < 200; i++) {
                dict.get("user");
            }
            assertEquals(128, proxy.slowRequests(1000).size(), "the last 128 are kept");
        }
    }

    @Test
    void fastRequestsStayOutOfTheSlowLog() {
        try (CyberServer server = Servers.start(b -> b.slowlogThreshold(Duration.ofHours(1)));
             CyberClient client = Servers.client(server).build();
             CyberProxy proxy = client.proxy().connect()) {
            proxy.createDict("d").put("k", 1L);
            assertEquals(List.of(), proxy.slowRequests(10));
            assertEquals(3_600_000_000L, proxy.info().section("stats").orElseThrow().get("slowlog_micros"));
        }
    }

    @Test
    void anEmbeddedDatabaseTellsItsOwnSectionsAndKeepsNoSlowLog() {
        try (EmbeddedClient db = CyberDB.embedded(); CyberProxy proxy = db.proxy().connect()) {
            proxy.createList("l").add("x");
            DatabaseInfo info = proxy.info();
            assertEquals(List.of("server", "memory", "persistence", "tables"), List.copyOf(info.sections().keySet()));
            assertEquals("embedded", info.section("server").orElseThrow().get("mode"));
            assertEquals("none", info.section("persistence").orElseThrow().get("data_file"));
            assertEquals(1L, info.section("memory").orElseThrow().get("entries"));
            assertEquals(List.of(), proxy.slowRequests(10));
        }
    }
}
