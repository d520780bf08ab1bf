package cyberdb.api.spi;

import java.time.Duration;

/**
 * A network client's settings, as checked by {@link cyberdb.api.ClientBuilder}.
 *
 * @param host           the server's host
 * @param port           the server's port
 * @param password       the password
 * @param encrypted      whether traffic is encrypted
 * @param poolSize       the most connections open at once
 * @param idleTimeout    how long a pooled connection may sit idle
 * @param connectTimeout how long connecting or waiting for the pool may take
 * @param maxFrameBytes  the largest frame sent or accepted
 */
public record ClientConfig(String host, int port, String password, boolean encrypted, int poolSize,
                           Duration idleTimeout, Duration connectTimeout, int maxFrameBytes) {

    /** The default frame limit, 16 MiB. */
    public static final int DEFAULT_MAX_FRAME_BYTES = 16 << 20;

    @Override
    public String toString() {
        return "ClientConfig[" + host + ":" + port + (encrypted ? ", encrypted" : ", plaintext") + ", pool " + poolSize + "]";
    }
}
