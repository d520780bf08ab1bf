package cyberdb.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link EmbeddedBench} with 1 and 2 threads and writes the scores, and each CyberDB score
 * as a ratio of ConcurrentHashMap's measured in the same run, to {@code bench/results/embedded.*}.
 */
public final class EmbeddedBenchRunner {

    /**
     * One JMH score.
     *
     * @param operation         the benchmark method
     * @param threads           concurrent threads
     * @param implementation    cyberdb, ConcurrentHashMap or synchronizedLinkedHashMap
     * @param opsPerMicrosecond the score
     * @param error             JMH's error margin (99.9%)
     */
    record Score(String operation, int threads, String implementation, double opsPerMicrosecond, double error) {
    }

    /**
     * Everything measured.
     *
     * @param scores every score
     */
    record Outcome(List<Score> scores) {

        /**
         * Returns CyberDB's score over ConcurrentHashMap's for an operation.
         *
         * @param operation the benchmark method
         * @param threads   the thread count
         * @return the ratio
         */
        double ratioToConcurrentHashMap(String operation, int threads) {
            return score(operation, threads, "cyberdb") / score(operation, threads, "ConcurrentHashMap");
        }

        private double score(String operation, int threads, String implementation) {
            return scores.stream().filter(s -> s.operation().equals(operation) && s.threads() == threads
                    && s.implementation().equals(implementation)).findFirst().orElseThrow().opsPerMicrosecond();
        }
    }

    private EmbeddedBenchRunner() {
    }

    /**
     * Runs the benchmark and writes {@code embedded.json}, {@code embedded.md} and the chart.
     *
     * @param quick   fewer iterations
     * @param results the results directory
     * @return the scores
     * @throws RunnerException if JMH fails
     * @throws IOException     if the results cannot be written
     */
    static Outcome run(boolean quick, Path results) throws RunnerException, IOException {
        List<Score> scores = new ArrayList<>();
        for (int threads : new int[] {1, 2}) {
            Options options = new OptionsBuilder()
                    .include(EmbeddedBench.class.getName())
                    .forks(1)
                    .warmupIterations(quick ? 1 : 3)
                    .warmupTime(TimeValue.seconds(1))
                    .measurementIterations(quick ? 3 : 5)
                    .measurementTime(TimeValue.seconds(1))
                    .threads(threads)
                    .build();
            for (RunResult run : new Runner(options).run()) {
                String method = run.getParams().getBenchmark();
                scores.add(new Score(method.substring(method.lastIndexOf('.') + 1), threads, run.getParams().getParam("map"),
                        run.getPrimaryResult().getScore(), run.getPrimaryResult().getScoreError()));
            }
        }
        write(results, scores);
        chart(results, scores);
        return new Outcome(scores);
    }

    private static void chart(Path results, List<Score> scores) throws IOException {
        Map<String, Map<String, Double>> series = new LinkedHashMap<>();
        List<String> operations = new ArrayList<>();
        for (Score score : scores) {
            if (score.threads() == 1) {
                String name = score.implementation().equals("cyberdb") ? "CyberDB" : score.implementation();
                series.computeIfAbsent(name, k -> new LinkedHashMap<>()).put(score.operation(), score.opsPerMicrosecond());
                if (!operations.contains(score.operation())) {
                    operations.add(score.operation());
                }
            }
        }
        Charts.bars(results.resolve("embedded.png"), "Embedded, 1 thread: operations per microsecond", "ops/µs",
                operations, series);
    }

    private static void write(Path results, List<Score> scores) throws IOException {
        Files.createDirectories(results);
        Map<String, Map<String, Score>> rows = new LinkedHashMap<>();
        for (Score score : scores) {
            rows.computeIfAbsent(score.operation() + "/" + score.threads(), k -> new LinkedHashMap<>())
                    .put(score.implementation(), score);
        }
        StringBuilder md = new StringBuilder("Operations per microsecond (JMH, median of iterations ± error; "
                + Runtime.getRuntime().availableProcessors() + " cores, JDK " + System.getProperty("java.version") + "):\n\n"
                + "| operation | threads | CyberDB | ConcurrentHashMap | synchronized LinkedHashMap/ArrayList | CyberDB / CHM |\n"
                + "| --- | --- | --- | --- | --- | --- |\n");
        StringBuilder json = new StringBuilder("[\n");
        for (Map.Entry<String, Map<String, Score>> row : rows.entrySet()) {
            Score cyber = row.getValue().get("cyberdb");
            Score chm = row.getValue().get("ConcurrentHashMap");
            Score sync = row.getValue().get("synchronizedLinkedHashMap");
            md.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %.2fx |%n", cyber.operation(), cyber.threads(),
                    cell(cyber), cell(chm), cell(sync), cyber.opsPerMicrosecond() / chm.opsPerMicrosecond()));
        }
        for (int i = 0; i < scores.size(); i++) {
            Score s = scores.get(i);
            json.append(String.format(Locale.ROOT,
                    "  {\"operation\": \"%s\", \"threads\": %d, \"implementation\": \"%s\", \"opsPerMicrosecond\": %.3f, \"error\": %.3f}%s%n",
                    s.operation(), s.threads(), s.implementation(), s.opsPerMicrosecond(), s.error(), i + 1 < scores.size() ? "," : ""));
        }
        json.append("]\n");
        Files.writeString(results.resolve("embedded.md"), md);
        Files.writeString(results.resolve("embedded.json"), json);
        System.out.println("Wrote " + results.resolve("embedded.json") + " and embedded.md");
    }

    private static String cell(Score score) {
        return String.format(Locale.ROOT, "%.1f ± %.1f", score.opsPerMicrosecond(), score.error());
    }
}
