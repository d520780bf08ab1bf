package cyberdb.bench;

import cyberdb.api.CyberClient;
import cyberdb.api.CyberDB;
import cyberdb.api.CyberDict;
import cyberdb.api.CyberProxy;
import cyberdb.api.Durability;
import cyberdb.api.EmbeddedClient;
import cyberdb.net.CyberServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

/**
 * Writes per second under each durability, for 1 and 16 concurrent writers, embedded and over
 * an encrypted loopback connection; and how long start-up takes to replay a journal of a million
 * records. Results go to {@code bench/results/durability.json} and {@code .md}.
 */
final class DurabilityBench {

    private static final String PASSWORD = "benchmark password";
    private static final int[] WRITERS = {1, 16};

    private record Row(String mode, String durability, int writers, double writesPerSecond) {
    }

    private DurabilityBench() {
    }

    /**
     * Runs the benchmark and writes {@code durability.json} and {@code durability.md}.
     *
     * @param quick   shorter runs
     * @param results the results directory
     * @param scratch a scratch directory
     * @throws Exception if a run fails
     */
    static void run(boolean quick, Path results, Path scratch) throws Exception {
        Duration run = quick ? Duration.ofSeconds(1) : Duration.ofSeconds(5);
        Files.createDirectories(results);

        List<Row> rows = new ArrayList<>();
        for (Durability durability : Durability.values()) {
            for (int writers : WRITERS) {
                rows.add(new Row("embedded", name(durability), writers, embedded(scratch, durability, writers, run)));
                rows.add(new Row("network", name(durability), writers, network(scratch, durability, writers, run)));
                System.out.printf(Locale.ROOT, "%-8s %-9s %2d writers: %,.0f / %,.0f writes/s%n", "done", name(durability),
                        writers, rows.get(rows.size() - 2).writesPerSecond(), rows.getLast().writesPerSecond());
            }
        }
        int records = quick ? 200_000 : 1_000_000;
        double recoverySeconds = recovery(scratch, records);
        System.out.printf(Locale.ROOT, "replaying a journal of %,d records: %.2f s%n", records, recoverySeconds);
        write(results, rows, records, recoverySeconds, run);
    }

    private static String name(Durability durability) {
        return switch (durability) {
            case SNAPSHOT_ONLY -> "off";
            case JOURNAL_NO_FSYNC -> "none";
            case JOURNAL_FSYNC_EVERY_SECOND -> "everysec";
            case JOURNAL_FSYNC_ALWAYS -> "always";
        };
    }

    private static Path fresh(Path scratch, String name) throws IOException {
        Path dir = scratch.resolve(name);
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
        Files.createDirectories(dir);
        return dir.resolve("bench.cdb");
    }

    private static double embedded(Path scratch, Durability durability, int writers, Duration run) throws Exception {
        try (EmbeddedClient db = CyberDB.embedded(fresh(scratch, "embedded"), durability)) {
            try (CyberProxy setup = db.proxy().connect()) {
                setup.createDict("bench");
            }
            return measure(db, writers, run);
        }
    }

    private static double network(Path scratch, Durability durability, int writers, Duration run) throws Exception {
        try (CyberServer server = CyberServer.builder().port(0).password(PASSWORD).dataFile(fresh(scratch, "network"))
                .durability(durability).build().start();
             CyberClient client = CyberDB.client().port(server.port()).password(PASSWORD).connections(Math.min(writers, 4)).build()) {
            try (CyberProxy setup = client.proxy().connect()) {
                setup.createDict("bench");
            }
            return measure(client, writers, run);
        }
    }

    /** Each writer puts 100-byte values under its own keys for the warm-up, then for the measured run. */
    private static double measure(CyberClient client, int writers, Duration run) throws InterruptedException {
        String value = "x".repeat(100);
        LongAdder writes = new LongAdder();
        long warmUpEnd = System.nanoTime() + Duration.ofSeconds(1).toNanos();
        long end = warmUpEnd + run.toNanos();
        CountDownLatch done = new CountDownLatch(writers);
        for (int w = 0; w < writers; w++) {
            int writer = w;
            Thread.ofPlatform().start(() -> {
                try (CyberProxy proxy = client.proxy().connect()) {
                    CyberDict<String, String> dict = proxy.dict("bench", String.class, String.class);
                    for (long i = 0; ; i++) {
                        dict.put(writer + ":" + (i % 10_000), value);
                        long now = System.nanoTime();
                        if (now > end) {
                            break;
                        }
                        if (now > warmUpEnd) {
                            writes.increment();
                        }
                    }
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        return writes.sum() / (run.toNanos() / 1e9);
    }

    private static double recovery(Path scratch, int records) throws IOException, InterruptedException {
        Path file = fresh(scratch, "recovery");
        // The writer runs in a JVM of its own and is killed there: one process may not open a data file
        // twice, and a kill is a real crash.
        try (ChildJvm writer = ChildJvm.start(file.resolveSibling("writer.log"), List.of(), JournalWriter.class,
                List.of(file.toString(), Integer.toString(records)))) {
            writer.await("written");
            writer.process().destroyForcibly();
            writer.process().waitFor();
        }
        long start = System.nanoTime();
        try (EmbeddedClient recovered = CyberDB.embedded(file, Durability.JOURNAL_NO_FSYNC);
             CyberProxy proxy = recovered.proxy().connect()) {
            double seconds = (System.nanoTime() - start) / 1e9;
            if (proxy.dict("bench").size() != records) {
                throw new IllegalStateException("recovered " + proxy.dict("bench").size() + " of " + records);
            }
            return seconds;
        }
    }

    private static void write(Path results, List<Row> rows, int records, double recoverySeconds, Duration run)
            throws IOException {
        String machine = Runtime.getRuntime().availableProcessors() + " cores, JDK " + System.getProperty("java.version")
                + ", " + System.getProperty("os.name") + " " + System.getProperty("os.arch");
        StringBuilder json = new StringBuilder("{\n  \"machine\": \"" + machine + "\",\n  \"runSeconds\": "
                + run.toSeconds() + ",\n  \"writes\": [\n");
        StringBuilder md = new StringBuilder("Writes per second (100-byte values, one put per write), " + machine
                + ", " + run.toSeconds() + " s per run after 1 s of warm-up:\n\n"
                + "| durability | writers | embedded | network (encrypted, loopback) |\n| --- | --- | --- | --- |\n");
        for (int i = 0; i < rows.size(); i += 2) {
            Row embedded = rows.get(i);
            Row network = rows.get(i + 1);
            md.append(String.format(Locale.ROOT, "| %s | %d | %,.0f | %,.0f |%n", embedded.durability(), embedded.writers(),
                    embedded.writesPerSecond(), network.writesPerSecond()));
        }
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            json.append(String.format(Locale.ROOT,
                    "    {\"mode\": \"%s\", \"durability\": \"%s\", \"writers\": %d, \"writesPerSecond\": %.0f}%s%n",
                    row.mode(), row.durability(), row.writers(), row.writesPerSecond(), i + 1 < rows.size() ? "," : ""));
        }
        json.append(String.format(Locale.ROOT, "  ],%n  \"recovery\": {\"records\": %d, \"seconds\": %.3f}%n}%n",
                records, recoverySeconds));
        md.append(String.format(Locale.ROOT, "%nStart-up replaying a journal of %,d records: %.2f s.%n", records, recoverySeconds));
        Files.writeString(results.resolve("durability.json"), json);
        Files.writeString(results.resolve("durability.md"), md);
        System.out.println("Wrote " + results.resolve("durability.json") + " and durability.md");
    }
}
