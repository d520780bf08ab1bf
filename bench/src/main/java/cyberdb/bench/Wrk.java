package cyberdb.bench;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The HTTP load generator {@code wrk}: 2 threads, 50 connections, latency distribution. */
final class Wrk {

    /**
     * One wrk run.
     *
     * @param requestsPerSecond throughput
     * @param p50Micros         median latency
     * @param p99Micros         99th percentile
     */
    record Run(double requestsPerSecond, double p50Micros, double p99Micros) {
    }

    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern PERCENTILE = Pattern.compile("^\\s+(50|99)(?:\\.000)?%\\s+([0-9.]+)(us|ms|s)\\s*$",
            Pattern.MULTILINE);

    private Wrk() {
    }

    /**
     * Loads a URL.
     *
     * @param url         what to request
     * @param connections concurrent connections
     * @param seconds     how long
     * @param strict      whether a failed request fails the run (warm-ups tolerate the timeouts
     *                    of requests that waited for the pool's first connections)
     * @return the figures
     * @throws IllegalStateException if strict and any response was not 2xx or a socket failed
     */
    static Run run(String url, int connections, int seconds, boolean strict) {
        String output = Processes.run(List.of("wrk", "-t2", "-c" + connections, "-d" + seconds + "s", "--latency", url));
        if (strict && (output.contains("Non-2xx") || output.contains("Socket errors"))) {
            throw new IllegalStateException("wrk saw failures on " + url + ":\n" + output);
        }
        Matcher rate = RATE.matcher(output);
        if (!rate.find()) {
            throw new IllegalStateException("No rate in wrk's output:\n" + output);
        }
        double p50 = Double.NaN;
        double p99 = Double.NaN;
        Matcher percentile = PERCENTILE.matcher(output);
        while (percentile.find()) {
            double micros = Double.parseDouble(percentile.group(2)) * switch (percentile.group(3)) {
                case "us" -> 1;
                case "ms" -> 1_000;
                default -> 1_000_000;
            };
            if (percentile.group(1).equals("50")) {
                p50 = micros;
            } else {
                p99 = micros;
            }
        }
        return new Run(Double.parseDouble(rate.group(1)), p50, p99);
    }
}
