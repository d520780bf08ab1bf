package cyberdb.net.wire;

import java.io.IOException;

/** A frame this side was about to send is over the agreed limit; nothing was sent. */
public final class FrameTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    FrameTooLargeException(int length, int limit) {
        super("A request or response of " + length + " bytes exceeds the frame limit of " + limit
                + " bytes; split it into smaller operations or raise maxFrameBytes on both client and server.");
    }
}
