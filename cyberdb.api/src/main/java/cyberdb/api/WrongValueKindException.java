package cyberdb.api;

/**
 * Thrown when an operation needs a value of another kind than the one stored, such as {@link CyberDict#addAndGet(Object, long)} on a key that holds a string, or a typed table reading a value that does not map to its type.
 */
public class WrongValueKindException extends CyberDBException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was expected, what was found, and what to do
     */
    public WrongValueKindException(String message) {
        super(message);
    }

    /**
     * Creates the exception, keeping its cause.
     *
     * @param message what was expected, what was found, and what to do
     * @param cause   the underlying failure
     */
    public WrongValueKindException(String message, Throwable cause) {
        super(message, cause);
    }
}
