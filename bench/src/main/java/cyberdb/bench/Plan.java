package cyberdb.bench;

import java.time.Duration;

/**
 * How long a measurement runs: a warm-up whose results are dropped, then several iterations
 * whose median is quoted and whose spread is shown.
 *
 * @param warmUp     the discarded start
 * @param iterations how many measured iterations
 * @param iteration  the length of each
 */
record Plan(Duration warmUp, int iterations, Duration iteration) {

    /**
     * The plan for a run.
     *
     * @param quick whether {@code --quick} was given
     * @return 0.5 s warm-up and 3 iterations of 0.5 s when quick, else 2 s and 5 of 2 s
     */
    static Plan of(boolean quick) {
        return quick ? new Plan(Duration.ofMillis(500), 3, Duration.ofMillis(500))
                : new Plan(Duration.ofSeconds(2), 5, Duration.ofSeconds(2));
    }
}
