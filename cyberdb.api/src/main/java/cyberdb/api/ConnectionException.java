package cyberdb.api;

/**
 * Thrown when the network fails under a request: the server cannot be reached, refused the
 * connection, or the connection broke. The request may or may not have been applied; the
 * proxy is disconnected and {@link CyberProxy#connect()} takes a fresh connection.
 */
public class ConnectionException extends CyberDBException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed and what to do
     */
    public ConnectionException(String message) {
        super(message);
    }

    /**
     * Creates the exception, keeping its cause.
     *
     * @param message what failed and what to do
     * @param cause   the I/O failure
     */
    public ConnectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
