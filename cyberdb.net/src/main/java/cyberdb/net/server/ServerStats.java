package cyberdb.net.server;

import cyberdb.api.SlowRequest;
import cyberdb.client.wire.Op;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a server counts about its connections and requests, for {@code info}, the slow log and
 * the metrics: counters that event loops add to without contention, and the last
 * {@value #SLOW_LOG_LENGTH} slow requests. Always on, since a request costs it two reads of
 * the clock and a few additions.
 */
public final class ServerStats {

    /** How many slow requests are kept, as Redis's default {@code slowlog-max-len}. */
    public static final int SLOW_LOG_LENGTH = 128;

    /** Sees every request served, with its duration: the metrics, when there are any. */
    public interface RequestObserver {
        /** Observes nothing. */
        RequestObserver NONE = (op, nanos, status) -> { };

        /**
         * Observes one request.
         *
         * @param op     the operation
         * @param nanos  how long it ran
         * @param status the status code it was answered with, 0 for success
         */
        void served(Op op, long nanos, int status);
    }

    private final long startedNanos = System.nanoTime();
    private final long slowNanos;
    private final LongAdder accepted = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final LongAdder failedLogins = new LongAdder();
    private final LongAdder requests = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder bytesIn = new LongAdder();
    private final LongAdder bytesOut = new LongAdder();
    private final LongAdder slowRequests = new LongAdder();
    private final ArrayDeque<SlowRequest> slowLog = new ArrayDeque<>(SLOW_LOG_LENGTH);
    private volatile RequestObserver observer = RequestObserver.NONE;

    /**
     * @param slowThreshold how long a request must run to be logged as slow
     */
    public ServerStats(Duration slowThreshold) {
        this.slowNanos = slowThreshold.toNanos();
    }

    /**
     * Lets metrics see every request from now on.
     *
     * @param observer the metrics
     */
    public void observeRequests(RequestObserver observer) {
        this.observer = observer;
    }

    void accepted() {
        accepted.increment();
    }

    void refused() {
        refused.increment();
    }

    void failedLogin() {
        failedLogins.increment();
    }

    void received(int bytes) {
        bytesIn.add(bytes);
    }

    void sent(long bytes) {
        bytesOut.add(bytes);
    }

    /**
     * Counts a request that ran, and logs it if it was slow.
     *
     * @param op     the operation
     * @param table  the table, empty for none
     * @param nanos  how long it ran
     * @param status the status code it was answered with
     * @param client the client's address
     */
    void served(Op op, String table, long nanos, int status, InetAddress client) {
        requests.increment();
        if (status != 0) {
            errors.increment();
        }
        observer.served(op, nanos, status);
        if (nanos >= slowNanos) {
            slowRequests.increment();
            SlowRequest slow = new SlowRequest(Instant.now().minusNanos(nanos), Duration.ofNanos(nanos), op.name(), table,
                    client.getHostAddress());
            synchronized (slowLog) {
                if (slowLog.size() == SLOW_LOG_LENGTH) {
                    slowLog.removeFirst();
                }
                slowLog.addLast(slow);
            }
        }
    }

    /**
     * Lists the latest slow requests, newest first.
     *
     * @param max the most to list
     * @return at most {@code max} of them
     */
    public List<SlowRequest> slowRequests(int max) {
        List<SlowRequest> latest = new ArrayList<>(Math.min(max, SLOW_LOG_LENGTH));
        synchronized (slowLog) {
            for (Iterator<SlowRequest> newest = slowLog.descendingIterator(); newest.hasNext() && latest.size() < max; ) {
                latest.add(newest.next());
            }
        }
        return latest;
    }

    /** @return how long ago the server started, in seconds */
    long uptimeSeconds() {
        return (System.nanoTime() - startedNanos) / 1_000_000_000L;
    }

    /** @return the connections accepted so far */
    public long acceptedTotal() {
        return accepted.sum();
    }

    /** @return the connections refused so far (over the limit or outside the allowlist) */
    public long refusedTotal() {
        return refused.sum();
    }

    /** @return the failed logins so far */
    public long failedLoginsTotal() {
        return failedLogins.sum();
    }

    /** @return the requests served so far */
    public long requestsTotal() {
        return requests.sum();
    }

    /** @return the requests answered with an error so far */
    public long errorsTotal() {
        return errors.sum();
    }

    /** @return the bytes of the requests received so far, as decoded (after decryption) */
    public long bytesInTotal() {
        return bytesIn.sum();
    }

    /** @return the bytes of the answers sent so far, before encryption */
    public long bytesOutTotal() {
        return bytesOut.sum();
    }

    /** @return the stats section of {@code info} */
    SequencedMap<String, Object> statsSection() {
        SequencedMap<String, Object> stats = new LinkedHashMap<>();
        stats.put("requests_total", requestsTotal());
        stats.put("errors_total", errorsTotal());
        stats.put("failed_logins_total", failedLoginsTotal());
        stats.put("bytes_in_total", bytesInTotal());
        stats.put("bytes_out_total", bytesOutTotal());
        stats.put("slow_requests_total", slowRequests.sum());
        stats.put("slowlog_micros", slowNanos / 1000);
        return stats;
    }
}
