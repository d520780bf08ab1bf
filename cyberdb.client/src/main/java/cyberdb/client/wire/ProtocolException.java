package cyberdb.client.wire;

import java.io.IOException;

/**
 * The peer broke the protocol: a frame too large, malformed, or failing authentication. The
 * connection cannot continue and is closed; other connections are unaffected.
 */
public final class ProtocolException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was wrong
     */
    public ProtocolException(String message) {
        super(message);
    }

    /**
     * Creates the exception, keeping its cause.
     *
     * @param message what was wrong
     * @param cause   the underlying failure
     */
    public ProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
