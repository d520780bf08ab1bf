package cyberdb.api;

import java.util.Optional;

/**
 * A handle on a CyberDB database, in process or across the network: CyberDB's client. It owns
 * what its proxies share (for a network client, its connections), is thread-safe, and is
 * meant to live as long as the application. Obtain one from {@link CyberDB}.
 */
public interface CyberClient extends AutoCloseable {

    /**
     * Returns a new, unconnected proxy; call {@link CyberProxy#connect()} before use.
     *
     * @return a proxy for one thread or request
     */
    CyberProxy proxy();

    /**
     * Tells whether the database's writes are currently failing for lack of storage (a full disk,
     * an unwritable directory), for a health check. Reads keep working meanwhile, and writes
     * resume once the cause is gone. A network client asks the server, one round trip.
     *
     * @return the last storage error while it persists, or empty when writes succeed
     * @throws ConnectionException if the server cannot be reached
     */
    Optional<String> storageProblem();

    /** Releases what the client holds. Proxies taken from it stop working. */
    @Override
    void close();
}
