package cyberdb.api;

/**
 * Thrown when a table name is empty, too long, or contains control characters.
 */
public class InvalidTableNameException extends CyberDBException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was expected, what was found, and what to do
     */
    public InvalidTableNameException(String message) {
        super(message);
    }
}
