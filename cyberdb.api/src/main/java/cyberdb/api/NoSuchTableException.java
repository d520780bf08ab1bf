package cyberdb.api;

/**
 * Thrown when a table name is used that the database does not hold. Create the table first, or check {@link CyberProxy#exists(String)}.
 */
public class NoSuchTableException extends CyberDBException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was expected, what was found, and what to do
     */
    public NoSuchTableException(String message) {
        super(message);
    }
}
