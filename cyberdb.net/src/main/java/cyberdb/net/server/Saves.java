package cyberdb.net.server;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Snapshots asked for by clients, taken one at a time on a thread of their own: requests that
 * arrive before a snapshot starts share it, and one that arrives while a snapshot runs gets the
 * next, so that it covers what was written before it. However many clients ask, there is at most
 * one snapshot running and one waiting, and a single thread.
 */
final class Saves {

    private final ExecutorService thread = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("cyberdb-save").daemon(true).factory());
    /** The snapshot not yet started, which new requests join; guarded by this. */
    private CompletableFuture<Void> next;

    /**
     * Asks for a snapshot.
     *
     * @param save takes it
     * @return completes once a snapshot that started after this call is taken, or with why it failed
     * @throws java.util.concurrent.RejectedExecutionException if the server is stopping
     */
    synchronized CompletableFuture<Void> request(Runnable save) {
        if (next == null) {
            CompletableFuture<Void> snapshot = new CompletableFuture<>();
            thread.execute(() -> {
                synchronized (this) {
                    next = null;   // from now on, requests wait for the one after
                }
                try {
                    save.run();
                    snapshot.complete(null);
                } catch (RuntimeException failed) {
                    snapshot.completeExceptionally(failed);
                }
            });
            next = snapshot;
        }
        return next;
    }

    /**
     * Lets a snapshot in progress finish, up to a deadline.
     *
     * @param millis how long to wait
     * @throws InterruptedException if interrupted while waiting
     */
    void shutdown(long millis) throws InterruptedException {
        thread.shutdown();
        thread.awaitTermination(millis, TimeUnit.MILLISECONDS);
    }
}
