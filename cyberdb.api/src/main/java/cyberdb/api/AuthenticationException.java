package cyberdb.api;

/**
 * Thrown when the server does not accept the password, or the server could not prove that it
 * knows it. The message never says which; check the password on both sides.
 */
public class AuthenticationException extends ConnectionException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed and what to do
     */
    public AuthenticationException(String message) {
        super(message);
    }
}
