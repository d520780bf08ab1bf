package cyberdb.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cyberdb.api.CyberClient;
import cyberdb.api.CyberDict;
import cyberdb.api.CyberProxy;
import cyberdb.api.NoSuchTableException;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsTest {

    /** A sample line of Prometheus's text format: a name, labels, a value. */
    private static final Pattern SAMPLE = Pattern.compile(
            "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(?:[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\]|\\\\.)*\",?)*})? (\\S+)");

    @TempDir
    Path dir;

    private record Scrape(int status, String contentType, String body) {

        /** Every sample by name and labels; fails on a line that is not Prometheus text. */
        Map<String, Double> samples() {
            Map<String, Double> samples = new HashMap<>();
            for (String line : body.lines().toList()) {
                if (line.isEmpty() || line.startsWith("# HELP ") || line.startsWith("# TYPE ")) {
                    continue;
                }
                Matcher m = SAMPLE.matcher(line);
                assertTrue(m.matches(), "not Prometheus text: " + line);
                samples.put(m.group(1) + (m.group(2) == null ? "" : m.group(2)), Double.parseDouble(m.group(3)));
            }
            return samples;
        }
    }

    private static Scrape get(int port, String path, String method) throws IOException {
        HttpURLConnection http = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + path).toURL().openConnection();
        http.setRequestMethod(method);
        int status = http.getResponseCode();
        try (InputStream in = status < 400 ? http.getInputStream() : http.getErrorStream()) {
            return new Scrape(status, http.getContentType(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void theServersMetersAreServedInPrometheusTextAndMoveWithRequests() throws IOException {
        try (CyberServer server = Servers.start(b -> b.metricsPort(0).dataFile(dir.resolve("m.cdb")));
             CyberClient client = Servers.client(server).build();
             CyberProxy proxy = client.proxy().connect()) {
            CyberDict<Object, Object> dict = proxy.createDict("d");
            Scrape first = get(server.metricsPort(), "/metrics", "GET");
            assertEquals(200, first.status());
            assertTrue(first.contentType().startsWith("text/plain; version=0.0.4"), first.contentType());
            Map<String, Double> before = first.samples();
            String puts = "cyberdb_requests_seconds_count{op=\"dict_put\"}";
            assertEquals(0.0, before.get(puts));
            for (String expected : List.of("cyberdb_connections_open", "cyberdb_connections_accepted_total",
                    "cyberdb_connections_refused_total", "cyberdb_logins_failed_total", "cyberdb_received_bytes_total",
                    "cyberdb_sent_bytes_total", "cyberdb_tables", "cyberdb_entries", "cyberdb_data_bytes",
                    "cyberdb_memory_limit_bytes", "cyberdb_journal_size_bytes", "cyberdb_journal_fsync_seconds_count",
                    "cyberdb_snapshot_duration_seconds", "cyberdb_snapshot_last_success_seconds",
                    "cyberdb_changes_unsaved", "jvm_memory_used_bytes{area=\"heap\",id=\"G1 Eden Space\"}")) {
                assertTrue(before.containsKey(expected), expected + " in\n" + first.body());
            }
            assertTrue(first.body().contains("cyberdb_requests_seconds{op=\"dict_get\",quantile=\"0.99\"}"), first.body());

            for (int i = 0; i < 25; i++) {
                dict.put("k" + i, "v" + i);
            }
            try {
                proxy.dict("missing").get("k");
            } catch (NoSuchTableException expected) {
                // Counted as an error by status.
            }
            Map<String, Double> after = get(server.metricsPort(), "/metrics", "GET").samples();
            assertEquals(25.0, after.get(puts));
            assertTrue(after.get("cyberdb_requests_seconds_sum{op=\"dict_put\"}") > 0);
            assertTrue(after.get("cyberdb_errors_total{status=\"no_such_table\"}") >= 1);
            assertEquals(25.0, after.get("cyberdb_entries"));
            assertEquals(1.0, after.get("cyberdb_tables"));
            assertTrue(after.get("cyberdb_connections_open") >= 1);
            assertTrue(after.get("cyberdb_received_bytes_total") > before.get("cyberdb_received_bytes_total"));
            assertEquals(26.0, after.get("cyberdb_changes_unsaved"), "the table and 25 puts");
            assertTrue(Double.isNaN(after.get("cyberdb_snapshot_last_success_seconds")), "no snapshot yet");
            proxy.save();
            Map<String, Double> saved = get(server.metricsPort(), "/metrics", "GET").samples();
            assertTrue(saved.get("cyberdb_snapshot_last_success_seconds") > 1.7e9, "seconds since the epoch");
        }
    }

    /** Every metric the README lists, and the JVM meters it names, is served under that name. */
    @Test
    void theReadmesMetricsAreTheOnesServed() throws IOException {
        String readme = Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8);
        String serverPart = readme.substring(readme.indexOf("serves\nthe server's meters"), readme.indexOf("A client has meters too"));
        Matcher named = Pattern.compile("`((?:cyberdb|jvm|process)_[a-z_]+)").matcher(serverPart);
        List<String> names = named.results().map(m -> m.group(1)).distinct().toList();
        assertTrue(names.size() >= 20, "the README lists the metrics: " + names);
        try (CyberServer server = Servers.start(b -> b.metricsPort(0))) {
            String body = get(server.metricsPort(), "/metrics", "GET").body();
            for (String name : names) {
                assertTrue(Pattern.compile("(?m)^" + name + "[_{ ]").matcher(body).find(), name + " is served");
            }
        }
    }

    @Test
    void onlyGetOfMetricsIsAnswered() throws IOException {
        try (CyberServer server = Servers.start(b -> b.metricsPort(0))) {
            assertEquals(404, get(server.metricsPort(), "/other", "GET").status());
            assertEquals(405, get(server.metricsPort(), "/metrics", "POST").status());
            assertEquals(200, get(server.metricsPort(), "/metrics", "HEAD").status());
        }
    }

    @Test
    void clientsOutsideTheAllowlistAreRefused() throws IOException {
        try (CyberServer server = Servers.start(b -> b.metricsPort(0).allow(List.of("10.0.0.0/8")))) {
            Scrape refused = get(server.metricsPort(), "/metrics", "GET");
            assertEquals(403, refused.status());
            assertEquals("Not in the server's allowlist\n", refused.body());
        }
    }

    @Test
    void aServerWithoutMetricsSaysSo() {
        try (CyberServer server = Servers.start()) {
            IllegalStateException none = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                    server::metricsPort);
            assertEquals("This server serves no metrics: call metricsPort(...) on its builder", none.getMessage());
        }
    }
}
