package cyberdb.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code ./cyberdb bench [--quick] [--only SECTION,...]}: runs every benchmark section, writes
 * each one's JSON, Markdown and charts to {@code bench/results/}, then the targets table.
 */
public final class BenchSuite {

    private static final List<String> SECTIONS = List.of("embedded", "network", "connections", "large-values", "web", "memory",
            "persistence", "durability");

    /** One section of the suite, in the order of {@link #SECTIONS}. */
    private interface Section {
        void run() throws Exception;
    }

    private BenchSuite() {
    }

    /**
     * Runs the suite.
     *
     * @param args {@code --quick}, {@code --only a,b}, then the results and scratch directories
     * @throws Exception if a section fails
     */
    public static void main(String[] args) throws Exception {
        boolean quick = false;
        List<String> only = SECTIONS;
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--only" -> only = List.of(args[++i].split(","));
                default -> paths.add(args[i]);
            }
        }
        if (!SECTIONS.containsAll(only)) {
            throw new IllegalArgumentException("Sections are " + SECTIONS + "; got " + only);
        }
        Path results = Path.of(paths.size() > 0 ? paths.get(0) : "bench/results");
        Path scratch = Path.of(paths.size() > 1 ? paths.get(1) : "bench/target/scratch");
        Files.createDirectories(results);
        Files.createDirectories(scratch);
        Machine machine = Machine.current();
        System.out.println("Machine: " + machine.line());
        long start = System.nanoTime();
        Targets targets = new Targets(machine, quick);
        boolean q = quick;
        Section[] sections = {
            () -> targets.embedded(EmbeddedBenchRunner.run(q, results)),
            () -> {
                NetworkBench.Outcome network = NetworkBench.run(machine, q, results, scratch);
                targets.network(network);
                targets.metrics(network);
            },
            () -> targets.connections(ConnectionsBench.run(machine, q, results, scratch)),
            () -> targets.largeValues(LargeValuesBench.run(machine, q, results, scratch)),
            () -> targets.web(WebBench.run(machine, q, results, scratch)),
            () -> targets.memory(MemoryBench.run(machine, results, scratch)),
            () -> targets.persistence(PersistenceBench.run(machine, q, results, scratch)),
            () -> DurabilityBench.run(q, results, scratch),
        };
        for (int i = 0; i < SECTIONS.size(); i++) {
            if (only.contains(SECTIONS.get(i))) {
                long sectionStart = System.nanoTime();
                sections[i].run();
                System.out.printf(Locale.ROOT, "Section %s took %d s%n", SECTIONS.get(i),
                        Duration.ofNanos(System.nanoTime() - sectionStart).toSeconds());
            }
        }
        if (only.equals(SECTIONS)) {
            targets.write(results);
        } else {
            targets.print();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        System.out.printf(Locale.ROOT, "Benchmarks took %d min %02d s; figures in %s%n", took.toMinutes(),
                took.toSecondsPart(), results);
    }
}
