package cyberdb.api;

/**
 * Thrown when creating a table whose name is already taken. Drop it first, or open it with {@link CyberProxy#dict(String)} or {@link CyberProxy#list(String)}.
 */
public class TableExistsException extends CyberDBException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was expected, what was found, and what to do
     */
    public TableExistsException(String message) {
        super(message);
    }
}
