package cyberdb.api;

import cyberdb.api.spi.ClientConfig;
import cyberdb.api.spi.ClientProvider;
import java.time.Duration;
import java.util.Objects;
import java.util.ServiceLoader;

/**
 * Configures a network client; from {@link CyberDB#client()}. The defaults are safe: encrypted
 * traffic, two connections shared by every thread, idle connections closed after 15 minutes (the original's
 * {@code time_out=900}), a 10 second connect timeout.
 *
 * {@snippet :
 * try (CyberClient client = CyberDB.client()
 *         .host("127.0.0.1").port(9980).password(secret)
 *         .build()) {
 *     ...
 * }
 * }
 */
public final class ClientBuilder {

    private String host = "127.0.0.1";
    private int port = 9980;
    private String password;
    private boolean encrypted = true;
    private int connections = 2;
    private int ioThreads = 1;
    private Duration requestTimeout = Duration.ofSeconds(30);
    private Duration idleTimeout = Duration.ofMinutes(15);
    private Duration connectTimeout = Duration.ofSeconds(10);
    private int maxFrameBytes = ClientConfig.DEFAULT_MAX_FRAME_BYTES;

    ClientBuilder() {
    }

    /**
     * Sets the server's host name or address; default {@code 127.0.0.1}.
     *
     * @param host the host
     * @return this builder
     */
    public ClientBuilder host(String host) {
        this.host = Objects.requireNonNull(host, "host");
        return this;
    }

    /**
     * Sets the server's port; default 9980.
     *
     * @param port 1 to 65535
     * @return this builder
     */
    public ClientBuilder port(int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("Port must be 1 to 65535, got " + port);
        }
        this.port = port;
        return this;
    }

    /**
     * Sets the password; required. It never leaves this process: the handshake proves knowledge
     * of it without sending it.
     *
     * @param password the server's password
     * @return this builder
     */
    public ClientBuilder password(String password) {
        Objects.requireNonNull(password, "password");
        if (password.isEmpty()) {
            throw new IllegalArgumentException("The password must not be empty");
        }
        this.password = password;
        return this;
    }

    /**
     * Sets whether traffic is encrypted; default {@code true}. Must match the server.
     *
     * @param encrypted {@code false} only for a plaintext server on a trusted network
     * @return this builder
     */
    public ClientBuilder encrypted(boolean encrypted) {
        this.encrypted = encrypted;
        return this;
    }

    /**
     * Sets how many connections the client opens to the server; default 2. Every thread and
     * proxy of the client shares them: each thread sends on one of them (so its requests arrive
     * in the order it made them), many requests travel in one write, and none waits for another's
     * answer.
     *
     * @param connections 1 to 64
     * @return this builder
     */
    public ClientBuilder connections(int connections) {
        if (connections < 1 || connections > 64) {
            throw new IllegalArgumentException("Connections must be 1 to 64, got " + connections);
        }
        this.connections = connections;
        return this;
    }

    /**
     * Sets how many threads do the client's network input and output; default 1, which serves
     * many thousands of requests a second. More help a client with several connections on a
     * machine with cores to spare.
     *
     * @param ioThreads 1 to 64
     * @return this builder
     */
    public ClientBuilder ioThreads(int ioThreads) {
        if (ioThreads < 1 || ioThreads > 64) {
            throw new IllegalArgumentException("I/O threads must be 1 to 64, got " + ioThreads);
        }
        this.ioThreads = ioThreads;
        return this;
    }

    /**
     * Sets how long a request waits for the server's answer before it gives up with
     * {@link ConnectionException}, blocking or asynchronous; default 30 seconds.
     *
     * @param requestTimeout positive
     * @return this builder
     */
    public ClientBuilder requestTimeout(Duration requestTimeout) {
        this.requestTimeout = positive(requestTimeout, "Request timeout");
        return this;
    }

    /**
     * Sets how long a connection may sit unused before it is closed (the next request opens it
     * again): CyberDB's {@code time_out}; default 15 minutes.
     *
     * @param idleTimeout positive
     * @return this builder
     */
    public ClientBuilder idleTimeout(Duration idleTimeout) {
        this.idleTimeout = positive(idleTimeout, "Idle timeout");
        return this;
    }

    /**
     * Sets how long connecting and authenticating may take; default 10 seconds.
     *
     * @param connectTimeout positive
     * @return this builder
     */
    public ClientBuilder connectTimeout(Duration connectTimeout) {
        this.connectTimeout = positive(connectTimeout, "Connect timeout");
        return this;
    }

    /**
     * Sets the largest frame this client sends or accepts; default 16 MiB. The smaller of the
     * client's and the server's limits applies.
     *
     * @param maxFrameBytes 64 KiB to 1 GiB
     * @return this builder
     */
    public ClientBuilder maxFrameBytes(int maxFrameBytes) {
        if (maxFrameBytes < 65536 || maxFrameBytes > 1 << 30) {
            throw new IllegalArgumentException("Max frame size must be 65536 bytes to 1 GiB, got " + maxFrameBytes);
        }
        this.maxFrameBytes = maxFrameBytes;
        return this;
    }

    private static Duration positive(Duration duration, String what) {
        Objects.requireNonNull(duration, what);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, got " + duration);
        }
        return duration;
    }

    /**
     * Creates the client. No connection is opened until a proxy connects.
     *
     * @return the client
     * @throws IllegalStateException if no password was set
     * @throws CyberDBException      if no network module is on the module path
     */
    public CyberClient build() {
        if (password == null) {
            throw new IllegalStateException("A password is required: call password(...) before build()");
        }
        ClientConfig config = new ClientConfig(host, port, password, encrypted, connections, ioThreads, idleTimeout,
                connectTimeout, requestTimeout, maxFrameBytes);
        return ServiceLoader.load(ClientProvider.class, ClientBuilder.class.getClassLoader())
                .findFirst()
                .orElseThrow(() -> new CyberDBException("No CyberDB network client found: expected a provider of "
                        + ClientProvider.class.getName() + " on the module path or class path."
                        + " Add the cyberdb-client jar next to cyberdb-api."))
                .connect(config);
    }
}
