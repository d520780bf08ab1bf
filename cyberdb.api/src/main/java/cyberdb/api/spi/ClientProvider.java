package cyberdb.api.spi;

import cyberdb.api.CyberClient;

/**
 * Service interface through which {@link cyberdb.api.ClientBuilder} finds the network client.
 * A network module declares {@code provides cyberdb.api.spi.ClientProvider with ...}.
 */
public interface ClientProvider {

    /**
     * Creates a client with its connection pool.
     *
     * @param config the settings
     * @return the client
     */
    CyberClient connect(ClientConfig config);
}
