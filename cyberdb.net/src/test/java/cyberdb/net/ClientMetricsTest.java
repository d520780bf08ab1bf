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
import java.util.concurrent.TimeUnit;
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

    @Test
    void anEmbeddedDatabasesMetersAreItsFigures() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (EmbeddedClient db = CyberDB.embedded(); CyberProxy proxy = db.proxy().connect()) {
            new CyberClientMetrics(db).bindTo(registry);
            proxy.createDict("d").put("k", "v");
            proxy.createList("l");
            assertEquals(2.0, registry.get("cyberdb.tables").gauge().value());
            assertEquals(1.0, registry.get("cyberdb.entries").gauge().value());
            assertTrue(registry.get("cyberdb.data").gauge().value() > 0);
        }
    }
}
