package cyberdb.client.remote;

import cyberdb.api.ConnectionException;
import cyberdb.api.CyberClient;
import cyberdb.api.CyberProxy;
import cyberdb.api.ProxyClosedException;
import cyberdb.api.TableKind;
import cyberdb.api.spi.ClientConfig;
import cyberdb.client.wire.Codec;
import cyberdb.client.wire.Op;
import cyberdb.client.wire.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A network client: a few connections that every thread and proxy shares, requests multiplexed
 * over them. A connection is opened when first needed and again after it breaks (a restarted
 * server is reconnected by the next request), and closed after it idled for the idle timeout.
 */
public final class RemoteClient implements CyberClient {

    /** How many requests may wait for an answer on one connection. */
    static final int MAX_IN_FLIGHT = 65_536;

    private final ClientConfig config;
    private final Secrets secrets;
    private final EventLoopGroup loops;
    private final Bootstrap bootstrap;
    private final Slot[] slots;
    private final AtomicLong sessions = new AtomicLong();
    /** Tables this client's proxies opened, created or saw, so reopening one costs no round trip. */
    private final Map<String, TableKind> knownTables = new ConcurrentHashMap<>();
    private volatile boolean closed;
    private final ClientStats stats = new ClientStats();

    /** One of the client's connections, opened on demand. */
    private final class Slot {
        private CompletableFuture<ClientConnection> connection;

        synchronized CompletableFuture<ClientConnection> connection() {
            if (connection == null || connection.isCompletedExceptionally()
                    || connection.isDone() && !connection.join().usable()) {
                long start = System.nanoTime();
                connection = ClientConnection.open(bootstrap, config, secrets, MAX_IN_FLIGHT);
                connection.whenComplete((opened, failure) -> {
                    if (failure == null) {
                        stats.connected(System.nanoTime() - start);
                    } else {
                        stats.failedToConnect();
                    }
                });
            }
            return connection;
        }

        synchronized void closeIdle(long idleNanos) {
            if (connection != null && connection.isDone() && !connection.isCompletedExceptionally()
                    && connection.join().idleNanos() > idleNanos) {
                connection.join().close();
                connection = null;
            }
        }

        /** @return whether this slot's connection is open and authenticated now */
        synchronized boolean open() {
            return connection != null && connection.isDone() && !connection.isCompletedExceptionally()
                    && connection.join().usable();
        }

        /** @return the requests waiting for their answer on this slot's connection */
        synchronized int inFlight() {
            return open() ? connection.join().inFlight() : 0;
        }

        synchronized void close() {
            if (connection != null) {
                connection.thenAccept(ClientConnection::close);
                connection = null;
            }
        }
    }

    RemoteClient(ClientConfig config) {
        this.config = config;
        this.secrets = new Secrets(config.password());
        this.loops = Transport.loops(config.ioThreads(), "cyberdb-client", true);
        this.bootstrap = new Bootstrap().group(loops).channel(Transport.socket())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, config.connectTimeout().toMillis()));
        this.slots = new Slot[config.connections()];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = new Slot();
        }
        long period = Math.max(50, config.idleTimeout().toMillis() / 2);
        loops.scheduleWithFixedDelay(this::closeIdle, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public CyberProxy proxy() {
        checkOpen();
        return new RemoteProxy(this, sessions.incrementAndGet());
    }

    void checkOpen() {
        if (closed) {
            throw new ProxyClosedException("This client was closed; create a new one with CyberDB.connect(...).");
        }
    }

    /** @return what this client counts, for its meters */
    public ClientStats stats() {
        return stats;
    }

    /** @return the connections open and authenticated now */
    public int openConnections() {
        int open = 0;
        for (Slot slot : slots) {
            open += slot.open() ? 1 : 0;
        }
        return open;
    }

    /** @return the requests waiting for their answers, all connections together */
    public int inFlight() {
        int waiting = 0;
        for (Slot slot : slots) {
            waiting += slot.inFlight();
        }
        return waiting;
    }

    /** @return the most connections this client opens at once */
    public int maxConnections() {
        return slots.length;
    }

    Map<String, TableKind> knownTables() {
        return knownTables;
    }

    /**
     * Returns an authenticated connection to send on, waiting for it if it is being opened.
     *
     * @return the connection
     * @throws ConnectionException if the server cannot be reached within the connect timeout
     */
    ClientConnection connection() {
        // The connection itself gives up at the connect timeout, with a message saying how far it got.
        return await(connecting(), config.connectTimeout().plusSeconds(5), "connect to the server");
    }

    /**
     * Returns the connection the calling thread sends on, without waiting for it to open. A
     * thread always uses the same one (while it lasts), so its requests reach the server in the
     * order it made them even when it does not wait for the answers; threads spread over the
     * client's connections.
     *
     * @return the connection, once authenticated
     */
    CompletableFuture<ClientConnection> connecting() {
        checkOpen();
        long spread = Thread.currentThread().threadId() * 0x9E3779B97F4A7C15L;
        CompletableFuture<ClientConnection> connecting = slots[Math.floorMod(Long.hashCode(spread), slots.length)].connection();
        if (!connecting.isDone()) {
            long start = System.nanoTime();
            connecting.whenComplete((connection, failure) -> stats.waited(System.nanoTime() - start));
        }
        return connecting;
    }

    /**
     * Waits for an answer, as the blocking API does.
     *
     * @param answer  the answer to come
     * @param timeout how long to wait
     * @param what    what is waited for, for the message
     * @param <T>     the answer's type
     * @return the answer
     * @throws RuntimeException the error the server answered with, as its own type, or
     *                          {@link ConnectionException} if no answer came
     */
    <T> T await(CompletableFuture<T> answer, Duration timeout, String what) {
        if (!answer.isDone()) {
            checkNotOnIoThread();
        }
        try {
            return answer.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new ConnectionException("Could not " + what + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            answer.cancel(false);
            throw new ConnectionException("No answer from the server at " + config.host() + ":" + config.port()
                    + " within " + timeout.toMillis() + " ms to " + what + "; it may be overloaded or unreachable.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectionException("Interrupted while waiting to " + what, e);
        }
    }

    /**
     * An answer reaches its future through the connection's event loop, so waiting for it there
     * would wait forever: a dependent action of an asynchronous request must not block.
     */
    private void checkNotOnIoThread() {
        for (EventExecutor loop : loops) {
            if (loop.inEventLoop()) {
                throw new IllegalStateException("A blocking CyberDB call was made on the client's I/O thread, from a"
                        + " dependent action of an asynchronous request; its answer would have to come through that same"
                        + " thread. Use async() there too, or a ...Async method of CompletionStage with an executor.");
            }
        }
    }

    Duration requestTimeout() {
        return config.requestTimeout();
    }

    @Override
    public Optional<String> storageProblem() {
        return await(connection().send(Op.PING, "", w -> { }, answer -> Codec.flag(answer)
                ? Optional.of(answer.string()) : Optional.<String>empty()), config.requestTimeout(), "ping the server");
    }

    private void closeIdle() {
        for (Slot slot : slots) {
            slot.closeIdle(config.idleTimeout().toNanos());
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Slot slot : slots) {
            slot.close();
        }
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
}
