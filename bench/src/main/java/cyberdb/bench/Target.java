package cyberdb.bench;

/**
 * A database under network load through one client library: CyberDB's client, Jedis or
 * Lettuce, each with the same workloads. Targets share a server process they do not own, so
 * clients of one database are compared against the same data in the same run.
 */
interface Target extends AutoCloseable {

    /** @return the name in tables and charts */
    String name();

    /**
     * Opens one client thread's view for a blocking workload.
     *
     * @param work  what each request does
     * @param depth operations per request: 1, or the batch/pipeline depth
     * @return a connected client
     * @throws Exception if it cannot connect
     */
    Load.Client client(Work work, int depth) throws Exception;

    /**
     * Opens one thread's view for an asynchronous workload, where the library has one.
     *
     * @param work what each request does
     * @return a connected sender
     * @throws Exception if it cannot connect
     */
    default Load.Sender sender(Work work) throws Exception {
        throw new UnsupportedOperationException(name() + " has no asynchronous API");
    }

    /** Empties the list that pushes grow, so runs do not pile up memory. */
    void reset();

    /** Closes the client library's connections; the server stays. */
    @Override
    void close();
}
