package cyberdb.api;

/**
 * Thrown when a key or value lies outside CyberDB's value model (null, boolean, integral numbers in the long range, double, String, byte[], and lists and maps of these) and no type mapping can turn it into one. Nothing is stored.
 */
public class ValueNotStorableException extends CyberDBException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was expected, what was found, and what to do
     */
    public ValueNotStorableException(String message) {
        super(message);
    }

    /**
     * Creates the exception, keeping its cause.
     *
     * @param message what was expected, what was found, and what to do
     * @param cause   the underlying failure
     */
    public ValueNotStorableException(String message, Throwable cause) {
        super(message, cause);
    }
}
