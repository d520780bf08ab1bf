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
     * @param bound    the ratio to reach, or NaN for a figure the issue asks to report without an aim
     * @param atMost   whether the ratio must stay at or below the bound (else at or above)
     */
    record Row(String target, String measured, double ratio, double bound, boolean atMost) {

        boolean met() {
            return atMost ? ratio <= bound : ratio >= bound;
        }

        String aim() {
            return Double.isNaN(bound) ? "report" : (atMost ? "≤ " : "≥ ") + Results.ratio(bound);
        }

        String verdict() {
            return Double.isNaN(bound) ? "-" : met() ? "yes" : "**no**";
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
        List<String> perRequest = List.of(NetworkBench.PER_REQUEST);
        for (Work work : List.of(Work.GET, Work.SET)) {
            for (int clients : new int[] {50, 200}) {
                Stats cyber = o.find(NetworkBench.PER_REQUEST, work, clients, NetworkBench.ENCRYPTED);
                NetworkBench.Cell fastest = o.best(perRequest, work, clients, NetworkBench.REDIS, Stats::opsPerSecond, true);
                NetworkBench.Cell steadiest = o.best(perRequest, work, clients, NetworkBench.REDIS, Stats::p99Micros, false);
                String what = "Network " + work.label() + ", " + clients + " clients, encrypted: ";
                rows.add(new Row(what + "throughput vs the faster Redis client", ops(cyber, fastest),
                        cyber.opsPerSecond() / fastest.stats().opsPerSecond(), 1.2, false));
                rows.add(new Row(what + "p99 vs the Redis client with the lower p99",
                        String.format(Locale.ROOT, "%.0f µs vs %.0f µs (%s)", cyber.p99Micros(),
                                steadiest.stats().p99Micros(), steadiest.target()),
                        cyber.p99Micros() / steadiest.stats().p99Micros(), 1.0, true));
            }
        }
        for (Work work : List.of(Work.GET, Work.SET)) {
            Stats cyber = o.find(NetworkBench.PER_REQUEST, work, 1, NetworkBench.ENCRYPTED);
            Stats jedis = o.find(NetworkBench.PER_REQUEST, work, 1, NetworkBench.JEDIS);
            rows.add(new Row("One client, one " + work.label() + " at a time, encrypted: p50 vs Redis + Jedis",
                    String.format(Locale.ROOT, "%.0f µs vs %.0f µs", cyber.p50Micros(), jedis.p50Micros()),
                    cyber.p50Micros() / jedis.p50Micros(), 1.1, true));
        }
        List<String> pipelined = List.of(NetworkBench.BATCHED, NetworkBench.ASYNC);
        for (Work work : List.of(Work.GET, Work.SET)) {
            NetworkBench.Cell redis = o.best(pipelined, work, 50, NetworkBench.REDIS, Stats::opsPerSecond, true);
            String against = " vs the faster of Jedis pipelines and Lettuce async (" + NetworkBench.DEPTH + " deep)";
            Stats batched = o.find(NetworkBench.BATCHED, work, 50, NetworkBench.ENCRYPTED);
            rows.add(new Row("Batched " + work.label() + ", " + (work == Work.GET ? "getAll" : "putAll") + " of "
                    + NetworkBench.DEPTH + ", 50 clients, encrypted:" + against, ops(batched, redis),
                    batched.opsPerSecond() / redis.stats().opsPerSecond(), 1.0, false));
            Stats async = o.find(NetworkBench.ASYNC, work, 50, NetworkBench.ENCRYPTED);
            rows.add(new Row("Async " + work.label() + ", " + NetworkBench.DEPTH + " in flight per client, 50 clients, "
                    + "encrypted:" + against, ops(async, redis), async.opsPerSecond() / redis.stats().opsPerSecond(), 1.0, false));
        }
        for (Work work : List.of(Work.GET, Work.SET)) {
            Stats cyber = o.find(NetworkBench.IN_FLIGHT, work, 1, NetworkBench.ENCRYPTED);
            Stats lettuce = o.find(NetworkBench.IN_FLIGHT, work, 1, NetworkBench.LETTUCE);
            String what = "Async " + work.label() + ", one thread, " + NetworkBench.IN_FLIGHT_DEPTH
                    + " in flight, encrypted, vs Lettuce async: ";
            rows.add(new Row(what + "throughput", ops(cyber, lettuce), cyber.opsPerSecond() / lettuce.opsPerSecond(),
                    Double.NaN, false));
            rows.add(new Row(what + "p99 (p50 beside it)", String.format(Locale.ROOT, "%.0f / %.0f µs vs %.0f / %.0f µs",
                    cyber.p50Micros(), cyber.p99Micros(), lettuce.p50Micros(), lettuce.p99Micros()),
                    cyber.p99Micros() / lettuce.p99Micros(), Double.NaN, true));
        }
    }

    private static String ops(Stats cyber, NetworkBench.Cell other) {
        return String.format(Locale.ROOT, "%,.0f vs %,.0f ops/s (%s)", cyber.opsPerSecond(), other.stats().opsPerSecond(),
                other.target());
    }

    /** Issue 13's: metrics cost under 5% of the 50-client get throughput. */
    void metrics(NetworkBench.Outcome o) {
        Stats metered = o.find(NetworkBench.METRICS, Work.GET, 50, NetworkBench.METERED);
        Stats unmetered = o.find(NetworkBench.METRICS, Work.GET, 50, NetworkBench.UNMETERED);
        rows.add(new Row("Metrics on (/metrics read every second) vs off: get, 50 clients, encrypted, throughput",
                String.format(Locale.ROOT, "%,.0f vs %,.0f ops/s; p99 %.0f vs %.0f µs", metered.opsPerSecond(),
                        unmetered.opsPerSecond(), metered.p99Micros(), unmetered.p99Micros()),
                metered.opsPerSecond() / unmetered.opsPerSecond(), 0.95, false));
    }

    void connections(ConnectionsBench.Outcome o) {
        ConnectionsBench.Storm cyber = o.stormCyber();
        ConnectionsBench.Storm redis = o.stormRedis();
        rows.add(new Row(String.format(Locale.ROOT, "%,d connections opened at once (%d JVMs x %d), encrypted: time until all "
                        + "are served vs Redis + Jedis", cyber.connections(), ConnectionsBench.STORM_PROCESSES,
                        ConnectionsBench.STORM_PER_PROCESS),
                String.format(Locale.ROOT, "%.2f s, %d refused vs %.2f s, %d refused", cyber.seconds(), cyber.refused(),
                        redis.seconds(), redis.refused()), cyber.seconds() / redis.seconds(), Double.NaN, true));
        ConnectionsBench.Storm shared = o.stormShared();
        rows.add(new Row(String.format(Locale.ROOT, "The same from clients of 64 connections (the password stretched %d "
                        + "times, not %,d)", ConnectionsBench.STORM_PROCESSES * Math.ceilDiv(ConnectionsBench.STORM_PER_PROCESS, 64),
                        shared.connections()),
                String.format(Locale.ROOT, "%.2f s, %d refused vs %.2f s, %d refused", shared.seconds(), shared.refused(),
                        redis.seconds(), redis.refused()), shared.seconds() / redis.seconds(), Double.NaN, true));
        ConnectionsBench.Idle idle = o.idleCyber();
        ConnectionsBench.Idle redisIdle = o.idleRedis();
        String held = String.format(Locale.ROOT, "%,d idle connections held: ", idle.connections());
        rows.add(new Row(held + "server threads while held vs before (no thread per connection)",
                String.format(Locale.ROOT, "%d vs %d (Redis %d vs %d)", idle.after().threads(), idle.before().threads(),
                        redisIdle.after().threads(), redisIdle.before().threads()),
                (double) idle.after().threads() / idle.before().threads(), 1.0, true));
        rows.add(new Row(held + "server memory per idle connection (live heap and memory outside it) vs 16 KB",
                String.format(Locale.ROOT, "%.1f KB; RSS alone %.1f KB (Redis RSS %.1f KB)", idle.bytesPerConnectionAfterGc() / 1024,
                        idle.bytesPerConnection() / 1024, redisIdle.bytesPerConnection() / 1024),
                idle.bytesPerConnectionAfterGc() / 16384, 1.0, true));
        rows.add(new Row(held + "a busy client's p99 beside them vs alone",
                String.format(Locale.ROOT, "%.0f µs vs %.0f µs (Redis %.0f vs %.0f µs)", idle.beside().p99Micros(),
                        idle.alone().p99Micros(), redisIdle.beside().p99Micros(), redisIdle.alone().p99Micros()),
                idle.p99Ratio(), 1.2, true));
    }

    void largeValues(LargeValuesBench.Outcome o) {
        for (String target : List.of(LargeValuesBench.ENCRYPTED, LargeValuesBench.PLAINTEXT)) {
            boolean encrypted = target.equals(LargeValuesBench.ENCRYPTED);
            for (int bytes : LargeValuesBench.SIZES) {
                for (String operation : LargeValuesBench.OPERATIONS) {
                    LargeValuesBench.Cell cyber = o.find(target, bytes, operation);
                    LargeValuesBench.Cell redis = o.redis(bytes, operation);
                    rows.add(new Row(String.format(Locale.ROOT, "%s value, %s, %s: median time vs the faster Redis client",
                                    LargeValuesBench.size(bytes), operation, encrypted ? "encrypted" : "plaintext"),
                            String.format(Locale.ROOT, "%.2f ms vs %.2f ms (%s)", cyber.median(), redis.median(), redis.target()),
                            cyber.median() / redis.median(), encrypted ? 1.5 : 1.0, true));
                }
            }
        }
    }

    void web(WebBench.Outcome o) {
        rows.add(new Row("Web GET /, embedded CyberDB vs the constant ceiling", requests(o, WebBench.EMBEDDED, WebBench.CONSTANT),
                o.ratio(WebBench.EMBEDDED, WebBench.CONSTANT), 0.85, false));
        String redis = o.fasterRedis();
        rows.add(new Row("Web GET /, remote encrypted CyberDB vs the faster Redis-backed resource",
                requests(o, WebBench.REMOTE, redis) + " (" + redis + ")", o.ratio(WebBench.REMOTE, redis), 1.0, false));
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
            md.append(line(row));
            var object = Json.createObjectBuilder().add("target", row.target()).add("measured", row.measured())
                    .add("ratio", Math.round(row.ratio() * 1000) / 1000.0).add("atMost", row.atMost());
            if (Double.isNaN(row.bound())) {
                object.addNull("bound").addNull("met");
            } else {
                object.add("bound", row.bound()).add("met", row.met());
            }
            json.add(object);
        }
        Results.write(results, "targets", Json.createObjectBuilder().add("machine", machine.json()).add("quick", quick)
                .add("targets", json).build(), md.toString());
    }

    /**
     * Prints the rows of the sections run, for a run of some sections only, which leaves
     * {@code targets.md} as the last whole run wrote it.
     */
    void print() {
        System.out.println("Targets of the sections run (targets.md is written by a run of every section):");
        rows.forEach(row -> System.out.print(line(row)));
    }

    private static String line(Row row) {
        return String.format(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", row.target(), row.measured(),
                Results.ratio(row.ratio()), row.aim(), row.verdict());
    }
}
