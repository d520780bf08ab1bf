package cyberdb.net.server;

import cyberdb.api.StorageException;
import cyberdb.engine.serve.ServedDatabase;
import cyberdb.net.wire.FrameChannel;
import cyberdb.net.wire.ServerHandshake;
import cyberdb.net.wire.Srp;
import java.io.Closeable;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A running server: the listening socket, the accept loop on its own thread, a platform thread
 * per connection, and the connection limit. Platform rather than virtual threads, because the
 * benchmarks measured them faster and fairer for this blocking request/response loop: one
 * encrypted round trip 34 µs instead of 53 µs, and at 50 clients a median near Redis's instead
 * of a few connections served at once while others waited (bench/results/network.md). Checks that cost nothing come first: an address
 * outside the allowlist is closed before a byte is read, a connection over the limit gets a
 * refusal and is closed.
 */
public final class ServerRuntime implements ServerContext {

    /** A connection's call depth is shallow; a small stack keeps thousands of connections cheap. */
    private static final long CONNECTION_STACK_BYTES = 256 * 1024;

    private static final System.Logger LOG = System.getLogger("cyberdb.net");

    /**
     * Everything a runtime is configured with.
     *
     * @param database         the database served
     * @param verifier         the password verifier
     * @param encrypted        whether frames are sealed
     * @param allowlist        which clients may connect
     * @param maxConnections   the most connections at once
     * @param maxFrameBytes    the largest frame
     * @param handshakeTimeout how long a new connection may take to authenticate
     * @param idleTimeout      how long an authenticated connection may idle, zero for ever
     * @param requestLog       whether each request is logged
     */
    public record Settings(ServedDatabase database, Srp.Verifier verifier, boolean encrypted,
                           Allowlist allowlist, int maxConnections, int maxFrameBytes, Duration handshakeTimeout,
                           Duration idleTimeout, boolean requestLog) {
    }

    private final Settings settings;
    private final ServerSocket listener;
    private final Semaphore permits;
    private final LoginThrottle throttle = new LoginThrottle();
    private final Set<ServerConnection> connections = ConcurrentHashMap.newKeySet();
    private final CountDownLatch stopped = new CountDownLatch(1);
    /** Closes connections whose handshake outlives its deadline, however slowly their bytes trickle in. */
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("cyberdb-handshake-deadlines").daemon(true).factory());
    private volatile boolean closing;

    /**
     * Binds a listening socket, before anything else of a server is opened.
     *
     * @param address        where to listen
     * @param maxConnections the connection limit, which sizes the backlog
     * @return the bound socket
     * @throws StorageException if the address cannot be bound
     */
    public static ServerSocket bind(InetSocketAddress address, int maxConnections) {
        ServerSocket listener = null;
        try {
            listener = new ServerSocket();
            listener.setReuseAddress(true);
            listener.bind(address, Math.min(maxConnections, 4096));
            return listener;
        } catch (IOException e) {
            closeQuietly(listener);
            throw new StorageException("Cannot listen on " + address.getAddress().getHostAddress() + ":" + address.getPort()
                    + ": " + e.getMessage(), e);
        }
    }

    /**
     * Closes a socket that is no longer wanted.
     *
     * @param socket the socket, or {@code null}
     */
    public static void closeQuietly(Closeable socket) {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // It is being given up; nothing depends on it.
            }
        }
    }

    /**
     * Starts accepting on a bound socket.
     *
     * @param listener the socket, from {@link #bind}
     * @param settings the configuration
     */
    public ServerRuntime(ServerSocket listener, Settings settings) {
        this.settings = settings;
        this.permits = new Semaphore(settings.maxConnections());
        this.listener = listener;
        Thread.ofPlatform().name("cyberdb-accept-" + port()).daemon(false).start(this::accept);
    }

    /** @return the bound port */
    public int port() {
        return listener.getLocalPort();
    }

    /** @return the bound address */
    public InetSocketAddress address() {
        return (InetSocketAddress) listener.getLocalSocketAddress();
    }

    private void accept() {
        try {
            while (!closing) {
                Socket socket = listener.accept();
                if (!settings.allowlist().admits(socket.getInetAddress())) {
                    LOG.log(Level.WARNING, "Refused connection from " + socket.getInetAddress()
                            + ": not in the allowlist " + settings.allowlist());
                    socket.close();
                    continue;
                }
                if (!permits.tryAcquire()) {
                    Thread.ofVirtual().start(() -> refuse(socket));
                    continue;
                }
                ServerConnection connection = new ServerConnection(socket, this);
                connections.add(connection);
                if (closing) {
                    connection.shutdown();
                }
                Thread.ofPlatform().daemon().name("cyberdb-connection-" + socket.getInetAddress())
                        .stackSize(CONNECTION_STACK_BYTES).start(connection);
            }
        } catch (IOException e) {
            if (!closing) {
                LOG.log(Level.ERROR, "The server stopped accepting connections", e);
            }
        } finally {
            stopped.countDown();
        }
    }

    private void refuse(Socket socket) {
        LOG.log(Level.WARNING, "Refused connection from " + socket.getInetAddress() + ": at the limit of "
                + settings.maxConnections() + " connections");
        try (FrameChannel channel = new FrameChannel(socket)) {
            ServerHandshake.refuse(channel, "The server is at its limit of " + settings.maxConnections()
                    + " connections; try again later.");
        } catch (IOException ignored) {
            // The client went away first; it was being turned away anyway.
        }
    }

    /**
     * Stops accepting, lets in-flight requests finish, closes every connection and waits up
     * to {@code grace} for them to end.
     *
     * @param grace how long to wait for connections
     */
    public void close(Duration grace) {
        closing = true;
        deadlines.shutdownNow();
        try {
            listener.close();
        } catch (IOException ignored) {
            // Already closed.
        }
        connections.forEach(ServerConnection::shutdown);
        long deadline = System.nanoTime() + grace.toNanos();
        try {
            stopped.await(grace.toMillis(), TimeUnit.MILLISECONDS);
            while (!connections.isEmpty() && System.nanoTime() < deadline) {
                synchronized (connections) {
                    connections.wait(50);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @return how many connections are open */
    public int openConnections() {
        return connections.size();
    }

    @Override
    public void closed(ServerConnection connection) {
        if (connections.remove(connection)) {
            permits.release();
        }
        synchronized (connections) {
            connections.notifyAll();
        }
    }

    @Override
    public Settings settings() {
        return settings;
    }

    @Override
    public LoginThrottle throttle() {
        return throttle;
    }

    @Override
    public Future<?> atHandshakeDeadline(Runnable action) {
        try {
            return deadlines.schedule(action, settings.handshakeTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            action.run();
            return CompletableFuture.completedFuture(null);
        }
    }
}
