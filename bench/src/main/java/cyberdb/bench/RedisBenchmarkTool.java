package cyberdb.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Redis's own C load generator, {@code redis-benchmark}: the ceiling a client library can
 * approach, with no JVM on the client side.
 */
final class RedisBenchmarkTool {

    /**
     * One test's figures as redis-benchmark reports them.
     *
     * @param requestsPerSecond throughput
     * @param p50Micros         median latency
     * @param p99Micros         99th percentile
     */
    record Figure(double requestsPerSecond, double p50Micros, double p99Micros) {

        JsonObject json() {
            return Json.createObjectBuilder().add("requestsPerSecond", Math.round(requestsPerSecond))
                    .add("p50Micros", p50Micros).add("p99Micros", p99Micros).build();
        }
    }

    private RedisBenchmarkTool() {
    }

    /**
     * Runs the tests matching {@link Work}: GET, SET, INCR, RPUSH, LRANGE_100, 100-byte values
     * over 10,000 random keys.
     *
     * @param port     the server
     * @param clients  concurrent connections
     * @param pipeline requests in flight per connection
     * @param requests requests per test
     * @return figures by the tool's test name, upper case
     */
    static Map<String, Figure> run(int port, int clients, int pipeline, int requests) {
        List<String> command = new ArrayList<>(List.of("redis-benchmark", "-h", "127.0.0.1", "-p", Integer.toString(port),
                "-c", Integer.toString(clients), "-P", Integer.toString(pipeline), "-n", Integer.toString(requests),
                "-d", "100", "-r", Integer.toString(Work.KEYS), "-t", "get,set,incr,rpush,lrange_100", "--csv"));
        Map<String, Figure> figures = new LinkedHashMap<>();
        for (String line : Processes.run(command).lines().toList()) {
            // "test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms","p95_latency_ms","p99_latency_ms",...
            String[] cells = line.replace("\"", "").split(",");
            if (cells.length < 7 || cells[0].equals("test")) {
                continue;
            }
            String test = cells[0].split(" ")[0];
            figures.put(test, new Figure(Double.parseDouble(cells[1]), Double.parseDouble(cells[4]) * 1000,
                    Double.parseDouble(cells[6]) * 1000));
        }
        return figures;
    }

    /**
     * Maps a workload to the tool's test name.
     *
     * @param work the workload
     * @return e.g. {@code LRANGE_100}
     */
    static String test(Work work) {
        return switch (work) {
            case GET -> "GET";
            case SET -> "SET";
            case INCR -> "INCR";
            case PUSH -> "RPUSH";
            case RANGE -> "LRANGE_100";
        };
    }
}
