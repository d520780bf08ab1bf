package cyberdb.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.Arrays;
import org.HdrHistogram.Histogram;

/**
 * One measured cell: throughput per iteration (median quoted, spread kept) and latency
 * percentiles over every measured request.
 *
 * @param opsPerSecond the median of the iterations' throughputs
 * @param minOps       the slowest iteration
 * @param maxOps       the fastest iteration
 * @param p50Micros    median latency of a request (a whole batch when batching)
 * @param p99Micros    99th percentile
 * @param p999Micros   99.9th percentile
 */
record Stats(double opsPerSecond, double minOps, double maxOps, double p50Micros, double p99Micros,
                    double p999Micros) {

    /**
     * Makes a histogram for request latencies in nanoseconds: up to an hour, 3 significant digits.
     *
     * @return an empty histogram
     */
    static Histogram histogram() {
        return new Histogram(3_600_000_000_000L, 3);
    }

    /**
     * Summarises iterations and a latency histogram in nanoseconds.
     *
     * @param iterations operations per second of each iteration
     * @param latency    request latencies
     * @return the summary
     */
    static Stats of(double[] iterations, Histogram latency) {
        double[] sorted = iterations.clone();
        Arrays.sort(sorted);
        return new Stats(median(sorted), sorted[0], sorted[sorted.length - 1],
                latency.getValueAtPercentile(50) / 1e3, latency.getValueAtPercentile(99) / 1e3,
                latency.getValueAtPercentile(99.9) / 1e3);
    }

    /**
     * Returns the median of sorted values.
     *
     * @param sorted values in ascending order
     * @return the median
     */
    static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /**
     * Returns these figures as JSON.
     *
     * @return a JSON object
     */
    JsonObject json() {
        return Json.createObjectBuilder().add("opsPerSecond", Math.round(opsPerSecond)).add("minOps", Math.round(minOps))
                .add("maxOps", Math.round(maxOps)).add("p50Micros", round(p50Micros)).add("p99Micros", round(p99Micros))
                .add("p999Micros", round(p999Micros)).build();
    }

    private static double round(double micros) {
        return Math.round(micros * 10) / 10.0;
    }
}
