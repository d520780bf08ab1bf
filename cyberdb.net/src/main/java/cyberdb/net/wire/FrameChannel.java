package cyberdb.net.wire;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;

/**
 * Length-prefixed frames over a socket: a 4-byte big-endian length, then the payload (AES-GCM
 * sealed once {@link #encrypt} has been called). A length above the limit is refused before
 * anything of that size is allocated.
 */
public final class FrameChannel implements Closeable {

    /** The frame limit while the handshake runs: handshake messages are small. */
    public static final int HANDSHAKE_FRAME_BYTES = 4096;

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private int maxFrameBytes = HANDSHAKE_FRAME_BYTES;
    private FrameCipher sending;
    private FrameCipher receiving;

    /**
     * Wraps a connected socket.
     *
     * @param socket the socket
     * @throws IOException if its streams cannot be opened
     */
    public FrameChannel(Socket socket) throws IOException {
        this(socket, socket.getInputStream(), socket.getOutputStream());
    }

    FrameChannel(Socket socket, InputStream in, OutputStream out) {
        this.socket = socket;
        this.in = new DataInputStream(new BufferedInputStream(in, 1 << 16));
        this.out = new BufferedOutputStream(out, 1 << 16);
    }

    /**
     * Sets the largest payload accepted or sent from now on.
     *
     * @param maxFrameBytes the limit in bytes
     */
    public void maxFrameBytes(int maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
    }

    /**
     * Returns the current frame limit.
     *
     * @return the largest payload in bytes
     */
    public int maxFrameBytes() {
        return maxFrameBytes;
    }

    /**
     * Seals every later frame with AES-256-GCM.
     *
     * @param sendKey    the key for frames this side sends
     * @param receiveKey the key for frames this side receives
     */
    public void encrypt(byte[] sendKey, byte[] receiveKey) {
        sending = new FrameCipher(sendKey);
        receiving = new FrameCipher(receiveKey);
    }

    /**
     * Sends one frame and flushes it.
     *
     * @param payload the bytes
     * @param length  how many of them
     * @throws IOException if the frame is over the limit or the socket fails
     */
    public void send(byte[] payload, int length) throws IOException {
        if (length > maxFrameBytes) {
            throw new FrameTooLargeException(length, maxFrameBytes);
        }
        byte[] wire = payload;
        int wireLength = length;
        if (sending != null) {
            wireLength = length + FrameCipher.TAG_BYTES;
            wire = sending.seal(payload, 0, length, header(wireLength));
        }
        out.write(header(wireLength));
        out.write(wire, 0, wireLength);
        out.flush();
    }

    /**
     * Receives one frame.
     *
     * @return the payload
     * @throws EOFException      if the peer closed the connection between frames
     * @throws ProtocolException if the frame is too large, truncated or fails authentication
     * @throws IOException       if the socket fails or times out
     */
    public byte[] receive() throws IOException {
        int first = in.read();
        if (first < 0) {
            throw new EOFException("Connection closed");
        }
        try {
            int wireLength = (first << 24) | (in.readUnsignedByte() << 16) | (in.readUnsignedShort());
            int limit = maxFrameBytes + (receiving != null ? FrameCipher.TAG_BYTES : 0);
            if (wireLength < 0 || wireLength > limit) {
                throw new ProtocolException("Frame of " + Integer.toUnsignedString(wireLength) + " bytes exceeds the limit of "
                        + maxFrameBytes + " bytes");
            }
            byte[] wire = new byte[wireLength];
            in.readFully(wire);
            return receiving == null ? wire : receiving.open(wire, header(wireLength));
        } catch (EOFException truncated) {
            throw new ProtocolException("Connection closed in the middle of a frame", truncated);
        }
    }

    private static byte[] header(int length) {
        return ByteBuffer.allocate(4).putInt(length).array();
    }

    /**
     * Returns the socket underneath.
     *
     * @return the socket
     */
    public Socket socket() {
        return socket;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
