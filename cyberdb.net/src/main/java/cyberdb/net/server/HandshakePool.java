package cyberdb.net.server;

import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The threads that run handshakes' exponentiations, off the event loops. A handshake has two
 * steps, the challenge and the check of the proof; a check goes before any waiting challenge, so
 * in a storm of new connections each one that started finishes soon, instead of every challenge
 * being answered first and every connection finishing together, late, near the deadline. New
 * handshakes are refused beyond a bound; checks are not, since each belongs to a challenge already
 * admitted.
 */
final class HandshakePool {

    /** A step, ordered checks first, then by arrival. */
    private record Step(boolean check, long order, Runnable work) implements Runnable, Comparable<Step> {
        @Override
        public void run() {
            work.run();
        }

        @Override
        public int compareTo(Step other) {
            return check != other.check ? (check ? -1 : 1) : Long.compare(order, other.order);
        }
    }

    private final ThreadPoolExecutor threads;
    private final int maxWaiting;
    private final AtomicLong arrivals = new AtomicLong();

    /**
     * Creates the pool.
     *
     * @param size       how many threads
     * @param maxWaiting how many new handshakes may wait for a thread
     */
    HandshakePool(int size, int maxWaiting) {
        this.threads = new ThreadPoolExecutor(size, size, 0, TimeUnit.MILLISECONDS, new PriorityBlockingQueue<>(),
                Thread.ofPlatform().name("cyberdb-handshake-", 1).daemon(true).factory());
        this.maxWaiting = maxWaiting;
    }

    /**
     * Runs a handshake's challenge step.
     *
     * @param work the step
     * @throws RejectedExecutionException if too many handshakes wait already, or the pool is shut down
     */
    void challenge(Runnable work) {
        if (threads.getQueue().size() >= maxWaiting) {
            throw new RejectedExecutionException("Too many handshakes waiting");
        }
        threads.execute(new Step(false, arrivals.incrementAndGet(), work));
    }

    /**
     * Runs a handshake's check of the proof, ahead of waiting challenges.
     *
     * @param work the step
     * @throws RejectedExecutionException if the pool is shut down
     */
    void check(Runnable work) {
        threads.execute(new Step(true, arrivals.incrementAndGet(), work));
    }

    void shutdownNow() {
        threads.shutdownNow();
    }
}
