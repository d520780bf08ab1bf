package cyberdb.bench;

import cyberdb.api.CyberClient;
import cyberdb.api.CyberDB;
import cyberdb.api.CyberDict;
import cyberdb.api.CyberProxy;
import cyberdb.api.Durability;
import cyberdb.api.EmbeddedClient;
import jakarta.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;

/**
 * Snapshot save and load of a million entries against the disk's sequential write bandwidth
 * ({@code dd} with fsync), and request latency on a server while it saves.
 */
final class PersistenceBench {

    private static final int CLIENTS = 8;

    /**
     * The figures.
     *
     * @param ddMegabytesPerSecond  the disk's sequential write bandwidth
     * @param fileMegabytes         the snapshot's size
     * @param saveSeconds           median save time
     * @param loadSeconds           median load time
     * @param redisSaveSeconds      Redis's SAVE of the same data, for reference
     * @param redisLoadSeconds      Redis's start-up on that dump, for reference
     * @param quiet                 request latency while no save runs
     * @param saving                request latency while saves run
     * @param saves                 how many saves ran during the measurement
     */
    record Outcome(double ddMegabytesPerSecond, double fileMegabytes, double saveSeconds, double loadSeconds,
                   double redisSaveSeconds, double redisLoadSeconds, Histogram quiet, Histogram saving, int saves) {

        double saveShareOfDisk() {
            return fileMegabytes / saveSeconds / ddMegabytesPerSecond;
        }

        double loadShareOfDisk() {
            return fileMegabytes / loadSeconds / ddMegabytesPerSecond;
        }
    }

    private PersistenceBench() {
    }

    /**
     * Runs the section and writes {@code persistence.json} and {@code persistence.md}.
     *
     * @param machine the machine
     * @param quick   fewer iterations
     * @param results the results directory
     * @param scratch a scratch directory
     * @return the figures
     * @throws Exception if a measurement fails
     */
    static Outcome run(Machine machine, boolean quick, Path results, Path scratch) throws Exception {
        Path dir = scratch.resolve("persistence");
        Files.createDirectories(dir);
        int iterations = quick ? 3 : 5;
        double dd = dd(dir, quick ? 512 : 1024);
        Path file = dir.resolve("snapshot.cdb");
        double[] saves = new double[iterations];
        double[] loads = new double[iterations];
        try (EmbeddedClient db = CyberDB.embedded()) {
            fill(db.proxy().connect().createDict("bench", String.class, String.class));
            db.save(file); // warm-up: a long-running server saves with compiled code
            for (int i = 0; i < iterations; i++) {
                System.gc(); // each iteration starts without the previous one's garbage
                long start = System.nanoTime();
                db.save(file);
                saves[i] = (System.nanoTime() - start) / 1e9;
            }
        }
        for (int i = -1; i < iterations; i++) {
            System.gc();
            long start = System.nanoTime();
            try (EmbeddedClient loaded = CyberDB.embedded(file, Durability.SNAPSHOT_ONLY);
                 CyberProxy proxy = loaded.proxy().connect()) {
                if (i >= 0) { // iteration -1 warms up
                    loads[i] = (System.nanoTime() - start) / 1e9;
                }
                if (proxy.dict("bench").size() != Entries.COUNT) {
                    throw new IllegalStateException("loaded " + proxy.dict("bench").size() + " entries");
                }
            }
        }
        Arrays.sort(saves);
        Arrays.sort(loads);
        double megabytes = Files.size(file) / 1e6;
        Files.delete(file);
        double[] redis = redis(dir);
        Outcome outcome = whileSaving(dir, quick, dd, megabytes, Stats.median(saves), Stats.median(loads), redis[0], redis[1]);
        write(machine, outcome, saves, loads, results);
        return outcome;
    }

    private static void fill(CyberDict<String, String> dict) {
        for (int from = 0; from < Entries.COUNT; from += 10_000) {
            Map<String, String> batch = LinkedHashMap.newLinkedHashMap(10_000);
            for (int i = from; i < from + 10_000; i++) {
                batch.put(Entries.key(i), Entries.value(i));
            }
            dict.putAll(batch);
        }
    }

    /** Writes {@code megabytes} of zeros with fsync at the end, as the disk's sequential limit. */
    private static double dd(Path dir, int megabytes) throws Exception {
        Path target = dir.resolve("dd.bin");
        long start = System.nanoTime();
        Processes.run(List.of("dd", "if=/dev/zero", "of=" + target, "bs=1M", "count=" + megabytes, "conv=fdatasync"));
        double seconds = (System.nanoTime() - start) / 1e9;
        double rate = megabytes * 1.048576 / seconds;
        Files.delete(target);
        System.out.printf(Locale.ROOT, "dd: %d MiB written and synced at %.0f MB/s%n", megabytes, rate);
        return rate;
    }

    /** Times Redis's SAVE of the same data, then how long a restarted Redis takes to load it. */
    private static double[] redis(Path dir) throws Exception {
        double save;
        try (RedisServer redis = RedisServer.start(dir.resolve("redis"), false);
             var jedis = redis.connect()) {
            redis.fillEntries();
            long start = System.nanoTime();
            jedis.save();
            save = (System.nanoTime() - start) / 1e9;
        }
        long start = System.nanoTime();
        RedisServer restarted = RedisServer.restart(dir.resolve("redis"));
        double load = (System.nanoTime() - start) / 1e9;
        restarted.close();
        return new double[] {save, load};
    }

    /**
     * A server holding the million entries answers 8 clients (half gets, half puts) first with
     * no save running, then while saves run back to back; each request's latency goes to the
     * histogram of the phase it started in.
     */
    private static Outcome whileSaving(Path dir, boolean quick, double dd, double megabytes, double save, double load,
                                       double redisSave, double redisLoad) throws Exception {
        Duration phase = Duration.ofSeconds(quick ? 4 : 10);
        Histogram quiet = Stats.histogram();
        Histogram saving = Stats.histogram();
        AtomicBoolean savesRunning = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Exception> failure = new AtomicReference<>();
        int saves = 0;
        try (CyberServerProcess server = CyberServerProcess.start(dir.resolve("server"), true, true);
             CyberClient client = CyberDB.client().port(server.port()).password(CyberServerProcess.PASSWORD)
                     .connections(2).build()) {
            try (CyberProxy proxy = client.proxy().connect()) {
                fill(proxy.createDict("bench", String.class, String.class));
            }
            List<Thread> threads = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                threads.add(Thread.ofPlatform().start(() -> {
                    Histogram q = Stats.histogram();
                    Histogram s = Stats.histogram();
                    try (CyberProxy proxy = client.proxy().connect()) {
                        CyberDict<String, String> dict = proxy.dict("bench", String.class, String.class);
                        ThreadLocalRandom random = ThreadLocalRandom.current();
                        while (!stop.get()) {
                            boolean during = savesRunning.get();
                            int i = random.nextInt(Entries.COUNT);
                            long before = System.nanoTime();
                            if (random.nextBoolean()) {
                                dict.get(Entries.key(i));
                            } else {
                                dict.put(Entries.key(i), Entries.value(i));
                            }
                            (during ? s : q).recordValue(System.nanoTime() - before);
                        }
                    } catch (Exception e) {
                        failure.compareAndSet(null, e);
                    } finally {
                        synchronized (quiet) {
                            quiet.add(q);
                            saving.add(s);
                        }
                    }
                }));
            }
            Thread.sleep(phase.toMillis());
            savesRunning.set(true);
            long end = System.nanoTime() + phase.toNanos();
            try (CyberProxy proxy = client.proxy().connect()) {
                while (System.nanoTime() < end) {
                    proxy.save();
                    saves++;
                }
            }
            stop.set(true);
            for (Thread thread : threads) {
                thread.join();
            }
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        System.out.printf(Locale.ROOT, "requests during %d saves: p50 %.0f us, p99 %.0f us, max %.0f us "
                        + "(without saves: p50 %.0f us, p99 %.0f us, max %.0f us)%n", saves,
                saving.getValueAtPercentile(50) / 1e3, saving.getValueAtPercentile(99) / 1e3, saving.getMaxValue() / 1e3,
                quiet.getValueAtPercentile(50) / 1e3, quiet.getValueAtPercentile(99) / 1e3, quiet.getMaxValue() / 1e3);
        return new Outcome(dd, megabytes, save, load, redisSave, redisLoad, quiet, saving, saves);
    }

    private static void write(Machine machine, Outcome o, double[] saves, double[] loads, Path results) throws Exception {
        String md = String.format(Locale.ROOT, "%,d entries (16-byte keys, 100-byte values), %s.%n%n"
                        + "| | seconds (fastest-slowest) | MB/s | share of disk bandwidth |%n| --- | --- | --- | --- |%n"
                        + "| disk, `dd bs=1M conv=fdatasync` | | %.0f | 100%% |%n"
                        + "| snapshot save (%.0f MB file, written, fsynced, renamed) | %.2f (%.2f-%.2f) | %.0f | %.0f%% |%n"
                        + "| snapshot load (read, checked, indexed) | %.2f (%.2f-%.2f) | %.0f | %.0f%% |%n"
                        + "| Redis `SAVE` of the same data, for reference | %.2f | | |%n"
                        + "| Redis start-up loading that dump, for reference | %.2f | | |%n%n"
                        + "A server with these entries and the default journal, 8 encrypted clients doing gets and puts: "
                        + "request latency µs, p50 / p99 / p99.9 / max:%n%n| | p50 | p99 | p99.9 | max |%n| --- | --- | --- | --- | --- |%n"
                        + "| no save running | %s |%n| while saves run back to back (%d saves) | %s |%n",
                Entries.COUNT, machine.line(), o.ddMegabytesPerSecond(), o.fileMegabytes(), o.saveSeconds(), saves[0],
                saves[saves.length - 1], o.fileMegabytes() / o.saveSeconds(), 100 * o.saveShareOfDisk(), o.loadSeconds(),
                loads[0], loads[loads.length - 1], o.fileMegabytes() / o.loadSeconds(), 100 * o.loadShareOfDisk(),
                o.redisSaveSeconds(), o.redisLoadSeconds(), percentiles(o.quiet()), o.saves(), percentiles(o.saving()));
        Results.write(results, "persistence", Json.createObjectBuilder().add("machine", machine.json())
                .add("entries", Entries.COUNT).add("ddMegabytesPerSecond", o.ddMegabytesPerSecond())
                .add("fileMegabytes", o.fileMegabytes()).add("saveSeconds", o.saveSeconds()).add("loadSeconds", o.loadSeconds())
                .add("redisSaveSeconds", o.redisSaveSeconds()).add("redisLoadSeconds", o.redisLoadSeconds()).add("saves", o.saves())
                .add("quietP99Micros", o.quiet().getValueAtPercentile(99) / 1e3)
                .add("savingP99Micros", o.saving().getValueAtPercentile(99) / 1e3)
                .add("savingMaxMicros", o.saving().getMaxValue() / 1e3).build(), md);
    }

    private static String percentiles(Histogram h) {
        return String.format(Locale.ROOT, "%.0f | %.0f | %.0f | %.0f", h.getValueAtPercentile(50) / 1e3,
                h.getValueAtPercentile(99) / 1e3, h.getValueAtPercentile(99.9) / 1e3, h.getMaxValue() / 1e3);
    }
}
