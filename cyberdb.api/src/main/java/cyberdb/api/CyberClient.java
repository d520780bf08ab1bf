package cyberdb.api;

/**
 * A handle on a CyberDB database, in process or across the network: CyberDB's client. It owns
 * what its proxies share (for a network client, the connection pool), is thread-safe, and is
 * meant to live as long as the application. Obtain one from {@link CyberDB}.
 */
public interface CyberClient extends AutoCloseable {

    /**
     * Returns a new, unconnected proxy; call {@link CyberProxy#connect()} before use.
     *
     * @return a proxy for one thread or request
     */
    CyberProxy proxy();

    /** Releases what the client holds. Proxies taken from it stop working. */
    @Override
    void close();
}
