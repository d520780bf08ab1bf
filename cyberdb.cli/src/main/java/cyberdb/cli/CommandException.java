package cyberdb.cli;

/**
 * A failure told in the command line's own words: what went wrong and what to do, never an API
 * call or an exception's class. Carries the status the command exits with.
 */
final class CommandException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    CommandException(String message) {
        this(message, ExitStatus.FAILED, null);
    }

    CommandException(String message, Throwable cause) {
        this(message, ExitStatus.FAILED, cause);
    }

    CommandException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    int status() {
        return status;
    }
}
