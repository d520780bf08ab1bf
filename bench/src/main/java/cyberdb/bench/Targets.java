package cyberdb.bench;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The targets, each with the ratio this run measured, as {@code targets.md} and {@code .json}. */
final class Targets {

    /**
     * One target.
     *
     * @param target   what is aimed at
     * @param measured the figures behind the ratio
     * @param ratio    the measured ratio
     * @param bound    the ratio to reach
     * @param atMost   whether the ratio must stay at or below the bound (else at or above)
     */
    record Row(String target, String measured, double ratio, double bound, boolean atMost) {

        boolean met() {
            return atMost ? ratio <= bound : ratio >= bound;
        }
    }

    private final Machine machine;
    private final boolean quick;
    private final List<Row> rows = new ArrayList<>();

    Targets(Machine machine, boolean quick) {
        this.machine = machine;
        this.quick = quick;
    }

    void embedded(EmbeddedBenchRunner.Outcome outcome) {
        for (int threads : new int[] {1, 2}) {
            double ratio = outcome.ratioToConcurrentHashMap("dictGet", threads);
            rows.add(new Row("Embedded dict get, " + threads + " thread(s), vs ConcurrentHashMap", "JMH ops/µs ratio",
                    ratio, 0.5, false));
        }
    }

    void network(NetworkBench.Outcome o) {
        for (Work work : List.of(Work.GET, Work.SET)) {
            Stats cyber = o.find("per request", work, 50, NetworkBench.ENCRYPTED);
            Stats redis = o.find("per request", work, 50, NetworkBench.REDIS);
            rows.add(new Row("Network " + work.label() + ", 50 clients, encrypted: throughput vs Redis + Jedis",
                    ops(cyber, redis), cyber.opsPerSecond() / redis.opsPerSecond(), 1.0, false));
            rows.add(new Row("Network " + work.label() + ", 50 clients, encrypted: p99 vs Redis + Jedis",
                    String.format(Locale.ROOT, "%.0f µs vs %.0f µs", cyber.p99Micros(), redis.p99Micros()),
                    cyber.p99Micros() / redis.p99Micros(), 1.5, true));
            Stats batched = o.find("batched", work, 50, NetworkBench.ENCRYPTED);
            Stats pipelined = o.find("batched", work, 50, NetworkBench.REDIS);
            rows.add(new Row("Batched " + work.label() + " (" + NetworkBench.DEPTH + " per request), 50 clients, encrypted: "
                    + "vs Redis pipelining", ops(batched, pipelined), batched.opsPerSecond() / pipelined.opsPerSecond(), 1.0, false));
        }
        Stats cyber = o.find("per request", Work.GET, 1, NetworkBench.ENCRYPTED);
        Stats redis = o.find("per request", Work.GET, 1, NetworkBench.REDIS);
        rows.add(new Row("Single client get round trip, encrypted: p50 vs Redis + Jedis",
                String.format(Locale.ROOT, "%.0f µs vs %.0f µs", cyber.p50Micros(), redis.p50Micros()),
                cyber.p50Micros() / redis.p50Micros(), 1.3, true));
    }

    void web(WebBench.Outcome o) {
        rows.add(new Row("Web GET /, embedded CyberDB vs the constant ceiling", requests(o, WebBench.EMBEDDED, WebBench.CONSTANT),
                o.ratio(WebBench.EMBEDDED, WebBench.CONSTANT), 0.85, false));
        rows.add(new Row("Web GET /, remote encrypted CyberDB vs the Redis-backed resource",
                requests(o, WebBench.REMOTE, WebBench.REDIS), o.ratio(WebBench.REMOTE, WebBench.REDIS), 1.0, false));
    }

    void memory(MemoryBench.Outcome o) {
        rows.add(new Row("Memory per entry vs Redis used_memory", String.format(Locale.ROOT, "%.0f B vs %.0f B",
                o.cyberBytesPerEntry(), o.redisBytesPerEntry()), o.ratio(), 1.5, true));
    }

    void persistence(PersistenceBench.Outcome o) {
        rows.add(new Row("Snapshot save vs disk sequential bandwidth", String.format(Locale.ROOT, "%.0f MB/s vs %.0f MB/s",
                o.fileMegabytes() / o.saveSeconds(), o.ddMegabytesPerSecond()), o.saveShareOfDisk(), 0.5, false));
        rows.add(new Row("Snapshot load vs disk sequential bandwidth", String.format(Locale.ROOT, "%.0f MB/s vs %.0f MB/s",
                o.fileMegabytes() / o.loadSeconds(), o.ddMegabytesPerSecond()), o.loadShareOfDisk(), 0.5, false));
    }

    private static String ops(Stats cyber, Stats other) {
        return String.format(Locale.ROOT, "%,.0f vs %,.0f ops/s", cyber.opsPerSecond(), other.opsPerSecond());
    }

    private static String requests(WebBench.Outcome o, String variant, String to) {
        return String.format(Locale.ROOT, "%,.0f vs %,.0f req/s", o.variants().get(variant).requestsPerSecond(),
                o.variants().get(to).requestsPerSecond());
    }

    /**
     * Writes the table.
     *
     * @param results the results directory
     * @throws IOException if it cannot be written
     */
    void write(Path results) throws IOException {
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT,
                "Targets, ratios measured in one %s run on %s:%n%n| target | measured | ratio | aim | met |%n"
                        + "| --- | --- | --- | --- | --- |%n", quick ? "`--quick`" : "full", machine.line()));
        JsonArrayBuilder json = Json.createArrayBuilder();
        for (Row row : rows) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s %s | %s |%n", row.target(), row.measured(),
                    Results.ratio(row.ratio()), row.atMost() ? "≤" : "≥", Results.ratio(row.bound()), row.met() ? "yes" : "**no**"));
            json.add(Json.createObjectBuilder().add("target", row.target()).add("measured", row.measured())
                    .add("ratio", Math.round(row.ratio() * 1000) / 1000.0).add("bound", row.bound())
                    .add("atMost", row.atMost()).add("met", row.met()));
        }
        Results.write(results, "targets", Json.createObjectBuilder().add("machine", machine.json()).add("quick", quick)
                .add("targets", json).build(), md.toString());
    }
}
