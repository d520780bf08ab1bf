package cyberdb.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Many connections, CyberDB (encrypted) against Redis + Jedis: a thousand opened at the same
 * moment from several client JVMs, and ten thousand held idle while a busy client works, with
 * the server's threads and resident memory before and after. An event-loop server should add
 * no thread and little memory per idle connection, and serve the busy client as before.
 */
final class ConnectionsBench {

    static final String CYBER = "CyberDB encrypted";
    static final String CYBER_CLIENTS = "CyberDB encrypted, a client per connection";
    static final String CYBER_SHARED = "CyberDB encrypted, clients of 64 connections";
    static final String REDIS = "Redis + Jedis";
    static final int STORM_PROCESSES = 4;
    static final int STORM_PER_PROCESS = 250;
    static final int IDLE = 10_000;
    static final int IDLE_PROCESSES = 2;
    static final int BUSY_CLIENTS = 8;
    /** Room for the idle connections and the busy client's beside them. */
    private static final int MAX_CONNECTIONS = 12_000;

    /**
     * Connections opened at once.
     *
     * @param target      the database
     * @param connections how many were attempted
     * @param seconds     from the moment all were told to go until the last was served
     * @param refused     how many failed
     * @param micros      each served connection's time from go until served, sorted
     */
    record Storm(String target, int connections, double seconds, int refused, long[] micros) {

        double percentileMillis(double percentile) {
            if (micros.length == 0) {
                return Double.NaN;
            }
            return micros[(int) Math.min(micros.length - 1, Math.ceil(percentile / 100 * micros.length) - 1)] / 1e3;
        }
    }

    /**
     * Idle connections held.
     *
     * @param target      the database
     * @param connections how many were held
     * @param openSeconds how long opening them all took
     * @param before      the server before they were opened
     * @param after       the server while they were held
     * @param afterGc     the same after a full collection (a JVM's heap grows with the handshakes'
     *                    garbage, which is not memory the connections hold); {@code after} for Redis.
     *                    Compared by {@link ProcessStatus#heldBytes()} with {@code before}: a JVM's
     *                    resident memory alone rises and falls with the collector's sizing of the heap
     *                    (a run here measured less while 10,000 connections were held than before)
     * @param alone       the busy client without them
     * @param beside      the busy client while they were held
     */
    record Idle(String target, int connections, double openSeconds, ProcessStatus before, ProcessStatus after,
                ProcessStatus afterGc, Stats alone, Stats beside) {

        double bytesPerConnection() {
            return (double) (after.rssBytes() - before.rssBytes()) / connections;
        }

        double bytesPerConnectionAfterGc() {
            return (double) (afterGc.heldBytes() - before.heldBytes()) / connections;
        }

        double p99Ratio() {
            return beside.p99Micros() / alone.p99Micros();
        }
    }

    /**
     * Everything measured.
     *
     * @param stormCyber  CyberDB's storm, a client per connection
     * @param stormShared CyberDB's storm, clients of 64 connections
     * @param stormRedis  Redis's storm
     * @param idleCyber   CyberDB holding idle connections
     * @param idleRedis   Redis holding idle connections
     */
    record Outcome(Storm stormCyber, Storm stormShared, Storm stormRedis, Idle idleCyber, Idle idleRedis) {
    }

    private ConnectionsBench() {
    }

    /**
     * Runs both measurements against both databases and writes {@code connections.json} and {@code .md}.
     *
     * @param machine the machine
     * @param quick   shorter busy-client runs (the connection counts stay: they are the targets)
     * @param results the results directory
     * @param scratch a scratch directory
     * @return the figures
     * @throws Exception if a run fails
     */
    static Outcome run(Machine machine, boolean quick, Path results, Path scratch) throws Exception {
        Path dir = scratch.resolve("connections");
        Files.createDirectories(dir);
        List<String> cyberOptions = List.of("--max-connections", Integer.toString(MAX_CONNECTIONS));
        List<String> redisOptions = List.of("--maxclients", Integer.toString(MAX_CONNECTIONS));
        Storm stormCyber;
        try (CyberServerProcess server = CyberServerProcess.start(dir.resolve("storm-cyber"), true, false, cyberOptions)) {
            new CyberTarget(CYBER, server, true, CyberTarget.DEFAULT_CONNECTIONS).close();
            stormCyber = storm(CYBER_CLIENTS, "cyberdb", server.port(), dir);
        }
        Storm stormShared;
        try (CyberServerProcess server = CyberServerProcess.start(dir.resolve("storm-shared"), true, false, cyberOptions)) {
            new CyberTarget(CYBER, server, true, CyberTarget.DEFAULT_CONNECTIONS).close();
            stormShared = storm(CYBER_SHARED, "cyberdb-shared", server.port(), dir);
        }
        Storm stormRedis;
        try (RedisServer server = RedisServer.start(dir.resolve("storm-redis"), false, redisOptions)) {
            new JedisTarget(REDIS, server).close();
            stormRedis = storm(REDIS, "redis", server.port(), dir);
        }
        Plan plan = Plan.of(quick);
        Idle idleCyber;
        try (CyberServerProcess server = CyberServerProcess.start(dir.resolve("idle-cyber"), true, false, cyberOptions);
             Target busy = new CyberTarget(CYBER, server, true, CyberTarget.DEFAULT_CONNECTIONS)) {
            idleCyber = idle(busy, "cyberdb", server.port(), server.pid(), true, plan, dir);
        }
        Idle idleRedis;
        try (RedisServer server = RedisServer.start(dir.resolve("idle-redis"), false, redisOptions);
             Target busy = new JedisTarget(REDIS, server)) {
            idleRedis = idle(busy, "redis", server.port(), server.pid(), false, plan, dir);
        }
        Outcome outcome = new Outcome(stormCyber, stormShared, stormRedis, idleCyber, idleRedis);
        write(machine, plan, outcome, results);
        return outcome;
    }

    /** Starts the client JVMs, waits until each is ready, tells all to go, and waits for the last to be served. */
    private static Storm storm(String target, String kind, int port, Path dir) {
        List<ChildJvm> children = new ArrayList<>();
        try {
            for (int i = 0; i < STORM_PROCESSES; i++) {
                children.add(ChildJvm.start(dir.resolve("storm-" + kind + "-" + i + ".log"), List.of(), ConnectionStorm.class,
                        List.of(kind, Integer.toString(port), Integer.toString(STORM_PER_PROCESS))));
            }
            children.forEach(child -> child.await("ready"));
            long start = System.nanoTime();
            children.forEach(child -> child.tell("go"));
            int refused = 0;
            List<Long> times = new ArrayList<>();
            for (ChildJvm child : children) {
                String[] done = child.await("done").split(" ");
                refused += Integer.parseInt(done[0]);
                if (done.length > 1) {
                    Arrays.stream(done[1].split(",")).map(Long::parseLong).forEach(times::add);
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            children.forEach(child -> child.tell("close"));
            children.forEach(child -> child.await("closed"));
            long[] micros = times.stream().mapToLong(Long::longValue).sorted().toArray();
            Storm storm = new Storm(target, STORM_PROCESSES * STORM_PER_PROCESS, seconds, refused, micros);
            System.out.printf(Locale.ROOT, "storm %-18s %,d connections from %d JVMs: all served in %.2f s, %d refused, "
                            + "each p50 %.0f ms, p99 %.0f ms%n", target, storm.connections(), STORM_PROCESSES, seconds, refused,
                    storm.percentileMillis(50), storm.percentileMillis(99));
            return storm;
        } finally {
            children.forEach(ChildJvm::close);
        }
    }

    /** Measures the busy client alone, opens and holds the idle connections, and measures it again beside them. */
    private static Idle idle(Target busy, String kind, int port, long pid, boolean jvm, Plan plan, Path dir) throws Exception {
        // Longer than a cell's warm-up: a fresh server's p99 stays high for its first two seconds or so of
        // load (JIT, heap sizing), which would flatter the run beside the idle connections.
        Duration warming = plan.warmUp().multipliedBy(6);
        Plan warm = new Plan(Duration.ZERO, 1, warming.compareTo(Duration.ofSeconds(5)) < 0 ? Duration.ofSeconds(5) : warming);
        Load.run(BUSY_CLIENTS, i -> busy.client(Work.GET, 1), warm);
        Stats alone = Load.run(BUSY_CLIENTS, i -> busy.client(Work.GET, 1), plan);
        if (jvm) {
            fullGc(pid);
        }
        ProcessStatus before = jvm ? ProcessStatus.ofJvm(pid) : ProcessStatus.of(pid);
        List<ChildJvm> holders = new ArrayList<>();
        try {
            long start = System.nanoTime();
            for (int i = 0; i < IDLE_PROCESSES; i++) {
                holders.add(ChildJvm.start(dir.resolve("idle-" + kind + "-" + i + ".log"), List.of(), IdleConnections.class,
                        List.of(kind, Integer.toString(port), Integer.toString(IDLE / IDLE_PROCESSES))));
            }
            holders.forEach(holder -> holder.await("held"));
            double openSeconds = (System.nanoTime() - start) / 1e9;
            // Let the server finish what the handshakes left behind before reading it.
            Thread.sleep(1000);
            ProcessStatus after = ProcessStatus.of(pid);
            ProcessStatus afterGc = after;
            if (jvm) {
                fullGc(pid);
                afterGc = ProcessStatus.ofJvm(pid);
            }
            Stats beside = Load.run(BUSY_CLIENTS, i -> busy.client(Work.GET, 1), plan);
            holders.forEach(holder -> holder.tell("close"));
            holders.forEach(holder -> holder.await("closed"));
            Idle idle = new Idle(busy.name(), IDLE, openSeconds, before, after, afterGc, alone, beside);
            System.out.printf(Locale.ROOT, "idle  %-18s %,d held (opened in %.1f s): threads %d -> %d, RSS %.0f -> %.0f MB "
                            + "(%.1f KB per connection, %.1f KB after a full GC); busy p99 %.0f us alone, %.0f us beside "
                            + "them%n", idle.target(), IDLE, openSeconds, before.threads(), after.threads(),
                    before.rssBytes() / 1e6, after.rssBytes() / 1e6, idle.bytesPerConnection() / 1024,
                    idle.bytesPerConnectionAfterGc() / 1024, alone.p99Micros(), beside.p99Micros());
            return idle;
        } finally {
            holders.forEach(ChildJvm::close);
        }
    }

    /** Asks a JVM for a full collection, as {@code jcmd PID GC.run} does for an operator. */
    private static void fullGc(long pid) {
        Processes.run(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(pid), "GC.run"));
    }

    private static void write(Machine machine, Plan plan, Outcome o, Path results) throws Exception {
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT, "%s.%n%n"
                        + "%,d connections opened at the same moment from %d client JVMs of %d each, every one then served a "
                        + "get: time from the order to go until the last was served, and each connection's own time. "
                        + "A client per connection (`connections(1)`) is what separate application instances have; each "
                        + "stretches the password for the server's salt (PBKDF2) itself, as a client keeps it for its own "
                        + "connections only. Clients of 64 connections (4 per JVM) stretch it 16 times in all.%n%n"
                        + "| | all served (s) | refused | each, p50 / p99 / max (ms) |%n| --- | --- | --- | --- |%n",
                machine.line(), o.stormCyber().connections(), STORM_PROCESSES, STORM_PER_PROCESS));
        for (Storm s : List.of(o.stormCyber(), o.stormShared(), o.stormRedis())) {
            md.append(String.format(Locale.ROOT, "| %s | %.2f | %d | %.0f / %.0f / %.0f |%n", s.target(), s.seconds(), s.refused(),
                    s.percentileMillis(50), s.percentileMillis(99), s.percentileMillis(100)));
        }
        md.append(String.format(Locale.ROOT, "%n%,d idle connections opened from %d client JVMs (CyberDB: clients of 64 "
                        + "connections, authenticated; Redis: Jedis connections, each pinged once) and held while a busy "
                        + "client of %d threads does gets (%d ms iterations, %d of them). Threads and resident "
                        + "memory (`VmRSS`) of the server process, before the idle connections and while they are held; "
                        + "for CyberDB, before is after a full GC (`jcmd PID GC.run`). RSS alone rises and falls with "
                        + "the collector's sizing of the heap, so the next column counts, after a full GC before and "
                        + "while held, the live heap and the resident memory outside the heap (RSS less the committed "
                        + "heap's unused part, from `jcmd PID GC.heap_info`):%n%n"
                        + "| | opened in (s) | threads before / held | RSS before / held (MB) | RSS per idle connection (KB) "
                        + "| live heap and memory outside it, per idle connection (KB) | busy p99 alone / beside them (µs) "
                        + "| beside / alone |%n"
                        + "| --- | --- | --- | --- | --- | --- | --- | --- |%n",
                IDLE, IDLE_PROCESSES, BUSY_CLIENTS, plan.iteration().toMillis(), plan.iterations()));
        for (Idle i : List.of(o.idleCyber(), o.idleRedis())) {
            md.append(String.format(Locale.ROOT, "| %s | %.1f | %d / %d | %.0f / %.0f | %.1f | %s | %.0f / %.0f | %s |%n",
                    i.target(), i.openSeconds(), i.before().threads(), i.after().threads(), i.before().rssBytes() / 1e6,
                    i.after().rssBytes() / 1e6, i.bytesPerConnection() / 1024, i.afterGc() == i.after() ? "-"
                            : String.format(Locale.ROOT, "%.1f", i.bytesPerConnectionAfterGc() / 1024),
                    i.alone().p99Micros(), i.beside().p99Micros(), Results.ratio(i.p99Ratio())));
        }
        var json = Json.createObjectBuilder().add("machine", machine.json())
                .add("storm", Json.createArrayBuilder().add(json(o.stormCyber())).add(json(o.stormShared()))
                        .add(json(o.stormRedis())))
                .add("idle", Json.createArrayBuilder().add(json(o.idleCyber())).add(json(o.idleRedis()))).build();
        Results.write(results, "connections", json, md.toString());
    }

    private static JsonObject json(Storm s) {
        var json = Json.createObjectBuilder().add("target", s.target()).add("connections", s.connections())
                .add("processes", STORM_PROCESSES).add("seconds", round(s.seconds())).add("refused", s.refused());
        if (s.micros().length > 0) {
            json.add("p50Millis", round(s.percentileMillis(50))).add("p99Millis", round(s.percentileMillis(99)))
                    .add("maxMillis", round(s.percentileMillis(100)));
        }
        return json.build();
    }

    private static JsonObject json(Idle i) {
        return Json.createObjectBuilder().add("target", i.target()).add("connections", i.connections())
                .add("openSeconds", round(i.openSeconds())).add("threadsBefore", i.before().threads())
                .add("threadsHeld", i.after().threads()).add("rssBytesBefore", i.before().rssBytes())
                .add("rssBytesHeld", i.after().rssBytes()).add("rssBytesPerConnection", Math.round(i.bytesPerConnection()))
                .add("rssBytesHeldAfterGc", i.afterGc().rssBytes())
                .add("heapSlackBytesBefore", i.before().heapSlackBytes())
                .add("heapSlackBytesHeldAfterGc", i.afterGc().heapSlackBytes())
                .add("heldBytesPerConnectionAfterGc", Math.round(i.bytesPerConnectionAfterGc()))
                .add("busyAlone", i.alone().json()).add("busyBeside", i.beside().json()).build();
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
