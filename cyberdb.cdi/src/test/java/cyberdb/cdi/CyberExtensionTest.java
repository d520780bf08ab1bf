package cyberdb.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cyberdb.api.CyberDict;
import cyberdb.api.CyberList;
import cyberdb.api.CyberProxy;
import cyberdb.api.ProxyClosedException;
import cyberdb.net.CyberServer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.enterprise.inject.se.SeContainer;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

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
            assertThrows(Exception.class, () -> greeter.centre.get("content"), "outside a request there is no proxy");
        }
    }

    @Test
    void eachRequestReturnsItsConnectionToThePool() {
        try (CyberServer server = CyberServer.builder().port(0).password("extension password").build().start();
             SeContainer container = Containers.start(Map.of(
                     "cyberdb.mode", "remote",
                     "cyberdb.port", String.valueOf(server.port()),
                     "cyberdb.password", "extension password",
                     "cyberdb.pool-size", "1",
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

    private static String deploymentFailure(Map<String, String> config, Class<?> bean) {
        Exception failure = assertThrows(Exception.class, () -> Containers.start(config, bean).close());
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
    void badInjectionPointsFailDeploymentNamingThem() {
        String wrongType = deploymentFailure(Map.of(), WrongType.class);
        assertTrue(wrongType.contains("cyberdb.cdi.CyberExtensionTest$WrongType.notATable")
                && wrongType.contains("CyberDict<K, V> or CyberList<E>"), wrongType);
        String empty = deploymentFailure(Map.of(), EmptyName.class);
        assertTrue(empty.contains("EmptyName.nameless") && empty.contains("name is empty"), empty);
        String missing = deploymentFailure(Map.of("cyberdb.validate-tables", "true"), Missing.class);
        assertTrue(missing.contains("Missing.missing") && missing.contains("'never-created' does not exist"), missing);
    }

    @Test
    void proxiesOutsideARequestExplainThemselves() {
        try (SeContainer container = Containers.start(Map.of(), Greeter.class)) {
            var client = container.select(cyberdb.api.CyberClient.class).get();
            CyberProxy proxy = client.proxy();
            assertThrows(ProxyClosedException.class, () -> proxy.createDict("x"));
        }
    }
}
