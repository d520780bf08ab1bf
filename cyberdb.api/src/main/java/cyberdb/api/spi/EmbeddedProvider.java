package cyberdb.api.spi;

import cyberdb.api.Durability;
import cyberdb.api.EmbeddedClient;
import java.nio.file.Path;

/**
 * Service interface through which {@link cyberdb.api.CyberDB} finds the in-process engine.
 * Applications do not call it; an engine module declares
 * {@code provides cyberdb.api.spi.EmbeddedProvider with ...}.
 */
public interface EmbeddedProvider {

    /**
     * Opens an empty database held only in memory.
     *
     * @return a client over it
     */
    EmbeddedClient openInMemory();

    /**
     * Opens a database kept in a snapshot file, loading it (and replaying its journal) if it exists.
     *
     * @param file       the data file
     * @param durability whether and how changes are journaled
     * @return a client over it
     */
    EmbeddedClient open(Path file, Durability durability);
}
