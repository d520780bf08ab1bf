package cyberdb.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A request a server found slow: it ran longer than the server's threshold
 * ({@code --slowlog-micros}). What it carried is never kept, only what it was.
 *
 * @param at        when it started
 * @param took      how long it ran on the server, not counting the network or a wait for the disk
 * @param operation the operation, as the protocol names it ({@code DICT_PUT_ALL})
 * @param table     the table, empty for operations on the database
 * @param client    the client's address
 */
public record SlowRequest(Instant at, Duration took, String operation, String table, String client) {

    /**
     * Checks the components.
     *
     * @param at        when it started
     * @param took      how long it ran
     * @param operation the operation
     * @param table     the table, or empty
     * @param client    the client's address
     */
    public SlowRequest {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(took, "took");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(client, "client");
    }
}
