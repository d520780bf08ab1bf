package cyberdb.bench;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import redis.clients.jedis.Jedis;

/**
 * The sample service's {@code GET /} under wrk, 50 connections: with an embedded CyberDB, with a
 * remote encrypted CyberDB through the client as the CDI extension configures it by default
 * ({@code cyberdb.connections} 2, shared by every request), the same resource reading Redis
 * through a Jedis pool and through one shared Lettuce connection, and the same resource
 * answering a constant (the framework's ceiling).
 */
final class WebBench {

    static final String EMBEDDED = "embedded CyberDB";
    static final String REMOTE = "remote CyberDB (encrypted, 2 connections)";
    static final String REDIS = "Redis through a Jedis pool";
    static final String LETTUCE = "Redis through one Lettuce connection";
    static final List<String> REDIS_VARIANTS = List.of(REDIS, LETTUCE);
    static final String CONSTANT = "constant (no database)";
    private static final int CONNECTIONS = 50;
    private static final String HELLO = "{\"code\":1,\"content\":\"Hello CyberDB!\"}";

    /**
     * One variant's figures: the median of the iterations, the spread, and the median percentiles.
     *
     * @param variant           what served
     * @param requestsPerSecond median throughput
     * @param min               slowest iteration
     * @param max               fastest iteration
     * @param p50Micros         median of the iterations' p50
     * @param p99Micros         median of the iterations' p99
     */
    record Variant(String variant, double requestsPerSecond, double min, double max, double p50Micros, double p99Micros) {
    }

    /**
     * Everything measured.
     *
     * @param variants by name
     */
    record Outcome(Map<String, Variant> variants) {

        double ratio(String variant, String to) {
            return variants.get(variant).requestsPerSecond() / variants.get(to).requestsPerSecond();
        }

        /** @return the Redis variant that served more requests */
        String fasterRedis() {
            return REDIS_VARIANTS.stream().max(Comparator.comparingDouble(v -> variants.get(v).requestsPerSecond()))
                    .orElseThrow();
        }
    }

    private WebBench() {
    }

    /**
     * Runs the five variants and writes {@code web.json}, {@code web.md} and {@code web.png}.
     *
     * @param machine the machine
     * @param quick   shorter runs
     * @param results the results directory
     * @param scratch a scratch directory
     * @return the figures
     * @throws Exception if a run fails
     */
    static Outcome run(Machine machine, boolean quick, Path results, Path scratch) throws Exception {
        // The JIT needs long: the remote variant measured 990 req/s in its first 6 s and 7,300 in its fifth.
        int warmUp = quick ? 16 : 45;
        int iterations = quick ? 3 : 5;
        int seconds = quick ? 3 : 5;
        Map<String, Variant> variants = new LinkedHashMap<>();
        Path dir = scratch.resolve("web");
        Files.createDirectories(dir);
        Files.deleteIfExists(dir.resolve("web.cdb"));
        Files.deleteIfExists(dir.resolve("web.journal"));
        try (RedisServer redis = RedisServer.start(dir.resolve("redis"), false)) {
            try (Jedis jedis = redis.connect()) {
                jedis.set("content", "Hello CyberDB!");
            }
            int port = Processes.freePort();
            Path log = dir.resolve("sample-embedded.log");
            Process sample = Processes.java(log, List.of("-Dserver.port=" + port,
                    "-Dcyberdb.data-file=" + dir.resolve("web.cdb"), "-Dbench.redis.port=" + redis.port(),
                    "-Dbench.redis.pool=" + CONNECTIONS), "io.helidon.microprofile.cdi.Main", List.of());
            try {
                String base = "http://127.0.0.1:" + port;
                awaitHello(sample, log, base + "/");
                var paths = List.of(Map.entry(EMBEDDED, "/"), Map.entry(REDIS, "/bench/redis"),
                        Map.entry(LETTUCE, "/bench/redis-lettuce"), Map.entry(CONSTANT, "/bench/constant"));
                // Every endpoint is warmed before any is measured, the process as long as the other one.
                for (var variant : paths) {
                    checkHello(base + variant.getValue());
                    Wrk.run(base + variant.getValue(), CONNECTIONS, warmUp / paths.size(), false);
                }
                // Iterations take turns, so no variant gains from running after the others warmed the JIT further.
                List<List<Wrk.Run>> runs = new ArrayList<>();
                paths.forEach(p -> runs.add(new ArrayList<>()));
                for (int i = 0; i < iterations; i++) {
                    for (int v = 0; v < paths.size(); v++) {
                        runs.get(v).add(Wrk.run(base + paths.get(v).getValue(), CONNECTIONS, seconds, true));
                    }
                }
                for (int v = 0; v < paths.size(); v++) {
                    variants.put(paths.get(v).getKey(), summary(paths.get(v).getKey(), runs.get(v)));
                }
            } finally {
                Processes.stop(sample);
            }
        }
        try (CyberServerProcess server = CyberServerProcess.start(dir.resolve("server"), true, false)) {
            int port = Processes.freePort();
            Path log = dir.resolve("sample-remote.log");
            // cyberdb.connections stays at its default, 2: the client multiplexes every request over them.
            Process sample = Processes.java(log, List.of("-Dserver.port=" + port, "-Dcyberdb.mode=remote",
                    "-Dcyberdb.port=" + server.port(), "-Dcyberdb.password=" + CyberServerProcess.PASSWORD),
                    "io.helidon.microprofile.cdi.Main", List.of());
            try {
                String url = "http://127.0.0.1:" + port + "/";
                awaitHello(sample, log, url);
                Wrk.run(url, CONNECTIONS, warmUp, false);
                List<Wrk.Run> runs = new ArrayList<>();
                for (int i = 0; i < iterations; i++) {
                    runs.add(Wrk.run(url, CONNECTIONS, seconds, true));
                }
                variants.put(REMOTE, summary(REMOTE, runs));
            } finally {
                Processes.stop(sample);
            }
        }
        Map<String, Variant> ordered = new LinkedHashMap<>();
        for (String name : List.of(EMBEDDED, REMOTE, REDIS, LETTUCE, CONSTANT)) {
            ordered.put(name, variants.get(name));
        }
        Outcome outcome = new Outcome(ordered);
        write(machine, outcome, warmUp, iterations, seconds, results);
        return outcome;
    }

    private static Variant summary(String name, List<Wrk.Run> runs) {
        int iterations = runs.size();
        double[] rates = new double[iterations];
        double[] p50 = new double[iterations];
        double[] p99 = new double[iterations];
        for (int i = 0; i < iterations; i++) {
            Wrk.Run run = runs.get(i);
            rates[i] = run.requestsPerSecond();
            p50[i] = run.p50Micros();
            p99[i] = run.p99Micros();
        }
        Arrays.sort(rates);
        Arrays.sort(p50);
        Arrays.sort(p99);
        Variant variant = new Variant(name, Stats.median(rates), rates[0], rates[iterations - 1], Stats.median(p50),
                Stats.median(p99));
        System.out.printf(Locale.ROOT, "web %-45s %,.0f req/s (%,.0f-%,.0f), p50 %.0f us, p99 %.0f us%n", name,
                variant.requestsPerSecond(), variant.min(), variant.max(), variant.p50Micros(), variant.p99Micros());
        return variant;
    }

    private static void awaitHello(Process sample, Path log, String url) {
        Processes.awaitPort(sample, URI.create(url).getPort(), log);
        Processes.await(sample, log, () -> {
            try {
                checkHello(url);
                return true;
            } catch (IllegalStateException notYet) {
                return false;
            }
        });
    }

    private static void checkHello(String url) {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200 || !response.body().equals(HELLO)) {
                throw new IllegalStateException(url + " answered " + response.statusCode() + " " + response.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException(url + " did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void write(Machine machine, Outcome outcome, int warmUp, int iterations, int seconds, Path results)
            throws IOException {
        JsonArrayBuilder rows = Json.createArrayBuilder();
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT,
                "The sample's `GET /` under `wrk -t2 -c%d --latency`, %s; each service process warmed up for %d s, then "
                        + "%d runs of %d s per variant: median "
                        + "requests/s (slowest-fastest run), median p50 and p99.%n%n"
                        + "| variant | requests/s | p50 µs | p99 µs | / constant |%n| --- | --- | --- | --- | --- |%n",
                CONNECTIONS, machine.line(), warmUp, iterations, seconds));
        Map<String, Map<String, Double>> series = new LinkedHashMap<>();
        series.put("requests/s", new LinkedHashMap<>());
        for (Variant v : outcome.variants().values()) {
            rows.add(Json.createObjectBuilder().add("variant", v.variant()).add("requestsPerSecond", Math.round(v.requestsPerSecond()))
                    .add("min", Math.round(v.min())).add("max", Math.round(v.max())).add("p50Micros", v.p50Micros())
                    .add("p99Micros", v.p99Micros()));
            md.append(String.format(Locale.ROOT, "| %s | %,.0f (%,.0f-%,.0f) | %.0f | %.0f | %s |%n", v.variant(),
                    v.requestsPerSecond(), v.min(), v.max(), v.p50Micros(), v.p99Micros(),
                    Results.ratio(outcome.ratio(v.variant(), CONSTANT))));
            series.get("requests/s").put(v.variant(), v.requestsPerSecond());
        }
        Results.write(results, "web", Json.createObjectBuilder().add("machine", machine.json()).add("variants", rows).build(),
                md.toString());
        Charts.bars(results.resolve("web.png"), "Sample service GET /, 50 connections (wrk)", "requests/s",
                new ArrayList<>(outcome.variants().keySet()), series);
    }
}
