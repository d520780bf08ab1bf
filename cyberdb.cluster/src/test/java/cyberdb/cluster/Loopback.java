package cyberdb.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** What the cluster's tests share: ports for members on loopback, and waiting with a deadline. */
final class Loopback {

    static final Duration DEADLINE = Duration.ofSeconds(30);

    private Loopback() {
    }

    /**
     * Ratis's members must know each other's addresses before any starts, so each port is one the
     * system just handed out and this test released: another process could take it in between.
     */
    static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    /** Waits for a condition, failing after the deadline instead of sleeping a fixed time. */
    static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError(what + " within " + DEADLINE);
            }
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
    }
}
