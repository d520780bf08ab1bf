package cyberdb.bench;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * CyberDB against Redis over loopback, from the same Java harness with the same workloads, Redis
 * through both of its usual Java clients: Jedis (a connection per thread) and Lettuce (one shared
 * connection, as CyberDB's client shares a few). One request per round trip; batched (getAll and
 * putAll against Jedis pipelines); asynchronous with requests in flight (dict.async() against
 * Lettuce's async API); with persistence on both sides; then redis-benchmark's own figures as the
 * ceiling.
 */
final class NetworkBench {

    static final String PER_REQUEST = "per request";
    static final String BATCHED = "batched";
    static final String ASYNC = "async";
    static final String IN_FLIGHT = "in flight";
    static final String PERSISTENT = "persistent";
    static final String METRICS = "metrics";

    /** How many connections the wider CyberDB client opens, against its default of 2. */
    static final int WIDE_CONNECTIONS = 8;
    static final String ENCRYPTED = "CyberDB encrypted";
    static final String ENCRYPTED_WIDE = "CyberDB encrypted, " + WIDE_CONNECTIONS + " connections";
    static final String PLAINTEXT = "CyberDB plaintext";
    static final String JEDIS = "Redis + Jedis";
    static final String LETTUCE = "Redis + Lettuce";
    static final Set<String> REDIS = Set.of(JEDIS, LETTUCE);
    static final String ENCRYPTED_JOURNAL = "CyberDB encrypted, journal everysec";
    static final String UNMETERED = "CyberDB encrypted, no metrics";
    static final String METERED = "CyberDB encrypted, metrics scraped every second";
    static final String REDIS_AOF = "Redis + Jedis, AOF everysec";

    /** Client threads for get and set, the targets' workloads; the other workloads run at the first two. */
    static final int[] CLIENTS = {1, 50, 200};
    static final int[] BATCH_CLIENTS = {1, 50};
    static final int DEPTH = 16;
    /** Requests one thread keeps in flight through an asynchronous API. */
    static final int IN_FLIGHT_DEPTH = 1000;

    /**
     * One measured cell.
     *
     * @param section {@link #PER_REQUEST}, {@link #BATCHED}, {@link #ASYNC}, {@link #IN_FLIGHT} or
     *                {@link #PERSISTENT}
     * @param work    the workload
     * @param clients concurrent client threads
     * @param depth   operations per request (batched), or requests in flight per thread (async)
     * @param target  the database and client library
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

        Optional<Cell> cell(String section, Work work, int clients, String target) {
            return cells.stream().filter(c -> c.section().equals(section) && c.work() == work && c.clients() == clients
                    && c.target().equals(target)).findFirst();
        }

        Stats find(String section, Work work, int clients, String target) {
            return cell(section, work, clients, target).orElseThrow().stats();
        }

        /**
         * Returns the cell of these sections and targets that did best at something.
         *
         * @param sections where to look, e.g. Jedis pipelines and Lettuce's requests in flight
         * @param work     the workload
         * @param clients  the client threads
         * @param targets  the candidates
         * @param measure  what is compared
         * @param highest  whether the highest wins (throughput) or the lowest (latency)
         * @return the best cell
         */
        Cell best(List<String> sections, Work work, int clients, Set<String> targets, ToDoubleFunction<Stats> measure,
                  boolean highest) {
            Comparator<Cell> order = Comparator.comparingDouble(c -> measure.applyAsDouble(c.stats()));
            return cells.stream().filter(c -> sections.contains(c.section()) && c.work() == work && c.clients() == clients
                    && targets.contains(c.target())).max(highest ? order : order.reversed()).orElseThrow();
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
        List<Work> targeted = List.of(Work.GET, Work.SET);
        try (CyberServerProcess server = CyberServerProcess.start(scratch.resolve("cyber-enc"), true, false)) {
            try (Target t = new CyberTarget(ENCRYPTED, server, true, CyberTarget.DEFAULT_CONNECTIONS)) {
                measure(t, plan, cells, List.of(Work.values()), true, true, true);
            }
            // More connections than the default: whether the server's loops or the client's one are what limits.
            try (Target t = new CyberTarget(ENCRYPTED_WIDE, server, true, WIDE_CONNECTIONS)) {
                warmUp(t, plan, targeted, false, false);
                for (Work work : targeted) {
                    for (int clients : new int[] {50, 200}) {
                        cells.add(cell(PER_REQUEST, work, clients, 1, t, plan));
                    }
                }
            }
        }
        try (CyberServerProcess server = CyberServerProcess.start(scratch.resolve("cyber-plain"), false, false);
             Target t = new CyberTarget(PLAINTEXT, server, false, CyberTarget.DEFAULT_CONNECTIONS)) {
            measure(t, plan, cells, targeted, true, false, true);
        }
        metricsCost(plan, cells, scratch);
        try (RedisServer server = RedisServer.start(scratch.resolve("redis"), false)) {
            try (Target t = new JedisTarget(JEDIS, server)) {
                measure(t, plan, cells, List.of(Work.values()), true, false, false);
            }
            try (Target t = new LettuceTarget(LETTUCE, server)) {
                measure(t, plan, cells, List.of(Work.values()), false, true, true);
            }
            int requests = quick ? 50_000 : 200_000;
            ceiling.put("1/1", RedisBenchmarkTool.run(server.port(), 1, 1, requests / 4));
            ceiling.put("50/1", RedisBenchmarkTool.run(server.port(), 50, 1, requests));
            ceiling.put("50/" + DEPTH, RedisBenchmarkTool.run(server.port(), 50, DEPTH, requests * 4));
        }
        try (CyberServerProcess server = CyberServerProcess.start(scratch.resolve("cyber-journal"), true, true);
             Target t = new CyberTarget(ENCRYPTED_JOURNAL, server, true, CyberTarget.DEFAULT_CONNECTIONS)) {
            persistent(t, plan, cells);
        }
        try (RedisServer server = RedisServer.start(scratch.resolve("redis-aof"), true);
             Target t = new JedisTarget(REDIS_AOF, server)) {
            persistent(t, plan, cells);
        }
        Outcome outcome = new Outcome(cells, ceiling);
        write(machine, plan, outcome, results);
        return outcome;
    }

    /**
     * The cost of metrics: two servers alike but for {@code --metrics-port}, the second scraped
     * every second (Prometheus's default is every 15 s), measured one after the other.
     */
    private static void metricsCost(Plan plan, List<Cell> cells, Path scratch) throws Exception {
        int metricsPort = Processes.freePort();
        try (CyberServerProcess plain = CyberServerProcess.start(scratch.resolve("cyber-unmetered"), true, false);
             CyberServerProcess metered = CyberServerProcess.start(scratch.resolve("cyber-metered"), true, false,
                     List.of("--metrics-port", Integer.toString(metricsPort)));
             Target off = new CyberTarget(UNMETERED, plain, true, CyberTarget.DEFAULT_CONNECTIONS);
             Target on = new CyberTarget(METERED, metered, true, CyberTarget.DEFAULT_CONNECTIONS)) {
            warmUp(off, plan, List.of(Work.GET), false, false);
            warmUp(on, plan, List.of(Work.GET), false, false);
            cells.add(cell(METRICS, Work.GET, 50, 1, off, plan));
            try (Scraper scraper = new Scraper(metricsPort, Duration.ofSeconds(1))) {
                cells.add(cell(METRICS, Work.GET, 50, 1, on, plan));
                System.out.println("metrics    scraped " + scraper.scrapes() + " times while measured");
            }
        }
    }

    /**
     * Runs every workload unmeasured first, so no cell pays for the server's JIT compilation:
     * a server in production is warm.
     */
    private static void warmUp(Target target, Plan plan, List<Work> works, boolean batched, boolean async) throws Exception {
        Plan warm = new Plan(Duration.ZERO, 1, plan.warmUp().multipliedBy(plan.iterations() > 3 ? 2 : 1));
        for (Work work : works) {
            Load.run(8, i -> target.client(work, 1), warm);
            // Only get and set are measured batched and asynchronously.
            boolean targeted = work == Work.GET || work == Work.SET;
            if (batched && targeted) {
                Load.run(8, i -> target.client(work, DEPTH), warm);
            }
            if (async && targeted) {
                Load.runAsync(2, DEPTH, i -> target.sender(work), warm);
            }
            target.reset();
        }
    }

    /**
     * Measures a target's cells.
     *
     * @param works    the workloads of one request per round trip (get and set at up to 200
     *                 clients, the others at 1 and 50)
     * @param batched  whether it batches get and set in one request (CyberDB) or pipelines them (Jedis)
     * @param async    whether it keeps requests in flight through an asynchronous API (CyberDB, Lettuce)
     * @param inFlight whether to run one thread with {@link #IN_FLIGHT_DEPTH} requests in flight
     */
    private static void measure(Target target, Plan plan, List<Cell> cells, List<Work> works, boolean batched,
                                boolean async, boolean inFlight) throws Exception {
        warmUp(target, plan, works, batched, async || inFlight);
        for (Work work : works) {
            for (int clients : CLIENTS) {
                if (clients <= BATCH_CLIENTS[BATCH_CLIENTS.length - 1] || work == Work.GET || work == Work.SET) {
                    cells.add(cell(PER_REQUEST, work, clients, 1, target, plan));
                }
            }
        }
        for (Work work : List.of(Work.GET, Work.SET)) {
            for (int clients : BATCH_CLIENTS) {
                if (batched) {
                    cells.add(cell(BATCHED, work, clients, DEPTH, target, plan));
                }
                if (async) {
                    cells.add(asyncCell(ASYNC, work, clients, DEPTH, target, plan));
                }
            }
            if (inFlight) {
                cells.add(asyncCell(IN_FLIGHT, work, 1, IN_FLIGHT_DEPTH, target, plan));
            }
        }
    }

    private static void persistent(Target target, Plan plan, List<Cell> cells) throws Exception {
        warmUp(target, plan, List.of(Work.SET), false, false);
        for (int clients : BATCH_CLIENTS) {
            cells.add(cell(PERSISTENT, Work.SET, clients, 1, target, plan));
        }
    }

    private static Cell cell(String section, Work work, int clients, int depth, Target target, Plan plan) throws Exception {
        target.reset();
        Stats stats = Load.run(clients, i -> target.client(work, depth), plan);
        return report(new Cell(section, work, clients, depth, target.name(), stats));
    }

    private static Cell asyncCell(String section, Work work, int clients, int inFlight, Target target, Plan plan)
            throws Exception {
        target.reset();
        Stats stats = Load.runAsync(clients, inFlight, i -> target.sender(work), plan);
        return report(new Cell(section, work, clients, inFlight, target.name(), stats));
    }

    private static Cell report(Cell cell) {
        System.out.printf(Locale.ROOT, "%-11s %-9s %3d clients x%-4d %-36s %s ops/s, p50/p99/p99.9 %s us%n", cell.section(),
                cell.work().label(), cell.clients(), cell.depth(), cell.target(), Results.throughput(cell.stats()),
                Results.latency(cell.stats()));
        return cell;
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
                        + "(HdrHistogram over every measured request; a batch is one request). Clients are threads: "
                        + "CyberDB's share one client (2 connections by default), Jedis's have a connection each, "
                        + "Lettuce's share one connection. The last column divides CyberDB encrypted by the better "
                        + "Redis client of the row.%n%n",
                machine.line(), plan.warmUp().toMillis(), plan.iterations(), plan.iteration().toMillis()));
        table(md, outcome, List.of(PER_REQUEST), "One request per round trip",
                List.of(ENCRYPTED, ENCRYPTED_WIDE, PLAINTEXT, JEDIS, LETTUCE));
        table(md, outcome, List.of(BATCHED, ASYNC), "Batched or pipelined, " + DEPTH + " operations per thread at a time: "
                        + "CyberDB getAll/putAll of " + DEPTH + " (one request) and dict.async() with " + DEPTH
                        + " requests in flight; Jedis pipelines of " + DEPTH + "; Lettuce's async API with " + DEPTH
                        + " in flight (for requests in flight, latency is each request's, from send to answer)",
                List.of(ENCRYPTED + " " + BATCHED, ENCRYPTED + " " + ASYNC, PLAINTEXT + " " + BATCHED,
                        JEDIS + " " + BATCHED, LETTUCE + " " + ASYNC));
        table(md, outcome, List.of(IN_FLIGHT), "One thread keeping " + IN_FLIGHT_DEPTH
                        + " requests in flight through an asynchronous API (dict.async(); Lettuce's async commands)",
                List.of(ENCRYPTED, PLAINTEXT, LETTUCE));
        table(md, outcome, List.of(PERSISTENT), "Persistence on: CyberDB journal and Redis AOF, both fsync every second",
                List.of(ENCRYPTED_JOURNAL, REDIS_AOF));
        table(md, outcome, List.of(METRICS), "The cost of metrics: two CyberDB servers alike but for --metrics-port,"
                        + " measured one after the other, the second while its /metrics is read every second",
                List.of(UNMETERED, METERED));
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

    /**
     * Appends one table: a row per workload and client count measured in these sections, a
     * column pair per target, then CyberDB's first column over the best Redis column.
     *
     * @param columns targets, each optionally followed by a space and the section it is taken
     *                from (when a table spans sections)
     */
    private static void table(StringBuilder md, Outcome outcome, List<String> sections, String title, List<String> columns) {
        List<Cell> in = outcome.cells().stream().filter(c -> sections.contains(c.section())).toList();
        List<String> present = columns.stream().filter(column -> in.stream().anyMatch(c -> matches(c, column))).toList();
        if (present.isEmpty()) {
            return;
        }
        md.append("\n").append(title).append(":\n\n| work | clients |");
        present.forEach(t -> md.append(" ").append(t).append(" ops/s | p50 / p99 / p99.9 |"));
        md.append(" ").append(present.getFirst()).append(" / best Redis |\n|");
        md.append(" --- |".repeat(3 + 2 * present.size())).append("\n");
        List<Map.Entry<Work, Integer>> rows = in.stream().map(c -> Map.entry(c.work(), c.clients())).distinct()
                .sorted(Map.Entry.<Work, Integer>comparingByKey().thenComparing(Map.Entry.comparingByValue())).toList();
        for (var row : rows) {
            md.append("| ").append(row.getKey().label()).append(" | ").append(row.getValue()).append(" |");
            double first = Double.NaN;
            double redis = Double.NaN;
            for (String column : present) {
                Optional<Cell> cell = in.stream().filter(c -> c.work() == row.getKey() && c.clients() == row.getValue()
                        && matches(c, column)).findFirst();
                if (cell.isEmpty()) {
                    md.append(" - | - |");
                    continue;
                }
                Stats stats = cell.get().stats();
                md.append(" ").append(Results.throughput(stats)).append(" | ").append(Results.latency(stats)).append(" |");
                if (column.equals(present.getFirst())) {
                    first = stats.opsPerSecond();
                }
                if (REDIS.contains(cell.get().target()) || cell.get().target().equals(REDIS_AOF)) {
                    redis = Double.isNaN(redis) ? stats.opsPerSecond() : Math.max(redis, stats.opsPerSecond());
                }
            }
            md.append(" ").append(Double.isNaN(first / redis) ? "-" : Results.ratio(first / redis)).append(" |\n");
        }
    }

    private static boolean matches(Cell cell, String column) {
        return column.equals(cell.target()) || column.equals(cell.target() + " " + cell.section());
    }

    private static void charts(Outcome outcome, Path results) throws Exception {
        List<String> categories = new ArrayList<>();
        Map<String, Map<String, Double>> throughput = new LinkedHashMap<>();
        Map<String, Map<String, Double>> latency = new LinkedHashMap<>();
        for (String target : List.of(ENCRYPTED, PLAINTEXT, JEDIS, LETTUCE)) {
            throughput.put(target, new LinkedHashMap<>());
            latency.put(target, new LinkedHashMap<>());
        }
        for (Work work : Work.values()) {
            categories.add(work.label());
            for (String target : throughput.keySet()) {
                outcome.cell(PER_REQUEST, work, 50, target)
                        .ifPresent(c -> throughput.get(target).put(work.label(), c.stats().opsPerSecond()));
                outcome.cell(PER_REQUEST, work, 1, target)
                        .ifPresent(c -> latency.get(target).put(work.label(), c.stats().p50Micros()));
            }
        }
        Charts.bars(results.resolve("network-throughput.png"), "Operations per second, 50 clients, one request per round trip",
                "ops/s", categories, throughput);
        Charts.bars(results.resolve("network-latency.png"), "Round trip p50, one client (lower is better)",
                "µs", categories, latency);
    }
}
