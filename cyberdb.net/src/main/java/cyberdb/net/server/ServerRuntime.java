package cyberdb.net.server;

import cyberdb.api.CyberDB;
import cyberdb.api.StorageException;
import cyberdb.client.wire.FrameDecoder;
import cyberdb.client.wire.FrameEncoder;
import cyberdb.client.wire.Handshake;
import cyberdb.client.wire.ReceiveBudget;
import cyberdb.client.wire.Srp;
import cyberdb.client.wire.Transport;
import cyberdb.engine.serve.ServedDatabase;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.lang.System.Logger.Level;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.SequencedMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A running server: a few event loops (as many as configured, by default one per core) that
 * accept connections and carry every connection's reads and writes, so threads do not grow with
 * connections. Checks that cost nothing come first: an address outside the allowlist is closed
 * before a byte is read, a connection over the limit gets a refusal and is closed. The handshake's
 * modular exponentiations run on a small pool of their own, bounded, so that a storm of
 * connections neither stalls the loops nor queues without end.
 */
public final class ServerRuntime {

    private static final System.Logger LOG = System.getLogger("cyberdb.net");

    /**
     * Everything a runtime is configured with.
     *
     * @param database          the database served
     * @param verifier          the password verifier
     * @param encrypted         whether frames are sealed
     * @param allowlist         which clients may connect
     * @param maxConnections    the most connections at once
     * @param maxFrameBytes     the largest frame
     * @param handshakeTimeout  how long a new connection may take to authenticate
     * @param idleTimeout       how long an authenticated connection may idle, zero for ever
     * @param requestLog        whether each request is logged
     * @param ioThreads         how many event loops
     * @param maxInFlight       how many requests of one connection may wait for an answer
     * @param maxOutputBytes    how many answer bytes may wait for a client that does not read
     * @param pendingHandshakes how many handshakes may wait for the handshake pool
     * @param receiveBytes      how many bytes large frames still arriving may hold, all connections together
     * @param maxOutputStall    how long a client may leave its answers unread before it is disconnected
     * @param stats             where connections and requests are counted
     * @param replication       where requests that change the database go, for a cluster member;
     *                          {@code null} for a server that runs them itself
     */
    public record Settings(ServedDatabase database, Srp.Verifier verifier, boolean encrypted, Allowlist allowlist,
                           int maxConnections, int maxFrameBytes, Duration handshakeTimeout, Duration idleTimeout,
                           boolean requestLog, int ioThreads, int maxInFlight, long maxOutputBytes,
                           int pendingHandshakes, long receiveBytes, Duration maxOutputStall, ServerStats stats,
                           Replication replication) {
    }

    /**
     * Handles an {@link OutOfMemoryError} that reached a connection's handler: the connection is
     * closed (freeing what it held), and the database refuses from now on the writes that would
     * need more memory, so the server stays reachable for reads, removals and saves instead of
     * failing wherever the next allocation happens.
     *
     * @param error   the error
     * @param address the client whose request ran into it
     */
    void ranOutOfHeap(OutOfMemoryError error, Object address) {
        settings.database().ranOutOfHeap();
        LOG.log(Level.ERROR, "The server ran out of memory serving " + address + " (" + error.getMessage() + "); that"
                + " connection was closed, and writes that need more memory are refused from now on, while reads,"
                + " removals and saves go on. Give the JVM more heap (-Xmx), or set a lower --max-memory.");
    }

    private final Settings settings;
    private final ReceiveBudget receiving;
    private final EventLoopGroup loops;
    private final Channel listener;
    private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final AtomicInteger open = new AtomicInteger();
    private final LoginThrottle throttle = new LoginThrottle();
    private final HandshakePool handshakes;
    /** Snapshots clients ask for, which wait on the disk: off the event loops, one at a time. */
    private final Saves saves = new Saves();

    private ServerRuntime(Settings settings, EventLoopGroup loops, Channel listener, HandshakePool handshakes) {
        this.settings = settings;
        this.receiving = new ReceiveBudget(settings.receiveBytes());
        this.loops = loops;
        this.listener = listener;
        this.handshakes = handshakes;
    }

    /**
     * Binds the listening socket, before anything else of a server is opened, and returns what
     * {@link #start} needs to serve on it.
     *
     * @param address   where to listen
     * @param ioThreads how many event loops
     * @param backlog   how many connections may wait to be accepted
     * @return the bound socket and its loops
     * @throws StorageException if the address cannot be bound
     */
    public static Bound bind(InetSocketAddress address, int ioThreads, int backlog) {
        EventLoopGroup loops = Transport.loops(ioThreads, "cyberdb-io", false);
        Bound bound = new Bound(loops);
        ChannelFuture binding = new ServerBootstrap().group(loops).channel(Transport.serverSocket())
                .option(ChannelOption.SO_BACKLOG, backlog)
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.AUTO_READ, false)
                .childHandler(bound)
                .bind(address).awaitUninterruptibly();
        if (!binding.isSuccess()) {
            loops.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            Throwable cause = binding.cause();
            // The native transport reports bind failures in its own exception ("bind(..) failed: ...");
            // callers look for the JDK's BindException and its words.
            if (!(cause instanceof BindException)) {
                BindException bind = new BindException(String.valueOf(cause.getMessage()).replaceFirst("^bind\\(\\.\\.\\) failed: ", ""));
                bind.initCause(cause);
                cause = bind;
            }
            throw new StorageException("Cannot listen on " + address.getAddress().getHostAddress() + ":" + address.getPort()
                    + ": " + cause.getMessage(), cause);
        }
        bound.listener = binding.channel();
        return bound;
    }

    /** A bound socket whose connections wait (unread) until {@link #start} installs the server. */
    public static final class Bound extends ChannelInitializer<SocketChannel> {
        private final EventLoopGroup loops;
        private Channel listener;
        private volatile ServerRuntime runtime;

        private Bound(EventLoopGroup loops) {
            this.loops = loops;
        }

        /**
         * Returns the bound address.
         *
         * @return where the socket listens
         */
        public InetSocketAddress address() {
            return (InetSocketAddress) listener.localAddress();
        }

        /** Lets go of the socket and its loops, for a start that failed after binding. */
        public void close() {
            listener.close().syncUninterruptibly();
            loops.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
        }

        @Override
        protected void initChannel(SocketChannel channel) {
            runtime.admit(channel);
        }
    }

    /**
     * Starts serving on a bound socket.
     *
     * @param bound    the socket, from {@link #bind}
     * @param settings the configuration
     * @return the running server
     */
    public static ServerRuntime start(Bound bound, Settings settings) {
        int cores = Runtime.getRuntime().availableProcessors();
        HandshakePool handshakes = new HandshakePool(cores, settings.pendingHandshakes());
        ServerRuntime runtime = new ServerRuntime(settings, bound.loops, bound.listener, handshakes);
        bound.runtime = runtime;
        // Connections made while the data file loaded waited in the backlog; they are accepted now.
        bound.listener.config().setAutoRead(true);
        return runtime;
    }

    /** @return the bound port */
    public int port() {
        return address().getPort();
    }

    /** @return the bound address */
    public InetSocketAddress address() {
        return (InetSocketAddress) listener.localAddress();
    }

    /** @return how many connections are open */
    public int openConnections() {
        return open.get();
    }

    private void admit(SocketChannel channel) {
        InetSocketAddress remote = channel.remoteAddress();
        if (!settings.allowlist().admits(remote.getAddress())) {
            LOG.log(Level.WARNING, "Refused connection from " + remote.getAddress() + ": not in the allowlist "
                    + settings.allowlist());
            settings.stats().refused();
            channel.close();
            return;
        }
        if (open.incrementAndGet() > settings.maxConnections()) {
            open.decrementAndGet();
            settings.stats().refused();
            LOG.log(Level.WARNING, "Refused connection from " + remote.getAddress() + ": at the limit of "
                    + settings.maxConnections() + " connections");
            channel.pipeline().addLast(FrameEncoder.INSTANCE);
            channel.writeAndFlush(Unpooled.wrappedBuffer(Handshake.text(Handshake.REFUSE, "The server is at its limit of "
                    + settings.maxConnections() + " connections; try again later."))).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        settings.stats().accepted();
        channel.closeFuture().addListener(closed -> open.decrementAndGet());
        connections.add(channel);
        channel.config().setOption(ChannelOption.TCP_NODELAY, true);
        channel.config().setAllocator(PooledByteBufAllocator.DEFAULT);
        // Reading stops while this many answer bytes wait for the client (see Dispatcher).
        channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(256 * 1024, 1024 * 1024));
        channel.pipeline()
                .addLast("frames", new FrameDecoder(receiving))
                .addLast("length", FrameEncoder.INSTANCE)
                .addLast("handshake", new ServerHandshake(this));
    }

    Settings settings() {
        return settings;
    }

    /**
     * The whole of {@code info} (see {@link cyberdb.api.DatabaseInfo}): the server's sections
     * around the database's.
     *
     * @return the sections by name
     */
    public SequencedMap<String, Object> info() {
        ServerStats stats = settings.stats();
        SequencedMap<String, Object> server = new LinkedHashMap<>();
        server.put("version", CyberDB.version());
        server.put("mode", "server");
        server.put("uptime_seconds", stats.uptimeSeconds());
        server.put("jdk", Runtime.version().toString());
        server.put("pid", ProcessHandle.current().pid());
        InetSocketAddress address = address();
        server.put("address", address.getAddress().getHostAddress() + ":" + address.getPort());
        server.put("encrypted", settings.encrypted());
        server.put("io_threads", (long) settings.ioThreads());
        SequencedMap<String, Object> clients = new LinkedHashMap<>();
        clients.put("connected", (long) open.get());
        clients.put("max_connections", (long) settings.maxConnections());
        clients.put("accepted_total", stats.acceptedTotal());
        clients.put("refused_total", stats.refusedTotal());
        SequencedMap<String, SequencedMap<String, Object>> database = settings.database().infoSections();
        SequencedMap<String, Object> sections = new LinkedHashMap<>();
        sections.put("server", server);
        sections.put("clients", clients);
        sections.put("memory", database.get("memory"));
        sections.put("persistence", database.get("persistence"));
        if (settings.replication() != null) {
            sections.put("replication", settings.replication().info());
        }
        sections.put("stats", stats.statsSection());
        sections.put("tables", database.get("tables"));
        return sections;
    }

    LoginThrottle throttle() {
        return throttle;
    }

    HandshakePool handshakes() {
        return handshakes;
    }

    Saves saves() {
        return saves;
    }

    /**
     * Stops accepting, lets in-flight requests finish, closes every connection, and waits up to
     * {@code grace} for it all.
     *
     * @param grace how long to wait for connections
     */
    public void close(Duration grace) {
        listener.close().syncUninterruptibly();
        connections.forEach(channel -> channel.pipeline().fireUserEventTriggered(Dispatcher.DRAIN));
        long deadline = System.nanoTime() + grace.toNanos();
        connections.newCloseFuture().awaitUninterruptibly(Math.max(1, grace.toMillis()));
        connections.close().awaitUninterruptibly(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        handshakes.shutdownNow();
        try {
            saves.shutdown(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
