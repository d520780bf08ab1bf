package cyberdb.api;

/**
 * The root of CyberDB's unchecked exceptions. Subclasses name the conditions a caller can act
 * on; catch this type to handle any CyberDB failure.
 */
public class CyberDBException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message that says what was expected, what was found and what
     * to do.
     *
     * @param message the explanation
     */
    public CyberDBException(String message) {
        super(message);
    }

    /**
     * Creates an exception that keeps its cause.
     *
     * @param message the explanation
     * @param cause   the underlying failure
     */
    public CyberDBException(String message, Throwable cause) {
        super(message, cause);
    }
}
