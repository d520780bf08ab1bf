package cyberdb.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntFunction;
import java.util.stream.Stream;

/**
 * Threads that between them use every connection of one CyberClient. The client sends a thread's
 * requests on the connection its thread id hashes to, so that one thread's requests stay in
 * order; nothing in the API opens a given connection. These threads are picked by that same hash
 * ({@code RemoteClient.connecting()}), one per connection, and {@link #sockets()} lets the caller
 * check that the connections were indeed all opened, should the client's choice ever change.
 */
final class ConnectionSpread {

    private ConnectionSpread() {
    }

    /**
     * Makes one unstarted virtual thread per connection of a client.
     *
     * @param connections the client's {@code connections(n)}
     * @param task        what the thread for connection i runs
     * @return the threads, by connection
     */
    static Thread[] threads(int connections, IntFunction<Runnable> task) {
        Thread[] threads = new Thread[connections];
        Runnable[] tasks = new Runnable[connections];
        int found = 0;
        while (found < connections) {
            // A thread's id is fixed when it is made: make threads until each connection has one.
            int[] slot = new int[1];
            Thread candidate = Thread.ofVirtual().unstarted(() -> tasks[slot[0]].run());
            slot[0] = Math.floorMod(Long.hashCode(candidate.threadId() * 0x9E3779B97F4A7C15L), connections);
            if (threads[slot[0]] == null) {
                threads[slot[0]] = candidate;
                tasks[slot[0]] = task.apply(slot[0]);
                found++;
            }
        }
        return threads;
    }

    /**
     * Counts this process's sockets.
     *
     * @return open sockets, connected or not
     */
    static long sockets() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().startsWith("socket:");
                } catch (IOException gone) {
                    return false;
                }
            }).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
