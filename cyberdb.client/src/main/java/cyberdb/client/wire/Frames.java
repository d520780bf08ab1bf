package cyberdb.client.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

/**
 * The framing of protocol version 2: every frame is a 4-byte big-endian length and that many
 * payload bytes (sealed with AES-GCM once the handshake is done). After the handshake a payload
 * starts with its kind; the numbers are pinned to {@code docs/protocol.md} by a test.
 */
public final class Frames {

    /** The protocol version this code speaks; the handshake refuses any other. */
    public static final int VERSION = 2;

    /** The size of the length prefix. */
    public static final int HEADER_BYTES = 4;

    /** The largest payload while the handshake runs: its messages are small. */
    public static final int HANDSHAKE_MAX_BYTES = 4096;

    /** Client to server: request id, operation, table, arguments. */
    public static final int REQUEST = 1;

    /** Server to client: request id, status, result. */
    public static final int RESPONSE = 2;

    /** Server to client: request id, then a part of a result too large for one frame; more follow. */
    public static final int RESPONSE_PART = 3;

    /** Server to client, unasked: a stream id and an event; only while the stream has credit. */
    public static final int PUSH = 4;

    /** Client to server: a stream id and how many more pushes it may send. */
    public static final int CREDIT = 5;

    private Frames() {
    }

    /**
     * Copies a handshake frame's payload out and releases the frame: the handshake's messages are
     * small and parsed from arrays.
     *
     * @param frame a frame's payload, released here
     * @return its bytes
     */
    public static byte[] bytesOf(ByteBuf frame) {
        try {
            return ByteBufUtil.getBytes(frame);
        } finally {
            frame.release();
        }
    }
}
