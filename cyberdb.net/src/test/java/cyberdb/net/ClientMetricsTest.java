package cyberdb.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cyberdb.api.CyberClient;
import cyberdb.api.CyberDB;
import cyberdb.api.CyberDict;
import cyberdb.api.CyberProxy;
import cyberdb.api.EmbeddedClient;
import cyberdb.api.NoSuchTableException;
import cyberdb.client.metrics.CyberClientMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ClientMetricsTest {

    @Test
    void aNetworkClientsMetersCountItsRequestsConnectionsAndErrors() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (CyberServer server = Servers.start();
             CyberClient client = Servers.client(server).connections(2).build()) {
            new CyberClientMetrics(client).bindTo(registry);
            assertEquals(0.0, registry.get("cyberdb.client.connections.open").gauge().value(), "none opened yet");
            assertEquals(2.0, registry.get("cyberdb.client.connections.max").gauge().value());
            try (CyberProxy proxy = client.proxy().connect()) {
                CyberDict<Object, Object> dict = proxy.createDict("d");
                for (int i = 0; i < 20; i++) {
                    dict.put("k" + i, i);
                }
                assertThrows(NoSuchTableException.class, () -> proxy.dict("missing").get("k"));
            }
            assertEquals(20, registry.get("cyberdb.client.requests").tag("op", "dict_put").timer().count());
            assertTrue(registry.get("cyberdb.client.requests").tag("op", "dict_put").timer().totalTime(TimeUnit.NANOSECONDS) > 0);
            assertEquals(1.0, registry.get("cyberdb.client.errors").tag("exception", "NoSuchTableException").counter().count());
            assertTrue(registry.get("cyberdb.client.connections.open").gauge().value() >= 1);
            assertTrue(registry.get("cyberdb.client.connects").functionTimer().count() >= 1);
            assertTrue(registry.get("cyberdb.client.connection.waits").functionTimer().count() >= 1,
                    "the first request waited for its connection to open");
            assertEquals(0.0, registry.get("cyberdb.client.requests.in.flight").gauge().value());
            assertEquals(0.0, registry.get("cyberdb.client.connects.failed").functionCounter().count());
        }
    }

    /** Every client meter the README names is rendered under that name by Prometheus's registry. */
    @Test
    void theReadmesClientMetricsAreTheOnesRendered() throws IOException {
        String readme = Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8);
        String clientPart = readme.substring(readme.indexOf("A client has meters too"), readme.indexOf("The CDI extension binds"));
        List<String> names = Pattern.compile("`(cyberdb_[a-z_]+)").matcher(clientPart).results().map(m -> m.group(1))
                .toList();
        assertTrue(names.size() >= 10, names.toString());
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (CyberServer server = Servers.start();
             CyberClient client = Servers.client(server).build();
             EmbeddedClient db = CyberDB.embedded()) {
            new CyberClientMetrics(client).bindTo(registry);
            new CyberClientMetrics(db).bindTo(registry);
            try (CyberProxy proxy = client.proxy().connect()) {
                assertThrows(NoSuchTableException.class, () -> proxy.dict("missing").get("k"));
            }
            String body = registry.scrape();
            for (String name : names) {
                assertTrue(Pattern.compile("(?m)^" + name + "[_{ ]").matcher(body).find(), name + " in\n" + body);
            }
            assertTrue(body.contains("cyberdb_client_connections_max"), "the README's _max");
        }
    }

    @Test
    void anEmbeddedDatabasesMetersAreItsFigures() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (EmbeddedClient db = CyberDB.embedded(); CyberProxy proxy = db.proxy().connect()) {
            new CyberClientMetrics(db).bindTo(registry);
            proxy.createDict("d").put("k", "v");
            proxy.createList("l");
            System.gc();
            assertEquals(2.0, registry.get("cyberdb.tables").gauge().value(), "after a collection too");
            assertEquals(1.0, registry.get("cyberdb.entries").gauge().value());
            assertTrue(registry.get("cyberdb.data").gauge().value() > 0);
        }
    }
}
