package cyberdb.net;

import cyberdb.api.ClientBuilder;
import cyberdb.api.CyberDB;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

/** Shared fixtures: servers on 127.0.0.1, port 0, and clients for them. */
public final class Servers {

    public static final String PASSWORD = "correct horse battery staple";

    private Servers() {
    }

    public static CyberServer start(UnaryOperator<CyberServer.Builder> settings) {
        return settings.apply(CyberServer.builder().host("127.0.0.1").port(0).password(PASSWORD)).build().start();
    }

    public static CyberServer start() {
        return start(b -> b);
    }

    public static ClientBuilder client(CyberServer server) {
        return CyberDB.client().host("127.0.0.1").port(server.port()).password(PASSWORD);
    }

    /** Waits for a condition with a deadline, polling: how tests wait for the other side. */
    public static void await(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("Condition not met within " + timeout);
            }
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
    }
}
