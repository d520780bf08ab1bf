package cyberdb.api;

/**
 * Thrown by every change to a database opened read-only ({@link EmbeddedBuilder#readOnly(boolean)}),
 * and by saving it. Nothing was changed or written.
 */
public class ReadOnlyException extends CyberDBException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was refused
     */
    public ReadOnlyException(String message) {
        super(message);
    }
}
