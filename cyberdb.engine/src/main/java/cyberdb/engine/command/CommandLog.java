package cyberdb.engine.command;

import java.util.concurrent.CompletableFuture;

/**
 * Receives every command the engine applies, in application order, while the engine's write
 * lock is held: the seam for a journal or a replication log. An exception from
 * {@link #append(Command)} aborts the mutation before it changes anything.
 */
@FunctionalInterface
public interface CommandLog {

    /** A log that keeps nothing: the engine's default, snapshot-only persistence. */
    CommandLog NONE = command -> { };

    /**
     * Records a command before it is applied.
     *
     * @param command the command
     */
    void append(Command command);

    /**
     * Returns a position after everything appended so far; read under the write lock.
     *
     * @return the position
     */
    default long mark() {
        return 0;
    }

    /**
     * Waits, outside the write lock, until everything up to {@code mark} is as durable as the
     * log promises; a log that forces to disk does it here, once for all waiting writers.
     *
     * @param mark a position from {@link #mark()}
     */
    default void awaitDurable(long mark) {
    }

    /**
     * Tells when everything up to {@code mark} is as durable as the log promises, without
     * waiting: for callers, such as a server's event loop, that must not block on the disk.
     *
     * @param mark a position from {@link #mark()}
     * @return a future completed when it is, or exceptionally if the log cannot make it so
     */
    default CompletableFuture<Void> whenDurable(long mark) {
        awaitDurable(mark);
        return CompletableFuture.completedFuture(null);
    }
}
