package cyberdb.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.helidon.microprofile.testing.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import jakarta.inject.Inject;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

@HelidonTest
@AddConfig(key = "server.port", value = "0")
@AddConfig(key = "cyberdb.data-file", value = "target/metrics-test.cdb")
class MetricsTest {

    /** A sample line of Prometheus's text format: a name, labels, a value. */
    private static final Pattern SAMPLE = Pattern.compile(
            "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(?:[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\]|\\\\.)*\",?)*})? (\\S+)");

    @Inject
    WebTarget target;

    private Map<String, Double> scrape() {
        Response response = target.path("/metrics").request().get();
        assertEquals(200, response.getStatus());
        String type = response.getHeaderString("Content-Type").replace(" ", "");
        assertTrue(type.startsWith("text/plain;") && type.contains(";version=0.0.4"), type);
        Map<String, Double> samples = new HashMap<>();
        for (String line : response.readEntity(String.class).lines().toList()) {
            if (line.isEmpty() || line.startsWith("# ")) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            assertTrue(m.matches(), "not Prometheus text: " + line);
            samples.put(m.group(1) + (m.group(2) == null ? "" : m.group(2)), Double.parseDouble(m.group(3)));
        }
        return samples;
    }

    @Test
    void metricsHoldTheJvmsTheHttpRequestsAndCyberDbsMeters() throws IOException, InterruptedException {
        String counter = "http_server_requests_seconds_count{method=\"POST\",status=\"200\",uri=\"/counter\"}";
        double before = scrape().getOrDefault(counter, 0.0);
        for (int i = 0; i < 3; i++) {
            assertEquals(200, target.path("/counter").request().post(Entity.json("")).getStatus());
        }
        target.path("/notes/missing-note").request().get();
        HttpClient http = HttpClient.newHttpClient();
        for (String madeUp : List.of("BREW", "MAKEMETERS")) {
            http.send(HttpRequest.newBuilder(target.getUri().resolve("/counter")).method(madeUp,
                    HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        }
        Map<String, Double> after = scrape();
        assertTrue(after.keySet().stream().noneMatch(key -> key.contains("BREW") || key.contains("MAKEMETERS")),
                "methods a client makes up make no meters of their own: " + after.keySet());
        assertEquals(before + 3, after.get(counter), "each POST /counter counted: " + after.keySet());
        assertTrue(after.containsKey("http_server_requests_seconds_count{method=\"GET\",status=\"404\",uri=\"/notes/{id}\"}"),
                "the route's template, not the id: " + after.keySet());
        assertTrue(after.get("jvm_memory_used_bytes{area=\"heap\",id=\"G1 Eden Space\"}") > 0);
        assertTrue(after.get("cyberdb_tables") >= 2, "centre and counters: " + after.get("cyberdb_tables"));
        assertTrue(after.get("cyberdb_entries") >= 2);
        assertTrue(after.get("cyberdb_data_bytes") > 0);
    }
}
