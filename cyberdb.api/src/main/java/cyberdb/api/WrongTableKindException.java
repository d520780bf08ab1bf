package cyberdb.api;

/**
 * Thrown when a table is opened as a dict but holds a list, or the other way round.
 */
public class WrongTableKindException extends CyberDBException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was expected, what was found, and what to do
     */
    public WrongTableKindException(String message) {
        super(message);
    }
}
