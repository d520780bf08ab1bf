package cyberdb.api;

/**
 * Thrown when reading or writing a database file fails for a reason outside CyberDB's control:
 * a missing directory, a full disk, a permission refused. The cause is kept.
 */
public class StorageException extends CyberDBException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was being done
     * @param cause   the I/O failure
     */
    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
