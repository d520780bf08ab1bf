package cyberdb.net.client;

import cyberdb.api.ConnectionException;
import cyberdb.api.CyberClient;
import cyberdb.api.CyberProxy;
import cyberdb.api.ProxyClosedException;
import cyberdb.api.TableKind;
import cyberdb.api.spi.ClientConfig;
import cyberdb.net.wire.ClientHandshake;
import cyberdb.net.wire.Codec;
import cyberdb.net.wire.Op;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A network client: the connection pool its proxies borrow from. At most {@code poolSize}
 * connections are open. Before a pooled connection is lent it is checked: one the server has
 * closed (a restart) is replaced at once, one idle for more than a second is pinged, and one idle
 * beyond the idle timeout is closed. A sweeper closes those too, so the server is not left
 * holding them.
 */
final class NetClient implements CyberClient {

    private static final long VALIDATE_AFTER_NANOS = Duration.ofSeconds(1).toNanos();

    private final ClientConfig config;
    private final ClientHandshake handshake;
    private final Semaphore permits;
    private final Deque<Connection> idle = new ArrayDeque<>();
    private final ScheduledExecutorService sweeper;
    /** Tables this client's proxies opened, created or saw, so reopening one costs no round trip. */
    private final Map<String, TableKind> knownTables = new ConcurrentHashMap<>();
    private volatile boolean closed;

    NetClient(ClientConfig config) {
        this.config = config;
        this.handshake = new ClientHandshake(config.password());
        this.permits = new Semaphore(config.poolSize(), true);
        this.sweeper = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("cyberdb-pool-sweeper").daemon(true).factory());
        long period = Math.max(50, config.idleTimeout().toMillis() / 2);
        sweeper.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public CyberProxy proxy() {
        checkOpen();
        return new NetProxy(this);
    }

    private void checkOpen() {
        if (closed) {
            throw new ProxyClosedException("This client was closed; create a new one with CyberDB.connect(...).");
        }
    }

    Map<String, TableKind> knownTables() {
        return knownTables;
    }

    Connection borrow() {
        checkOpen();
        try {
            if (!permits.tryAcquire(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                throw new ConnectionException("All " + config.poolSize() + " pooled connections stayed in use for "
                        + config.connectTimeout() + ". Close proxies when done, or raise the pool size.");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectionException("Interrupted while waiting for a pooled connection", e);
        }
        try {
            return usableConnection();
        } catch (RuntimeException e) {
            permits.release();
            throw e;
        }
    }

    private Connection usableConnection() {
        Connection connection;
        while ((connection = takeIdle()) != null) {
            if (connection.idleNanos() > config.idleTimeout().toNanos() || connection.peerClosed()) {
                connection.close();
            } else if (connection.idleNanos() < VALIDATE_AFTER_NANOS || alive(connection)) {
                return connection;
            }
        }
        return Connection.open(config, handshake);
    }

    @Override
    public Optional<String> storageProblem() {
        Connection connection = borrow();
        try {
            return ping(connection);
        } finally {
            giveBack(connection);
        }
    }

    private static Optional<String> ping(Connection connection) {
        return connection.call(Op.PING, "", w -> { }, r -> Codec.flag(r) ? Optional.of(r.string()) : Optional.empty());
    }

    private static boolean alive(Connection connection) {
        try {
            ping(connection);
            return true;
        } catch (ConnectionException gone) {
            return false;
        }
    }

    private synchronized Connection takeIdle() {
        return idle.pollFirst();
    }

    void giveBack(Connection connection) {
        boolean keep;
        synchronized (this) {
            keep = !closed && !connection.broken();
            if (keep) {
                idle.addFirst(connection);
            }
        }
        if (!keep) {
            connection.close();
        }
        permits.release();
    }

    private void sweep() {
        List<Connection> expired = new ArrayList<>();
        synchronized (this) {
            idle.removeIf(c -> c.idleNanos() > config.idleTimeout().toNanos() && expired.add(c));
        }
        expired.forEach(Connection::close);
    }

    /** @return connections lent to proxies right now */
    int inUse() {
        return config.poolSize() - permits.availablePermits();
    }

    /** @return connections open and waiting in the pool */
    synchronized int idleCount() {
        return idle.size();
    }

    @Override
    public void close() {
        List<Connection> open;
        synchronized (this) {
            closed = true;
            open = new ArrayList<>(idle);
            idle.clear();
        }
        open.forEach(Connection::close);
        sweeper.shutdownNow();
    }
}
