package cyberdb.bench;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CyberDB against Redis over loopback, from the same Java harness with the same workloads: one
 * request per round trip, batched (getAll/putAll/addAll against Jedis pipelines of the same
 * depth), and with persistence on both sides; then redis-benchmark's own figures as the ceiling.
 */
final class NetworkBench {

    static final String ENCRYPTED = "CyberDB encrypted";
    static final String PLAINTEXT = "CyberDB plaintext";
    static final String REDIS = "Redis + Jedis";
    static final String ENCRYPTED_JOURNAL = "CyberDB encrypted, journal everysec";
    static final String REDIS_AOF = "Redis + Jedis, AOF everysec";
    static final int[] CLIENTS = {1, 8, 50};
    static final int[] BATCH_CLIENTS = {1, 50};
    static final int DEPTH = 16;

    /**
     * One measured cell.
     *
     * @param section "per request", "batched" or "persistent"
     * @param work    the workload
     * @param clients concurrent clients
     * @param depth   operations per request
     * @param target  the database
     * @param stats   the figures
     */
    record Cell(String section, Work work, int clients, int depth, String target, Stats stats) {
    }

    /**
     * Everything measured.
     *
     * @param cells          the harness's cells
     * @param redisBenchmark redis-benchmark's figures by "clients/pipeline" then test
     */
    record Outcome(List<Cell> cells, Map<String, Map<String, RedisBenchmarkTool.Figure>> redisBenchmark) {

        Stats find(String section, Work work, int clients, String target) {
            return cells.stream().filter(c -> c.section().equals(section) && c.work() == work && c.clients() == clients
                    && c.target().equals(target)).findFirst().orElseThrow().stats();
        }
    }

    private NetworkBench() {
    }

    /**
     * Runs every cell and writes {@code network.json}, {@code network.md} and the charts.
     *
     * @param machine the machine
     * @param quick   shorter runs
     * @param results the results directory
     * @param scratch a scratch directory
     * @return the figures, for the targets table
     * @throws Exception if a run fails
     */
    static Outcome run(Machine machine, boolean quick, Path results, Path scratch) throws Exception {
        Plan plan = Plan.of(quick);
        List<Cell> cells = new ArrayList<>();
        Map<String, Map<String, RedisBenchmarkTool.Figure>> ceiling = new LinkedHashMap<>();
        try (Target t = new CyberTarget(ENCRYPTED, scratch.resolve("cyber-enc"), true, false, 50)) {
            measure(t, plan, cells);
        }
        try (Target t = new CyberTarget(PLAINTEXT, scratch.resolve("cyber-plain"), false, false, 50)) {
            measure(t, plan, cells);
        }
        try (RedisTarget t = new RedisTarget(REDIS, scratch.resolve("redis"), false)) {
            measure(t, plan, cells);
            int requests = quick ? 50_000 : 200_000;
            ceiling.put("1/1", RedisBenchmarkTool.run(t.server().port(), 1, 1, requests / 4));
            ceiling.put("50/1", RedisBenchmarkTool.run(t.server().port(), 50, 1, requests));
            ceiling.put("50/" + DEPTH, RedisBenchmarkTool.run(t.server().port(), 50, DEPTH, requests * 4));
        }
        try (Target t = new CyberTarget(ENCRYPTED_JOURNAL, scratch.resolve("cyber-journal"), true, true, 50)) {
            persistent(t, plan, cells);
        }
        try (Target t = new RedisTarget(REDIS_AOF, scratch.resolve("redis-aof"), true)) {
            persistent(t, plan, cells);
        }
        Outcome outcome = new Outcome(cells, ceiling);
        write(machine, plan, outcome, results);
        return outcome;
    }

    /**
     * Runs every workload unmeasured first, so no cell pays for the server's JIT compilation:
     * a server in production is warm.
     */
    private static void warmUp(Target target, Plan plan, List<Work> works) throws Exception {
        Plan warm = new Plan(java.time.Duration.ZERO, 1, plan.warmUp().multipliedBy(plan.iterations() > 3 ? 2 : 1));
        for (Work work : works) {
            Load.run(8, i -> target.client(work, 1), warm);
            if (work.batches()) {
                Load.run(8, i -> target.client(work, DEPTH), warm);
            }
            target.reset();
        }
    }

    private static void measure(Target target, Plan plan, List<Cell> cells) throws Exception {
        warmUp(target, plan, List.of(Work.values()));
        for (Work work : Work.values()) {
            for (int clients : CLIENTS) {
                cells.add(cell("per request", work, clients, 1, target, plan));
            }
        }
        for (Work work : Work.values()) {
            if (work.batches()) {
                for (int clients : BATCH_CLIENTS) {
                    cells.add(cell("batched", work, clients, DEPTH, target, plan));
                }
            }
        }
    }

    private static void persistent(Target target, Plan plan, List<Cell> cells) throws Exception {
        warmUp(target, plan, List.of(Work.SET));
        for (int clients : BATCH_CLIENTS) {
            cells.add(cell("persistent", Work.SET, clients, 1, target, plan));
        }
    }

    private static Cell cell(String section, Work work, int clients, int depth, Target target, Plan plan) throws Exception {
        target.reset();
        Stats stats = Load.run(clients, i -> target.client(work, depth), plan);
        System.out.printf(Locale.ROOT, "%-12s %-10s %2d clients x%-2d %-36s %s ops/s, p50/p99/p99.9 %s us%n", section,
                work.label(), clients, depth, target.name(), Results.throughput(stats), Results.latency(stats));
        return new Cell(section, work, clients, depth, target.name(), stats);
    }

    private static void write(Machine machine, Plan plan, Outcome outcome, Path results) throws Exception {
        JsonArrayBuilder cells = Json.createArrayBuilder();
        for (Cell c : outcome.cells()) {
            cells.add(Json.createObjectBuilder().add("section", c.section()).add("work", c.work().label())
                    .add("clients", c.clients()).add("depth", c.depth()).add("target", c.target()).add("stats", c.stats().json()));
        }
        JsonObjectBuilder ceiling = Json.createObjectBuilder();
        outcome.redisBenchmark().forEach((run, figures) -> {
            JsonObjectBuilder tests = Json.createObjectBuilder();
            figures.forEach((test, figure) -> tests.add(test, figure.json()));
            ceiling.add(run, tests);
        });
        var json = Json.createObjectBuilder().add("machine", machine.json())
                .add("plan", plan.warmUp().toMillis() + " ms warm-up, " + plan.iterations() + " x " + plan.iteration().toMillis() + " ms")
                .add("cells", cells).add("redisBenchmark", ceiling).build();
        Results.write(results, "network", json, markdown(machine, plan, outcome));
        charts(outcome, results);
    }

    private static String markdown(Machine machine, Plan plan, Outcome outcome) {
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT,
                "Loopback, 16-byte keys, 100-byte values; %s; each cell %d ms warm-up then %d iterations of %d ms: "
                        + "median ops/s (slowest-fastest iteration) and request latency p50 / p99 / p99.9 in µs "
                        + "(HdrHistogram over every measured request; a batch is one request).%n%n",
                machine.line(), plan.warmUp().toMillis(), plan.iterations(), plan.iteration().toMillis()));
        section(md, outcome, "per request", "One request per round trip", List.of(ENCRYPTED, PLAINTEXT, REDIS), CLIENTS);
        section(md, outcome, "batched", "Batched, " + DEPTH + " operations per request (CyberDB getAll/putAll/addAll; "
                + "Jedis pipeline of " + DEPTH + ")", List.of(ENCRYPTED, PLAINTEXT, REDIS), BATCH_CLIENTS);
        section(md, outcome, "persistent", "Persistence on: CyberDB journal and Redis AOF, both fsync every second",
                List.of(ENCRYPTED_JOURNAL, REDIS_AOF), BATCH_CLIENTS);
        md.append("\nredis-benchmark (C client, no JVM on the client side), requests/s and p50 / p99 µs:\n\n"
                + "| test | 1 client | 50 clients | 50 clients, pipeline " + DEPTH + " |\n| --- | --- | --- | --- |\n");
        for (Work work : Work.values()) {
            String test = RedisBenchmarkTool.test(work);
            md.append("| ").append(work.label());
            for (String run : List.of("1/1", "50/1", "50/" + DEPTH)) {
                var figure = outcome.redisBenchmark().get(run).get(test);
                md.append(figure == null ? " | -" : String.format(Locale.ROOT, " | %,.0f (%.0f / %.0f)",
                        figure.requestsPerSecond(), figure.p50Micros(), figure.p99Micros()));
            }
            md.append(" |\n");
        }
        return md.toString();
    }

    private static void section(StringBuilder md, Outcome outcome, String section, String title, List<String> targets,
                                int[] clientCounts) {
        md.append("\n").append(title).append(":\n\n| work | clients |");
        targets.forEach(t -> md.append(" ").append(t).append(" ops/s | p50 / p99 / p99.9 |"));
        md.append(" ").append(targets.getFirst()).append(" / ").append(targets.getLast()).append(" |\n|");
        md.append(" --- |".repeat(3 + 2 * targets.size())).append("\n");
        for (Work work : Work.values()) {
            for (int clients : clientCounts) {
                if (outcome.cells().stream().noneMatch(c -> c.section().equals(section) && c.work() == work)) {
                    continue;
                }
                md.append("| ").append(work.label()).append(" | ").append(clients).append(" |");
                for (String target : targets) {
                    Stats stats = outcome.find(section, work, clients, target);
                    md.append(" ").append(Results.throughput(stats)).append(" | ").append(Results.latency(stats)).append(" |");
                }
                double ratio = outcome.find(section, work, clients, targets.getFirst()).opsPerSecond()
                        / outcome.find(section, work, clients, targets.getLast()).opsPerSecond();
                md.append(" ").append(Results.ratio(ratio)).append(" |\n");
            }
        }
    }

    private static void charts(Outcome outcome, Path results) throws Exception {
        List<String> categories = new ArrayList<>();
        Map<String, Map<String, Double>> throughput = new LinkedHashMap<>();
        Map<String, Map<String, Double>> latency = new LinkedHashMap<>();
        for (String target : List.of(ENCRYPTED, PLAINTEXT, REDIS)) {
            throughput.put(target, new LinkedHashMap<>());
            latency.put(target, new LinkedHashMap<>());
        }
        for (Work work : Work.values()) {
            categories.add(work.label());
            for (String target : throughput.keySet()) {
                throughput.get(target).put(work.label(), outcome.find("per request", work, 50, target).opsPerSecond());
                latency.get(target).put(work.label(), outcome.find("per request", work, 1, target).p50Micros());
            }
        }
        Charts.bars(results.resolve("network-throughput.png"), "Operations per second, 50 clients, one request per round trip",
                "ops/s", categories, throughput);
        Charts.bars(results.resolve("network-latency.png"), "Round trip p50, one client (lower is better)",
                "µs", categories, latency);
    }
}
