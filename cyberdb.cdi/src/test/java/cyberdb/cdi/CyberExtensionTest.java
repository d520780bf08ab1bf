package cyberdb.cdi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cyberdb.api.CyberClient;
import cyberdb.api.CyberDB;
import cyberdb.api.CyberDict;
import cyberdb.api.CyberList;
import cyberdb.api.CyberProxy;
import cyberdb.api.EmbeddedClient;
import cyberdb.api.MemoryLimitException;
import cyberdb.net.CyberServer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.enterprise.inject.se.SeContainer;
import jakarta.enterprise.inject.spi.DefinitionException;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CyberExtensionTest {

    public record Note(String title, List<String> tags) {
    }

    /** An application-scoped bean, as JAX-RS resources often are: tables must follow each request. */
    @ApplicationScoped
    public static class Greeter {
        @Inject
        @CyberTable(value = "centre", create = true)
        CyberDict<String, String> centre;

        @Inject
        @CyberTable(value = "notes", create = true)
        CyberList<Note> notes;

        @Inject
        @CyberTable(value = "plain", create = true)
        CyberDict<Object, Object> plain;

        @Inject
        CyberProxy proxy;

        @ActivateRequestContext
        public String greet() {
            centre.put("content", "Hello CyberDB!");
            return centre.get("content");
        }

        @ActivateRequestContext
        public Note addNote(Note note) {
            notes.add(note);
            plain.merge("count", 1L, (a, b) -> (Long) a + (Long) b);
            return notes.getLast();
        }

        @ActivateRequestContext
        public boolean proxyConnectedWithTables() {
            centre.put("touched", "yes");
            return proxy.isConnected() && proxy.dict("centre").containsKey("touched");
        }

        @ActivateRequestContext
        public List<String> tables() {
            return proxy.tables().stream().map(t -> t.name()).toList();
        }

        /** The injected handle itself, for use outside a request. */
        public CyberDict<String, String> centreHandle() {
            return centre;
        }

        /** The injected proxy itself, for use outside a request. */
        public CyberProxy proxyHandle() {
            return proxy;
        }
    }

    /** A second injection of the same table. */
    @ApplicationScoped
    public static class Reader {
        @Inject
        @CyberTable("centre")
        CyberDict<String, String> centre;

        public CyberDict<String, String> centreHandle() {
            return centre;
        }

        @ActivateRequestContext
        public int hashInARequest() {
            return centre.hashCode();
        }
    }

    @Test
    void injectsTypedAndPlainTablesBoundToEachRequest() {
        try (SeContainer container = Containers.start(Map.of(), Greeter.class)) {
            Greeter greeter = container.select(Greeter.class).get();
            assertEquals("Hello CyberDB!", greeter.greet());
            Note note = new Note("first", List.of("a", "b"));
            assertEquals(note, greeter.addNote(note));
            assertEquals(note, greeter.addNote(note));
            assertEquals(List.of("centre", "notes", "plain"), greeter.tables());
        }
    }

    @Test
    void eachRequestReturnsItsConnectionToThePool() {
        try (CyberServer server = CyberServer.builder().port(0).password("extension password").build().start();
             SeContainer container = Containers.start(Map.of(
                     "cyberdb.mode", "remote",
                     "cyberdb.port", String.valueOf(server.port()),
                     "cyberdb.password", "extension password",
                     "cyberdb.connections", "1",
                     "cyberdb.connect-timeout", "2s"), Greeter.class)) {
            Greeter greeter = container.select(Greeter.class).get();
            for (int request = 0; request < 20; request++) {
                assertEquals("Hello CyberDB!", greeter.greet(), "request " + request + " found a free connection");
            }
            assertEquals(1, server.openConnections(), "one pooled connection served every request");
        }
    }

    @Test
    void theInjectedProxyIsTheRequestsConnectedProxy() {
        try (SeContainer container = Containers.start(Map.of(), Greeter.class)) {
            Greeter greeter = container.select(Greeter.class).get();
            assertTrue(greeter.proxyConnectedWithTables());
        }
    }

    public static class WrongType {
        @Inject
        @CyberTable("x")
        Map<String, String> notATable;
    }

    public static class EmptyName {
        @Inject
        @CyberTable("")
        CyberDict<String, String> nameless;
    }

    public static class Missing {
        @Inject
        @CyberTable("never-created")
        CyberList<String> missing;
    }

    /** Starts a container that must fail, and returns the failure's messages, causes and suppressed ones included. */
    private static String bootFailure(Class<? extends Exception> expected, Map<String, String> config, Class<?> bean) {
        Exception failure = assertThrows(expected, () -> Containers.start(config, bean).close());
        StringBuilder messages = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
            for (Throwable suppressed : t.getSuppressed()) {
                messages.append(suppressed.getMessage()).append('\n');
            }
        }
        return messages.toString();
    }

    @Test
    void badInjectionPointsAreDefinitionErrorsNamingThem() {
        String wrongType = bootFailure(DefinitionException.class, Map.of(), WrongType.class);
        assertTrue(wrongType.contains("cyberdb.cdi.CyberExtensionTest$WrongType.notATable")
                && wrongType.contains("CyberDict<K, V> or CyberList<E>"), wrongType);
        String empty = bootFailure(DefinitionException.class, Map.of(), EmptyName.class);
        assertTrue(empty.contains("EmptyName.nameless") && empty.contains("name is empty"), empty);
    }

    @Test
    void aMissingTableIsADeploymentProblemWhenValidating() {
        String missing = bootFailure(DeploymentException.class, Map.of("cyberdb.validate-tables", "true"), Missing.class);
        assertTrue(missing.contains("Missing.missing") && missing.contains("'never-created' does not exist"), missing);
    }

    @Test
    void tablesToCreateAreCreatedOnFirstUseNotAtBoot() {
        try (SeContainer container = Containers.start(Map.of(), Greeter.class)) {
            try (CyberProxy proxy = container.select(CyberClient.class).get().proxy().connect()) {
                assertEquals(List.of(), proxy.tables(), "a boot writes nothing, so one that fails later changed nothing");
            }
            Greeter greeter = container.select(Greeter.class).get();
            assertEquals("Hello CyberDB!", greeter.greet());
            assertEquals(List.of("centre"), greeter.tables());
        }
    }

    @Test
    void anExistingTableOfTheOtherKindFailsTheBoot(@TempDir Path dir) {
        Path data = dir.resolve("data.cdb");
        try (EmbeddedClient db = CyberDB.embedded(data); CyberProxy proxy = db.proxy().connect()) {
            proxy.createList("centre");
        }
        String wrongKind = bootFailure(DeploymentException.class, Map.of("cyberdb.data-file", data.toString()), Greeter.class);
        assertTrue(wrongKind.contains("Greeter.centre") && wrongKind.contains("table 'centre' is a list, but a dict is injected"),
                wrongKind);
    }

    /** No table is injected: the configuration is still checked, and the database opened, at boot. */
    public static class NoTables {
    }

    @Test
    void aTypoInTheModeFailsTheBoot() {
        String typo = bootFailure(DeploymentException.class, Map.of("cyberdb.mode", "embeded"), NoTables.class);
        assertTrue(typo.contains("cyberdb.mode must be 'embedded' or 'remote', got 'embeded'"), typo);
    }

    @Test
    void aBadPortFailsTheBoot() {
        String outOfRange = bootFailure(DeploymentException.class, Map.of("cyberdb.mode", "remote",
                "cyberdb.password", "a password", "cyberdb.port", "99999"), NoTables.class);
        assertTrue(outOfRange.contains("cyberdb.port must be a whole number from 1 to 65535, got '99999'"), outOfRange);
        String notANumber = bootFailure(DeploymentException.class, Map.of("cyberdb.mode", "remote",
                "cyberdb.password", "a password", "cyberdb.port", "99l8"), NoTables.class);
        assertTrue(notANumber.contains("cyberdb.port must be a whole number from 1 to 65535, got '99l8'"), notANumber);
    }

    @Test
    void aMisspelledKeyOrAFlagThatIsNotTrueOrFalseFailsTheBoot() {
        String key = bootFailure(DeploymentException.class, Map.of("cyberdb.mdoe", "remote"), NoTables.class);
        assertTrue(key.contains("Unknown configuration key cyberdb.mdoe") && key.contains("cyberdb.mode"), key);
        String flag = bootFailure(DeploymentException.class, Map.of("cyberdb.encrypted", "flase"), NoTables.class);
        assertTrue(flag.contains("cyberdb.encrypted must be true or false, got 'flase'"), flag);
    }

    /** Fills the injected table until the memory limit refuses a write. */
    @ApplicationScoped
    public static class Filler {
        @Inject
        @CyberTable(value = "blobs", create = true)
        CyberDict<String, String> blobs;

        @ActivateRequestContext
        public String fillUntilRefused() {
            try {
                for (int i = 0; i < 10_000; i++) {
                    blobs.set("k" + i, "v".repeat(10_000));
                }
                return "never refused";
            } catch (MemoryLimitException refused) {
                return refused.getMessage();
            }
        }
    }

    @Test
    void theMemoryLimitIsConfiguredAndCheckedAtBoot() {
        try (SeContainer container = Containers.start(Map.of("cyberdb.max-memory", "2mb"), Filler.class)) {
            String refused = container.select(Filler.class).get().fillUntilRefused();
            assertTrue(refused.contains("memory limit of 2.0 MiB set by maxMemory (EmbeddedBuilder; cyberdb.max-memory"),
                    refused);
        }
        String bad = bootFailure(DeploymentException.class, Map.of("cyberdb.max-memory", "lots"), NoTables.class);
        assertTrue(bad.contains("cyberdb.max-memory must be a size of at least 1mb, such as 512mb or 2gb, got 'lots'"), bad);
        String remote = bootFailure(DeploymentException.class, Map.of("cyberdb.mode", "remote", "cyberdb.password",
                "a password", "cyberdb.max-memory", "1gb"), NoTables.class);
        assertTrue(remote.contains("in remote mode the server sets its own"), remote);
    }

    @Test
    void aRemoteModeWithoutPasswordFailsTheBoot() {
        String noPassword = bootFailure(DeploymentException.class, Map.of("cyberdb.mode", "remote"), NoTables.class);
        assertTrue(noPassword.contains("cyberdb.password is required in remote mode"), noPassword);
    }

    @Test
    void aDamagedDataFileFailsTheBootSayingWhereAndWhatToDo(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data.cdb");
        Files.write(data, "not a CyberDB snapshot".getBytes(StandardCharsets.UTF_8));
        byte[] before = Files.readAllBytes(data);
        String damaged = bootFailure(DeploymentException.class, Map.of("cyberdb.data-file", data.toString()), NoTables.class);
        assertTrue(damaged.contains(data.toAbsolutePath() + " is damaged") && damaged.contains("move it aside"), damaged);
        assertFalse(damaged.contains("data_backup.cdb"), "there is no backup to name: " + damaged);
        assertArrayEquals(before, Files.readAllBytes(data), "the damaged file is left as it was");
        try (var files = Files.list(dir)) {
            assertEquals(List.of("data.cdb", "data.lock"), files.map(p -> p.getFileName().toString()).sorted().toList(),
                    "nothing written but the lock, which tells who owns the file");
        }

        Files.write(dir.resolve("data_backup.cdb"), Files.readAllBytes(data));
        String withBackup = bootFailure(DeploymentException.class, Map.of("cyberdb.data-file", data.toString()), NoTables.class);
        assertTrue(withBackup.contains("data_backup.cdb"), "a backup there is named: " + withBackup);
    }

    @Test
    void aFailedBootClosesTheDatabaseItOpened() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        bootFailure(DeploymentException.class, Map.of("cyberdb.validate-tables", "true", "cyberdb.serve.port",
                String.valueOf(port), "cyberdb.password", "serving password"), Missing.class);
        try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertEquals(port, again.getLocalPort(), "the database served while booting no longer holds its port");
        }
    }

    @Test
    void injectedTablesAreHandlesThatEqualOnlyThemselves() {
        try (SeContainer container = Containers.start(Map.of(), Greeter.class, Reader.class)) {
            Greeter greeter = container.select(Greeter.class).get();
            Reader reader = container.select(Reader.class).get();
            greeter.greet();
            CyberDict<String, String> centre = greeter.centreHandle();
            // Outside a request there is no table to read: these must not touch it.
            assertEquals(System.identityHashCode(centre), centre.hashCode());
            assertEquals(centre, centre);
            assertNotEquals(centre, reader.centreHandle());
            assertNotEquals(centre, Map.of("content", "Hello CyberDB!"));
            assertEquals(System.identityHashCode(reader.centreHandle()), reader.hashInARequest());
        }
    }

    @Test
    void proxiesOutsideARequestExplainThemselves() {
        try (SeContainer container = Containers.start(Map.of(), Greeter.class)) {
            Greeter greeter = container.select(Greeter.class).get();
            CyberDict<String, String> centre = greeter.centreHandle();
            ContextNotActiveException table = assertThrows(ContextNotActiveException.class, () -> centre.get("content"));
            assertTrue(table.getMessage().startsWith("@CyberTable(\"centre\") dict was used outside a request")
                    && table.getMessage().contains("@ActivateRequestContext"), table.getMessage());
            CyberProxy proxy = greeter.proxyHandle();
            assertThrows(ContextNotActiveException.class, proxy::tables);
        }
    }
}
