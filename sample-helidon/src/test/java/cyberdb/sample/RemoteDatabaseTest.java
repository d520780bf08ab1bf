package cyberdb.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cyberdb.api.CyberClient;
import cyberdb.api.CyberDB;
import cyberdb.api.CyberProxy;
import cyberdb.net.CyberServer;
import io.helidon.microprofile.server.Server;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.Test;

/**
 * The sample against a separate CyberDB server, as several service instances would share one:
 * the server binds port 0, the service is configured for it in remote mode, and what the service
 * writes is visible to another client of the server.
 */
class RemoteDatabaseTest {

    private static final String PASSWORD = "sample remote password";

    @Test
    void theServiceReadsAndWritesARemoteServer() {
        try (CyberServer database = CyberServer.builder().port(0).password(PASSWORD).build().start()) {
            Map<String, String> config = Map.of(
                    "server.port", "0",
                    "cyberdb.mode", "remote",
                    "cyberdb.port", String.valueOf(database.port()),
                    "cyberdb.password", PASSWORD,
                    "sample.greeting", "Hello from a shared server!");
            ConfigProviderResolver resolver = ConfigProviderResolver.instance();
            var mpConfig = resolver.getBuilder().addDefaultSources().withSources(new MapSource(config)).build();
            Server service = Server.builder().config(mpConfig).build().start();
            Client http = ClientBuilder.newClient();
            try {
                String base = "http://127.0.0.1:" + service.port();
                assertEquals("{\"code\":1,\"content\":\"Hello from a shared server!\"}",
                        http.target(base).request().get(String.class));
                assertEquals(200, http.target(base + "/counter").request().post(Entity.json("")).getStatus());
            } finally {
                http.close();
                service.stop();
            }
            try (CyberClient client = CyberDB.connect("127.0.0.1", database.port(), PASSWORD);
                 CyberProxy proxy = client.proxy().connect()) {
                assertEquals(1L, proxy.dict("counters").get("hits"), "the service's write reached the shared server");
            }
        }
    }

    private record MapSource(Map<String, String> values) implements ConfigSource {
        @Override
        public java.util.Set<String> getPropertyNames() {
            return values.keySet();
        }

        @Override
        public String getValue(String name) {
            return values.get(name);
        }

        @Override
        public String getName() {
            return "remote-test";
        }

        @Override
        public int getOrdinal() {
            return 1000;
        }
    }
}
