package cyberdb.bench;

import jakarta.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Bytes per entry for a million entries (16-byte keys, distinct 100-byte values): the JVM heap
 * an embedded dict adds, after full collections, against Redis's {@code used_memory}.
 */
final class MemoryBench {

    /**
     * The figures.
     *
     * @param cyberBytesPerEntry heap per entry in CyberDB
     * @param redisBytesPerEntry used_memory per entry in Redis
     */
    record Outcome(double cyberBytesPerEntry, double redisBytesPerEntry) {

        double ratio() {
            return cyberBytesPerEntry / redisBytesPerEntry;
        }
    }

    private MemoryBench() {
    }

    /**
     * Measures both and writes {@code memory.json} and {@code memory.md}.
     *
     * @param machine the machine
     * @param results the results directory
     * @param scratch a scratch directory
     * @return the figures
     * @throws Exception if a measurement fails
     */
    static Outcome run(Machine machine, Path results, Path scratch) throws Exception {
        Path dir = scratch.resolve("memory");
        Files.createDirectories(dir);
        Path log = dir.resolve("probe.log");
        Process probe = Processes.java(log, List.of("-Xmx4g", "-XX:+UseG1GC"), MemoryProbe.class.getName(),
                List.of(Integer.toString(Entries.COUNT)));
        if (probe.waitFor() != 0) {
            throw new IllegalStateException("The memory probe failed; see " + log);
        }
        long heapBytes = Files.readAllLines(log).stream().filter(line -> line.startsWith("heapBytes "))
                .mapToLong(line -> Long.parseLong(line.substring("heapBytes ".length()))).findFirst().orElseThrow();
        long redisBytes;
        try (RedisServer redis = RedisServer.start(dir.resolve("redis"), false)) {
            long before = redis.usedMemory();
            redis.fillEntries();
            redisBytes = redis.usedMemory() - before;
        }
        Outcome outcome = new Outcome((double) heapBytes / Entries.COUNT, (double) redisBytes / Entries.COUNT);
        System.out.printf(Locale.ROOT, "memory: CyberDB %.0f bytes/entry, Redis %.0f bytes/entry (%.2fx)%n",
                outcome.cyberBytesPerEntry(), outcome.redisBytesPerEntry(), outcome.ratio());
        String md = String.format(Locale.ROOT, "%,d entries (16-byte keys, distinct 100-byte string values) in one dict, "
                        + "%s:%n%n| | bytes per entry |%n| --- | --- |%n| CyberDB, embedded (JVM heap used after full GC) | %.0f |%n"
                        + "| Redis (`used_memory`) | %.0f |%n| CyberDB / Redis | %s |%n",
                Entries.COUNT, machine.line(), outcome.cyberBytesPerEntry(), outcome.redisBytesPerEntry(),
                Results.ratio(outcome.ratio()));
        Results.write(results, "memory", Json.createObjectBuilder().add("machine", machine.json())
                .add("entries", Entries.COUNT).add("cyberdbHeapBytes", heapBytes).add("redisUsedMemoryBytes", redisBytes)
                .add("cyberdbBytesPerEntry", outcome.cyberBytesPerEntry()).add("redisBytesPerEntry", outcome.redisBytesPerEntry())
                .build(), md);
        return outcome;
    }
}
