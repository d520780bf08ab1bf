package cyberdb.api.spi;

import java.time.Duration;

/**
 * A network client's settings, as checked by {@link cyberdb.api.ClientBuilder}.
 *
 * @param host           the server's host
 * @param port           the server's port
 * @param password       the password
 * @param encrypted      whether traffic is encrypted
 * @param connections    how many connections the client's requests share
 * @param ioThreads      how many threads do the client's network input and output
 * @param idleTimeout    how long a connection may sit unused before it is closed
 * @param connectTimeout how long connecting and authenticating may take
 * @param requestTimeout how long a blocking call waits for its answer
 * @param maxFrameBytes  the largest frame sent or accepted
 */
public record ClientConfig(String host, int port, String password, boolean encrypted, int connections, int ioThreads,
                           Duration idleTimeout, Duration connectTimeout, Duration requestTimeout, int maxFrameBytes) {

    /** The default frame limit, 16 MiB. */
    public static final int DEFAULT_MAX_FRAME_BYTES = 16 << 20;

    @Override
    public String toString() {
        return "ClientConfig[" + host + ":" + port + (encrypted ? ", encrypted" : ", plaintext") + ", " + connections
                + " connections]";
    }
}
