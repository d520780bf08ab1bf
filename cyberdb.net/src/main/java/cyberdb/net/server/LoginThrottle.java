package cyberdb.net.server;

import java.net.InetAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Slows password guessing: each failed login from an address doubles the delay before its next
 * failure is answered, from 100 ms up to 10 s; a success or a quiet quarter of an hour forgets
 * the address. At most 10,000 addresses are remembered, the oldest forgotten first, so the
 * throttle itself cannot be used to exhaust memory.
 */
final class LoginThrottle {

    private static final Duration FIRST = Duration.ofMillis(100);
    private static final Duration MAX = Duration.ofSeconds(10);
    private static final long FORGET_NANOS = Duration.ofMinutes(15).toNanos();
    private static final int MAX_ADDRESSES = 10_000;

    private record Failures(int count, long lastNanos) {
    }

    private final Map<InetAddress, Failures> failures = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<InetAddress, Failures> eldest) {
            return size() > MAX_ADDRESSES;
        }
    };

    synchronized Duration delayFor(InetAddress address) {
        Failures previous = failures.get(address);
        if (previous == null || System.nanoTime() - previous.lastNanos() > FORGET_NANOS) {
            return FIRST;
        }
        int shift = Math.min(previous.count(), 7);
        Duration delay = FIRST.multipliedBy(1L << shift);
        return delay.compareTo(MAX) > 0 ? MAX : delay;
    }

    synchronized int failed(InetAddress address) {
        Failures previous = failures.get(address);
        int count = previous == null ? 1 : previous.count() + 1;
        failures.put(address, new Failures(count, System.nanoTime()));
        return count;
    }

    synchronized void succeeded(InetAddress address) {
        failures.remove(address);
    }
}
