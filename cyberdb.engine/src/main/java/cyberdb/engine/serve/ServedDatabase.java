package cyberdb.engine.serve;

import cyberdb.api.EmbeddedClient;
import cyberdb.api.TableInfo;
import cyberdb.api.spi.EmbeddedConfig;
import cyberdb.core.view.DictBackend;
import cyberdb.core.view.ListBackend;
import cyberdb.engine.embedded.ServedEngine;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.SequencedMap;
import java.util.concurrent.CompletableFuture;

/**
 * The engine as a server sees it, and all it sees of it: one database, its catalogue, its tables
 * as the backends the views use, and its data file. The only package the engine exports, and only
 * to the network server.
 */
public interface ServedDatabase extends AutoCloseable {

    /**
     * Opens a database held in memory only.
     *
     * @param maxMemory the most heap the data may take, in bytes; see {@link EmbeddedConfig#maxMemory()}
     * @return the database
     */
    static ServedDatabase inMemory(long maxMemory) {
        return ServedEngine.inMemory(maxMemory);
    }

    /**
     * Opens a database kept in a data file, taking ownership of it; see {@link EmbeddedConfig}.
     *
     * @param config the file and how to open it
     * @return the database
     * @throws cyberdb.api.FileInUseException   if another database owns the file
     * @throws cyberdb.api.CorruptFileException if the file or its journal is damaged
     */
    static ServedDatabase open(EmbeddedConfig config) {
        return ServedEngine.open(config);
    }

    /**
     * Returns the database as an embedded client, for proxies in the server's own process.
     *
     * @return the client; closing the database closes it
     */
    EmbeddedClient client();

    /**
     * Lists the tables.
     *
     * @return names and kinds, sorted by name
     */
    List<TableInfo> tables();

    /**
     * Tells whether a table exists.
     *
     * @param table the name
     * @return whether there is a table of that name
     */
    boolean exists(String table);

    /**
     * Checks that a dict of this name exists.
     *
     * @param table the name
     * @throws cyberdb.api.NoSuchTableException    if there is none
     * @throws cyberdb.api.WrongTableKindException if it is a list
     */
    void checkDict(String table);

    /**
     * Checks that a list of this name exists.
     *
     * @param table the name
     * @throws cyberdb.api.NoSuchTableException    if there is none
     * @throws cyberdb.api.WrongTableKindException if it is a dict
     */
    void checkList(String table);

    /**
     * Creates a dict holding entries, in one atomic step.
     *
     * @param table   the name
     * @param entries the stored entries, in order
     * @throws cyberdb.api.TableExistsException      if the name is taken
     * @throws cyberdb.api.InvalidTableNameException if the name is not acceptable
     */
    void createDict(String table, SequencedMap<Object, Object> entries);

    /**
     * Creates a list holding elements, in one atomic step.
     *
     * @param table    the name
     * @param elements the stored elements, in order
     * @throws cyberdb.api.TableExistsException      if the name is taken
     * @throws cyberdb.api.InvalidTableNameException if the name is not acceptable
     */
    void createList(String table, List<Object> elements);

    /**
     * Drops a table.
     *
     * @param table the name
     * @return whether there was one
     */
    boolean drop(String table);

    /**
     * Returns a dict's backend; the table is looked up at each operation.
     *
     * @param table the name
     * @return the backend
     */
    DictBackend dict(String table);

    /**
     * Returns a list's backend; the table is looked up at each operation.
     *
     * @param table the name
     * @return the backend
     */
    ListBackend list(String table);

    /**
     * Runs a request's work without blocking on the disk: its writes are applied when this
     * returns, and the future completes once they are as durable as the database promises (at
     * once for reads, and unless every write is forced), or exceptionally if they cannot be made so.
     *
     * @param work the work, which throws what the request should answer with
     * @return when to answer
     */
    CompletableFuture<Void> run(Runnable work);

    /**
     * Takes a snapshot into the data file.
     *
     * @throws IllegalStateException if the database has no data file
     */
    void save();

    /**
     * Writes every table, as one consistent image, to a file in the {@code .cdb} format, whatever
     * its name: for a replicated log's snapshots, whose files the log names and keeps.
     *
     * @param file where to write; replaced atomically
     * @throws cyberdb.api.StorageException if it cannot be written
     */
    void saveImage(Path file);

    /**
     * Replaces every table with the image in a file written by {@link #saveImage}, as one change.
     *
     * @param file the image
     * @throws cyberdb.api.CorruptFileException if the file is damaged
     */
    void loadImage(Path file);

    /**
     * Tells what the database says about itself: the {@code memory}, {@code persistence} and
     * {@code tables} sections of {@link cyberdb.api.DatabaseInfo}.
     *
     * @return the sections by name
     */
    SequencedMap<String, SequencedMap<String, Object>> infoSections();

    /**
     * Returns the storage problem that makes writes fail, while it lasts.
     *
     * @return the problem, or empty
     */
    Optional<String> storageProblem();

    /**
     * Tells the database that the process ran out of heap: from now on it refuses writes that
     * would need more memory than its data takes now, with a message saying why, so that the
     * server stays reachable for reads, removals and saves.
     */
    void ranOutOfHeap();

    /** Saves what changed since the last snapshot and lets go of the data file. */
    @Override
    void close();
}
