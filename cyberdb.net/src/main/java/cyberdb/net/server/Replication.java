package cyberdb.net.server;

import java.util.SequencedMap;
import java.util.concurrent.CompletableFuture;

/**
 * Where a cluster member's server sends the requests that change the database, instead of
 * running them itself: a replicated log, which runs them on every member's engine in its order.
 */
public interface Replication {

    /**
     * Sends one request through the log.
     *
     * @param request the request as the protocol encodes it after a frame's kind and id
     * @return the answer body once the request was committed and applied (its status byte, then
     *         the result or the error's message); it fails only if the log cannot take it
     */
    CompletableFuture<byte[]> replicate(byte[] request);

    /**
     * Runs a read of the data on this member once it has applied every write the group
     * acknowledged before the read began (ReadIndex), so that no client reads older data than
     * it, or anyone, was told is written.
     *
     * @param request the request, encoded as for {@link #replicate}
     * @return the answer body
     */
    CompletableFuture<byte[]> read(byte[] request);

    /**
     * Tells how this member stands in its group, for the {@code replication} section of
     * {@code info}: its role, the term, the leader, the commit and applied indexes.
     *
     * @return the fields, in {@code info}'s kinds of values
     */
    SequencedMap<String, Object> info();
}
