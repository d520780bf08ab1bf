package cyberdb.api;

import cyberdb.api.spi.ClientConfig;
import cyberdb.api.spi.ClientProvider;
import java.time.Duration;
import java.util.Objects;
import java.util.ServiceLoader;

/**
 * Configures a network client; from {@link CyberDB#client()}. The defaults are safe: encrypted
 * traffic, a pool of 16 connections, idle connections dropped after 15 minutes (the original's
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
    private int poolSize = 16;
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
     * Sets how many connections the pool may hold open at once; default 16. A proxy that
     * connects while all are in use waits up to the connect timeout.
     *
     * @param poolSize at least 1
     * @return this builder
     */
    public ClientBuilder poolSize(int poolSize) {
        if (poolSize < 1) {
            throw new IllegalArgumentException("Pool size must be at least 1, got " + poolSize);
        }
        this.poolSize = poolSize;
        return this;
    }

    /**
     * Sets how long a pooled connection may sit idle before it is closed: CyberDB's
     * {@code time_out}; default 15 minutes.
     *
     * @param idleTimeout positive
     * @return this builder
     */
    public ClientBuilder idleTimeout(Duration idleTimeout) {
        this.idleTimeout = positive(idleTimeout, "Idle timeout");
        return this;
    }

    /**
     * Sets how long connecting (and waiting for a free pooled connection) may take; default 10
     * seconds.
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
     * @param maxFrameBytes at least 64 KiB
     * @return this builder
     */
    public ClientBuilder maxFrameBytes(int maxFrameBytes) {
        if (maxFrameBytes < 65536) {
            throw new IllegalArgumentException("Max frame size must be at least 65536 bytes, got " + maxFrameBytes);
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
        ClientConfig config = new ClientConfig(host, port, password, encrypted, poolSize, idleTimeout, connectTimeout,
                maxFrameBytes);
        return ServiceLoader.load(ClientProvider.class, ClientBuilder.class.getClassLoader())
                .findFirst()
                .orElseThrow(() -> new CyberDBException("No CyberDB network client found: expected a provider of "
                        + ClientProvider.class.getName() + " on the module path or class path."
                        + " Add the cyberdb-net jar next to cyberdb-api."))
                .connect(config);
    }
}
