package cyberdb.bench;

/** A database under network load: CyberDB or Redis, each with the same workloads. */
interface Target extends AutoCloseable {

    /** @return the name in tables and charts */
    String name();

    /**
     * Opens one client for a workload.
     *
     * @param work  what each request does
     * @param depth operations per request: 1, or the batch/pipeline depth
     * @return a connected client
     * @throws Exception if it cannot connect
     */
    Load.Client client(Work work, int depth) throws Exception;

    /** Empties the list that pushes grow, so runs do not pile up memory. */
    void reset();

    @Override
    void close();
}
