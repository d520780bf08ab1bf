package cyberdb.net;

import cyberdb.api.Durability;
import cyberdb.api.EmbeddedClient;
import cyberdb.api.StorageException;
import cyberdb.api.spi.EmbeddedConfig;
import cyberdb.client.wire.Srp;
import cyberdb.engine.serve.ServedDatabase;
import cyberdb.net.metrics.MetricsEndpoint;
import cyberdb.net.server.Allowlist;
import cyberdb.net.server.ServerRuntime;
import cyberdb.net.server.ServerStats;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;

/**
 * A CyberDB server: an in-process database served over TCP to clients that know the password.
 *
 * {@snippet :
 * try (CyberServer server = CyberServer.builder()
 *         .port(9980)
 *         .password(secret)
 *         .dataFile(Path.of("data.cdb"))
 *         .backupEvery(Duration.ofMinutes(5))
 *         .build()
 *         .start()) {
 *     ...
 * }
 * }
 *
 * <p>Safe by default: traffic is encrypted, only loopback clients are admitted, and a plaintext
 * server refuses to listen beyond loopback unless told to. The password never crosses the wire:
 * clients prove they know it with SRP-6a, and the server keeps only a verifier.
 */
public final class CyberServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("cyberdb.net");

    /** The settings a built server keeps; immutable, unlike the builder, and without the password. */
    private record Config(InetAddress address, int port, Srp.Verifier verifier, int maxConnections, Duration idleTimeout,
                          Duration handshakeTimeout, boolean encrypted, List<String> allowed, Path dataFile,
                          Duration backupEvery, boolean requestLog, int maxFrameBytes, Durability durability,
                          boolean truncateJournalAtError, int ioThreads, int maxInFlight, long maxOutputBytes,
                          int pendingHandshakes, long maxMemory, long receiveBytes, Duration maxOutputStall,
                          Duration slowlogThreshold, int metricsPort) {
    }

    private final Config config;
    private final CountDownLatch closed = new CountDownLatch(1);
    private ServedDatabase database;
    private ServerRuntime runtime;
    private final ServerStats stats;
    private MetricsEndpoint metrics;

    private CyberServer(Config config) {
        this.config = config;
        this.stats = new ServerStats(config.slowlogThreshold());
    }

    /**
     * Starts configuring a server.
     *
     * @return a builder with safe defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Binds the port, opens the data file (taking ownership of it, loading it and replaying its
     * journal), and starts serving in the background. The port comes first: a server that cannot
     * listen has not touched its files. A start that fails leaves nothing open.
     *
     * @return this server
     * @throws StorageException      if the port cannot be bound or the data file cannot be opened
     * @throws cyberdb.api.FileInUseException   if another process owns the data file
     * @throws cyberdb.api.CorruptFileException if the data file or its journal is damaged
     * @throws IllegalStateException if already started
     */
    public synchronized CyberServer start() {
        if (runtime != null) {
            throw new IllegalStateException("The server was already started");
        }
        if (closed.getCount() == 0) {
            throw new IllegalStateException("The server was closed; build a new one");
        }
        ServerRuntime.Bound listener = ServerRuntime.bind(new InetSocketAddress(config.address(), config.port()),
                config.ioThreads(), Math.min(config.maxConnections(), 4096));
        ServedDatabase opened = null;
        try {
            opened = config.dataFile() == null
                    ? ServedDatabase.inMemory(config.maxMemory())
                    : ServedDatabase.open(new EmbeddedConfig(config.dataFile(), config.durability(),
                            config.truncateJournalAtError(), true, false, config.maxMemory()));
            if (config.backupEvery() != null) {
                opened.client().backupEvery(config.dataFile(), config.backupEvery());
            }
            runtime = ServerRuntime.start(listener, new ServerRuntime.Settings(opened, config.verifier(), config.encrypted(),
                    Allowlist.of(config.allowed()), config.maxConnections(), config.maxFrameBytes(),
                    config.handshakeTimeout(), config.idleTimeout(), config.requestLog(), config.ioThreads(),
                    config.maxInFlight(), config.maxOutputBytes(), config.pendingHandshakes(), config.receiveBytes(),
                    config.maxOutputStall(), stats, null));
        } catch (RuntimeException e) {
            listener.close();
            if (opened != null) {
                opened.close();
            }
            throw e;
        }
        database = opened;
        LOG.log(Level.INFO, "CyberDB listening on " + hostAndPort(runtime.address()) + ", " + (config.encrypted() ? "encrypted" : "PLAINTEXT")
                + ", allowing " + config.allowed() + ", data file " + (config.dataFile() == null ? "none"
                        : config.dataFile() + " (" + describe(config.durability()) + ")")
                + (config.backupEvery() == null ? "" : ", saved every " + config.backupEvery().toSeconds() + " s"));
        if (config.metricsPort() >= 0) {
            metrics = serveMetrics();
        }
        return this;
    }

    /** Starts {@code /metrics}; the server stops again if it cannot, as when its port is taken. */
    private MetricsEndpoint serveMetrics() {
        ServerRuntime serving = runtime;
        try {
            MetricsEndpoint endpoint = MetricsEndpoint.start(new InetSocketAddress(config.address(), config.metricsPort()),
                    Allowlist.of(config.allowed())::admits, stats, serving::openConnections, serving::info);
            LOG.log(Level.INFO, "Metrics at http://" + hostAndPort(new InetSocketAddress(config.address(), endpoint.port()))
                    + "/metrics");
            return endpoint;
        } catch (IOException | RuntimeException e) {
            close();
            throw new StorageException("Cannot serve metrics on " + config.address().getHostAddress() + ":"
                    + config.metricsPort() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Returns the port {@code /metrics} is served on, as asked with {@link Builder#metricsPort}
     * (the one picked, if 0 was asked).
     *
     * @return the port
     * @throws IllegalStateException if not started, or started without metrics
     */
    public synchronized int metricsPort() {
        running();
        if (metrics == null) {
            throw new IllegalStateException("This server serves no metrics: call metricsPort(...) on its builder");
        }
        return metrics.port();
    }

    /** {@code 127.0.0.1:9980}, {@code [::1]:9980}: how people write an address and port. */
    private static String hostAndPort(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    private static String describe(Durability durability) {
        return switch (durability) {
            case SNAPSHOT_ONLY -> "snapshots only";
            case JOURNAL_NO_FSYNC -> "journal, fsync none";
            case JOURNAL_FSYNC_EVERY_SECOND -> "journal, fsync everysec";
            case JOURNAL_FSYNC_ALWAYS -> "journal, fsync always";
        };
    }

    /**
     * Starts the server if needed and blocks until it is closed, from another thread or a
     * shutdown hook.
     *
     * @throws InterruptedException if the waiting thread is interrupted
     */
    public void run() throws InterruptedException {
        synchronized (this) {
            if (runtime == null) {
                start();
            }
        }
        closed.await();
    }

    /**
     * Returns the port the server listens on, useful after {@code port(0)}.
     *
     * @return the bound port
     * @throws IllegalStateException if not started
     */
    public int port() {
        return running().port();
    }

    /**
     * Returns the address the server listens on.
     *
     * @return the bound address
     * @throws IllegalStateException if not started
     */
    public InetSocketAddress address() {
        return running().address();
    }

    /**
     * Returns how many client connections are open.
     *
     * @return the count
     */
    public int openConnections() {
        return running().openConnections();
    }

    private synchronized ServerRuntime running() {
        if (runtime == null) {
            throw new IllegalStateException("The server has not been started; call start()");
        }
        return runtime;
    }

    /**
     * Returns the database this server serves, for use in the same process: proxies taken from
     * it reach the same tables as remote clients, without a socket. Closing the server closes it.
     *
     * @return the served database
     * @throws IllegalStateException if not started
     */
    public synchronized EmbeddedClient database() {
        running();
        return database.client();
    }

    /**
     * Saves a snapshot of all tables; see {@link cyberdb.api.EmbeddedClient#save(Path)}.
     *
     * @param file the target, ending in {@code .cdb}
     * @throws IllegalStateException if not started
     */
    public void save(Path file) {
        database().save(file);
    }

    /**
     * Replaces all tables with a snapshot's; see {@link cyberdb.api.EmbeddedClient#load(Path)}.
     *
     * @param file the snapshot
     * @throws IllegalStateException if not started
     */
    public void load(Path file) {
        database().load(file);
    }

    /**
     * Stops accepting, lets in-flight requests finish (for up to ten seconds), closes every
     * connection, saves to the data file if one is configured, and releases the port.
     */
    @Override
    public void close() {
        ServerRuntime stopping;
        ServedDatabase served;
        MetricsEndpoint serving;
        synchronized (this) {
            if (closed.getCount() == 0) {
                return;
            }
            stopping = runtime;
            served = database;
            serving = metrics;
        }
        try {
            if (serving != null) {
                serving.close();
            }
            if (stopping != null) {
                stopping.close(Duration.ofSeconds(10));
            }
            if (served != null) {
                served.close();
                LOG.log(Level.INFO, "CyberDB stopped" + (config.dataFile() == null ? "" : "; the data is in " + config.dataFile()));
            }
        } finally {
            closed.countDown();
        }
    }

    /** Configures a {@link CyberServer}; from {@link CyberServer#builder()}. */
    public static final class Builder {
        private InetAddress address = InetAddress.getLoopbackAddress();
        private int port = 9980;
        private Srp.Verifier verifier;
        private int maxConnections = 10_000;
        private Duration idleTimeout = Duration.ZERO;
        private Duration handshakeTimeout = Duration.ofSeconds(10);
        private boolean encrypted = true;
        private boolean plaintextBeyondLoopback;
        private List<String> allowed = Allowlist.LOOPBACK;
        private Path dataFile;
        private Duration backupEvery;
        private boolean requestLog;
        private int maxFrameBytes = 16 << 20;
        private Durability durability = Durability.JOURNAL_FSYNC_EVERY_SECOND;
        private boolean truncateJournalAtError;
        private int ioThreads = Runtime.getRuntime().availableProcessors();
        private int maxInFlight = 1024;
        private long maxOutputBytes = 256L << 20;
        private int pendingHandshakes = 1024;
        private long maxMemory = EmbeddedConfig.defaultMaxMemory();
        private long receiveBytes = Math.max(1L << 20, Runtime.getRuntime().maxMemory() / 16);
        private Duration maxOutputStall = Duration.ofSeconds(60);
        private Duration slowlogThreshold = Duration.ofMillis(10);
        private int metricsPort = -1;

        private Builder() {
        }

        /**
         * Serves the server's and the JVM's meters in Prometheus's text format at
         * {@code http://HOST:PORT/metrics}, on the server's host, to the clients its allowlist
         * admits; default none. Needs Micrometer ({@code micrometer-core} and
         * {@code micrometer-registry-prometheus}) on the module path; the CLI has them. Metric
         * names are listed in the README.
         *
         * @param port 0 to pick a free port (see {@link CyberServer#metricsPort()}), up to 65535
         * @return this builder
         * @throws IllegalStateException if Micrometer is not on the module path
         */
        public Builder metricsPort(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("The metrics port must be 0 to 65535, got " + port);
            }
            if (!micrometerPresent()) {
                throw new IllegalStateException("Metrics need Micrometer on the module path: micrometer-core and"
                        + " micrometer-registry-prometheus (io.micrometer, 1.17)");
            }
            this.metricsPort = port;
            return this;
        }

        private static boolean micrometerPresent() {
            try {
                Class.forName("io.micrometer.prometheusmetrics.PrometheusMeterRegistry", false,
                        CyberServer.class.getClassLoader());
                return true;
            } catch (ClassNotFoundException | LinkageError absent) {
                return false;
            }
        }

        /**
         * Sets how long a request must run to enter the slow log ({@code slowlog} in the shell,
         * {@link cyberdb.api.CyberProxy#slowRequests}); default 10 ms, as Redis's
         * {@code slowlog-log-slower-than}. The time is the request's own, not the network's or a
         * wait for the disk.
         *
         * @param threshold zero (every request) or more
         * @return this builder
         */
        public Builder slowlogThreshold(Duration threshold) {
            if (threshold.isNegative()) {
                throw new IllegalArgumentException("The slow log threshold must be zero or more, got " + threshold);
            }
            this.slowlogThreshold = threshold;
            return this;
        }

        /**
         * Sets how many event loops carry the connections' reads and writes; default one per
         * core. Threads do not grow with connections.
         *
         * @param ioThreads 1 to 256
         * @return this builder
         */
        public Builder ioThreads(int ioThreads) {
            if (ioThreads < 1 || ioThreads > 256) {
                throw new IllegalArgumentException("I/O threads must be 1 to 256, got " + ioThreads);
            }
            this.ioThreads = ioThreads;
            return this;
        }

        /**
         * Sets how many requests of one connection may wait for their answer (a write waiting for
         * the disk, say); beyond it the server reads no more of that connection until answers go
         * out. Default 1024.
         *
         * @param maxInFlight at least 1
         * @return this builder
         */
        public Builder maxInFlight(int maxInFlight) {
            if (maxInFlight < 1) {
                throw new IllegalArgumentException("Max in-flight requests must be at least 1, got " + maxInFlight);
            }
            this.maxInFlight = maxInFlight;
            return this;
        }

        /**
         * Sets how many bytes of answers may wait for a client that does not read them before it
         * is disconnected, as Redis's {@code client-output-buffer-limit} does; default 256 MiB.
         * A single answer larger than this is not sent: the client gets an
         * {@link IllegalArgumentException} saying so, and keeps its connection.
         *
         * @param maxOutputBytes at least 1 MiB
         * @return this builder
         */
        public Builder maxOutputBytes(long maxOutputBytes) {
            if (maxOutputBytes < (1 << 20)) {
                throw new IllegalArgumentException("Max output bytes must be at least 1 MiB, got " + maxOutputBytes);
            }
            this.maxOutputBytes = maxOutputBytes;
            return this;
        }

        /**
         * Sets how long a client may leave answers unread (its socket full) before it is
         * disconnected, even below {@link #maxOutputBytes}; default 60 s. Until then the server
         * stops reading its requests.
         *
         * @param stall at least 100 ms
         * @return this builder
         */
        public Builder maxOutputStall(Duration stall) {
            if (stall.toMillis() < 100) {
                throw new IllegalArgumentException("Max output stall must be at least 100 ms, got " + stall);
            }
            this.maxOutputStall = stall;
            return this;
        }

        /**
         * Sets how many new connections may wait for their handshake's cryptography at once; beyond
         * it a new connection is told the server is busy. Default 1024.
         *
         * @param pendingHandshakes at least 1
         * @return this builder
         */
        public Builder pendingHandshakes(int pendingHandshakes) {
            if (pendingHandshakes < 1) {
                throw new IllegalArgumentException("Pending handshakes must be at least 1, got " + pendingHandshakes);
            }
            this.pendingHandshakes = pendingHandshakes;
            return this;
        }

        /**
         * Sets the most heap the data may take; default half the JVM's maximum heap. A write that
         * would go beyond it is refused with {@link cyberdb.api.MemoryLimitException} (the
         * client sees it, naming the limit) and changes nothing; reads, removals, saves and new
         * connections keep working, as with Redis's {@code maxmemory} and {@code noeviction}.
         * See {@link cyberdb.api.EmbeddedBuilder#maxMemory} for how the data is measured.
         *
         * @param bytes the limit, positive
         * @return this builder
         */
        public Builder maxMemory(long bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("The memory limit must be positive, got " + bytes);
            }
            this.maxMemory = bytes;
            return this;
        }

        /**
         * Sets how many bytes large requests still arriving may hold, all connections together;
         * default a sixteenth of the JVM's maximum heap. A request above 64 KiB
         * that has to wait for the rest of its bytes reserves its size first; a connection that
         * finds no room stops reading until another request has arrived, so many clients
         * sending large values at once are served in turn instead of filling the heap. A request
         * must arrive whole within 60 s of its first bytes.
         *
         * @param bytes at least 1 MiB
         * @return this builder
         */
        public Builder receiveBytes(long bytes) {
            if (bytes < (1 << 20)) {
                throw new IllegalArgumentException("Receive bytes must be at least 1 MiB, got " + bytes);
            }
            this.receiveBytes = bytes;
            return this;
        }

        /**
         * Sets what a crash may cost, for a server with a data file; default a journal forced
         * every second. See {@link Durability}.
         *
         * @param durability the mode
         * @return this builder
         */
        public Builder durability(Durability durability) {
            this.durability = Objects.requireNonNull(durability, "durability");
            return this;
        }

        /**
         * Lets the server start although its journal has a damaged record, dropping that record
         * and everything after it (the start-up log says how many bytes). Off by default: a
         * damaged journal stops start-up with the file and offset named.
         *
         * @param truncate {@code true} to drop the damaged tail
         * @return this builder
         */
        public Builder truncateJournalAtError(boolean truncate) {
            this.truncateJournalAtError = truncate;
            return this;
        }

        /**
         * Sets the address to listen on; default {@code 127.0.0.1}.
         *
         * @param host an IP address or host name
         * @return this builder
         */
        public Builder host(String host) {
            try {
                this.address = InetAddress.getByName(Objects.requireNonNull(host, "host"));
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("Unknown host '" + host + "'", e);
            }
            return this;
        }

        /**
         * Sets the port; default 9980, 0 for any free port.
         *
         * @param port 0 to 65535
         * @return this builder
         */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("Port must be 0 to 65535, got " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * Sets the password; required. It is not kept, not even by this builder: an SRP verifier
         * is derived from it here (stretched with PBKDF2, so this takes a moment), and the
         * copies made on the way are wiped.
         *
         * @param password at least 8 characters
         * @return this builder
         */
        public Builder password(String password) {
            Objects.requireNonNull(password, "password");
            if (password.length() < 8) {
                throw new IllegalArgumentException("The password must have at least 8 characters, got "
                        + password.length());
            }
            this.verifier = Srp.Verifier.of(password);
            return this;
        }

        /**
         * Sets the most client connections open at once; default 10,000. Clients beyond it are
         * told so and disconnected.
         *
         * @param maxConnections at least 1
         * @return this builder
         */
        public Builder maxConnections(int maxConnections) {
            if (maxConnections < 1) {
                throw new IllegalArgumentException("Max connections must be at least 1, got " + maxConnections);
            }
            this.maxConnections = maxConnections;
            return this;
        }

        /**
         * Sets how long an authenticated connection may stay silent before it is closed;
         * default zero, never.
         *
         * @param idleTimeout zero or positive
         * @return this builder
         */
        public Builder idleTimeout(Duration idleTimeout) {
            if (idleTimeout.isNegative()) {
                throw new IllegalArgumentException("Idle timeout must not be negative, got " + idleTimeout);
            }
            this.idleTimeout = idleTimeout;
            return this;
        }

        /**
         * Sets how long a new connection may take to complete the handshake; default 10 s.
         *
         * @param handshakeTimeout positive
         * @return this builder
         */
        public Builder handshakeTimeout(Duration handshakeTimeout) {
            if (handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
                throw new IllegalArgumentException("Handshake timeout must be positive, got " + handshakeTimeout);
            }
            this.handshakeTimeout = handshakeTimeout;
            return this;
        }

        /**
         * Sets whether traffic is encrypted; default {@code true}.
         *
         * @param encrypted {@code false} for plaintext frames after authentication
         * @return this builder
         */
        public Builder encrypted(boolean encrypted) {
            this.encrypted = encrypted;
            return this;
        }

        /**
         * Lets a plaintext server listen on an address other than loopback. Without it,
         * {@link #build()} refuses, so nobody exposes unencrypted traffic by accident.
         *
         * @param allowed {@code true} to allow
         * @return this builder
         */
        public Builder plaintextBeyondLoopback(boolean allowed) {
            this.plaintextBeyondLoopback = allowed;
            return this;
        }

        /**
         * Sets the client addresses admitted, as IP addresses or CIDR ranges, IPv4 or IPv6;
         * default loopback only ({@code 127.0.0.0/8}, {@code ::1}). Applies with or without encryption.
         *
         * @param cidrs the ranges, such as {@code 10.0.0.0/8}
         * @return this builder
         */
        public Builder allow(List<String> cidrs) {
            Allowlist.of(cidrs);
            this.allowed = List.copyOf(cidrs);
            return this;
        }

        /**
         * Sets the data file: owned, loaded (if it exists) and journaled from {@link #start()},
         * saved at close.
         *
         * @param dataFile a file whose name ends in {@code .cdb}
         * @return this builder
         */
        public Builder dataFile(Path dataFile) {
            this.dataFile = Objects.requireNonNull(dataFile, "dataFile");
            return this;
        }

        /**
         * Saves the data file every {@code interval}: CyberDB's {@code set_backup}.
         *
         * @param interval at least one second
         * @return this builder
         */
        public Builder backupEvery(Duration interval) {
            if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException("Backup interval must be at least 1 second, got " + interval);
            }
            this.backupEvery = interval;
            return this;
        }

        /**
         * Logs every request (operation and table, never values); default off.
         *
         * @param requestLog {@code true} to log
         * @return this builder
         */
        public Builder requestLog(boolean requestLog) {
            this.requestLog = requestLog;
            return this;
        }

        /**
         * Sets the largest frame accepted or sent; default 16 MiB.
         *
         * @param maxFrameBytes 64 KiB to 1 GiB
         * @return this builder
         */
        public Builder maxFrameBytes(int maxFrameBytes) {
            if (maxFrameBytes < 65536 || maxFrameBytes > 1 << 30) {
                throw new IllegalArgumentException("Max frame size must be 65536 bytes to 1 GiB, got " + maxFrameBytes);
            }
            this.maxFrameBytes = maxFrameBytes;
            return this;
        }

        /**
         * Checks the configuration and creates the server. Nothing is opened yet: the port and
         * the data file are taken by {@link CyberServer#start()}.
         *
         * @return the server, not yet listening
         * @throws IllegalStateException if the configuration is incomplete or unsafe
         */
        public CyberServer build() {
            if (verifier == null) {
                throw new IllegalStateException("A password is required: call password(...) before build()");
            }
            if (!encrypted && !address.isLoopbackAddress() && !plaintextBeyondLoopback) {
                throw new IllegalStateException("A plaintext server would listen on " + address.getHostAddress()
                        + ", beyond loopback: turn encryption on, or call plaintextBeyondLoopback(true) if the network is trusted.");
            }
            if (backupEvery != null && dataFile == null) {
                throw new IllegalStateException("backupEvery needs a data file to save to: call dataFile(...)");
            }
            return new CyberServer(new Config(address, port, verifier, maxConnections, idleTimeout, handshakeTimeout,
                    encrypted, List.copyOf(allowed), dataFile, backupEvery, requestLog, maxFrameBytes, durability,
                    truncateJournalAtError, ioThreads, maxInFlight, maxOutputBytes, pendingHandshakes, maxMemory, receiveBytes,
                    maxOutputStall, slowlogThreshold, metricsPort));
        }
    }
}
