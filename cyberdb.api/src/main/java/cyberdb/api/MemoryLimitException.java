package cyberdb.api;

/**
 * Thrown when a write would take the database's data over its memory limit (Redis's
 * {@code noeviction}): nothing is changed. Reads, removals and saves keep working; remove data
 * or raise the limit ({@link EmbeddedBuilder#maxMemory}, the server's {@code --max-memory}).
 */
public class MemoryLimitException extends CyberDBException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the limit, how far the write would go beyond it, and what to do
     */
    public MemoryLimitException(String message) {
        super(message);
    }
}
