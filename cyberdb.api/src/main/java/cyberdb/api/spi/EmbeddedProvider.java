package cyberdb.api.spi;

import cyberdb.api.EmbeddedClient;

/**
 * Service interface through which {@link cyberdb.api.CyberDB} finds the in-process engine.
 * Applications do not call it; an engine module declares
 * {@code provides cyberdb.api.spi.EmbeddedProvider with ...}.
 */
public interface EmbeddedProvider {

    /**
     * Opens an empty database held only in memory.
     *
     * @param maxMemory the most heap its data may take, in bytes; see {@link EmbeddedConfig#maxMemory()}
     * @return a client over it
     */
    EmbeddedClient openInMemory(long maxMemory);

    /**
     * Opens a database kept in a snapshot file, loading it (and replaying its journal) if it exists.
     *
     * @param config the file and how to open it
     * @return a client over it
     */
    EmbeddedClient open(EmbeddedConfig config);
}
