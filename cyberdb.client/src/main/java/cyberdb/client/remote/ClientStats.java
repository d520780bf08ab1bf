package cyberdb.client.remote;

import cyberdb.client.wire.Op;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a network client counts about its connections, for its meters
 * ({@link cyberdb.client.metrics.CyberClientMetrics}): counters that any thread adds to without
 * contention, always on. Requests (their time and errors) go to the meters' observer, when one is set.
 */
public final class ClientStats {

    /** Sees every request answered, with its time: the meters, when there are any. */
    public interface RequestObserver {
        /** Observes nothing. */
        RequestObserver NONE = (op, nanos, failure) -> { };

        /**
         * Observes one request.
         *
         * @param op      the operation
         * @param nanos   from the call until its answer, waiting for a connection included
         * @param failure what it failed with, or {@code null}
         */
        void answered(Op op, long nanos, Throwable failure);
    }

    private final LongAdder opened = new LongAdder();
    private final LongAdder connectNanos = new LongAdder();
    private final LongAdder failedConnects = new LongAdder();
    private final LongAdder waits = new LongAdder();
    private final LongAdder waitNanos = new LongAdder();
    private volatile RequestObserver observer = RequestObserver.NONE;

    ClientStats() {
    }

    /**
     * Lets meters see every request from now on.
     *
     * @param observer the meters
     */
    public void observeRequests(RequestObserver observer) {
        this.observer = observer;
    }

    void answered(Op op, long nanos, Throwable failure) {
        observer.answered(op, nanos, failure);
    }

    void connected(long nanos) {
        opened.increment();
        connectNanos.add(nanos);
    }

    void failedToConnect() {
        failedConnects.increment();
    }

    void waited(long nanos) {
        waits.increment();
        waitNanos.add(nanos);
    }

    /** @return the connections opened and authenticated so far: a client's first ones, and any after one broke or idled */
    public long connectionsOpened() {
        return opened.sum();
    }

    /** @return the time those connections took to connect and authenticate, in nanoseconds */
    public long connectNanos() {
        return connectNanos.sum();
    }

    /** @return the attempts to connect that failed */
    public long failedConnects() {
        return failedConnects.sum();
    }

    /** @return the requests that waited for a connection to open before they could be sent */
    public long waits() {
        return waits.sum();
    }

    /** @return the time they waited, in nanoseconds */
    public long waitNanos() {
        return waitNanos.sum();
    }
}
