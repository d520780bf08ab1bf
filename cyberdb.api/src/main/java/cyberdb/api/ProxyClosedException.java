package cyberdb.api;

/**
 * Thrown when a table is used through a proxy that is not connected. It is an
 * {@link IllegalStateException}, as for any Java resource used after {@code close()}; call
 * {@link CyberProxy#connect()} and the same table objects work again.
 */
public class ProxyClosedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was attempted and how to reconnect
     */
    public ProxyClosedException(String message) {
        super(message);
    }
}
