package cyberdb.net.wire;

import cyberdb.core.value.MalformedValueException;
import cyberdb.core.value.ValueReader;
import cyberdb.core.value.ValueWriter;
import java.io.IOException;
import java.util.Arrays;

/**
 * The messages of the handshake, which runs before anything else on a connection:
 *
 * <pre>
 * client: HELLO    magic "CYDB", protocol version, flags (bit 0: encrypted), max frame size
 * server: CHALLENGE version, salt, B, agreed max frame size    | REFUSE reason
 * client: PROOF    A, M1
 * server: VERIFIED M2                                         | FAILED
 * </pre>
 *
 * SRP-6a proves to each side that the other knows the password, which never crosses the wire;
 * the session key it yields keys the frame ciphers.
 */
final class Handshake {

    static final byte[] MAGIC = {'C', 'Y', 'D', 'B'};
    static final int VERSION = 1;
    static final int FLAG_ENCRYPTED = 1;

    static final int CHALLENGE = 'C';
    static final int PROOF = 'P';
    static final int REFUSE = 'R';
    static final int VERIFIED = 'V';
    static final int FAILED = 'F';

    /** SRP values in the 2048-bit group fit in 256 bytes; anything longer is malformed. */
    static final int MAX_NUMBER_BYTES = 512;

    private Handshake() {
    }

    record Hello(int version, boolean encrypted, long maxFrameBytes) {
        void send(FrameChannel channel) throws IOException {
            ValueWriter w = new ValueWriter(32).raw(MAGIC, 0, MAGIC.length).varLong(version)
                    .writeByte(encrypted ? FLAG_ENCRYPTED : 0).varLong(maxFrameBytes);
            channel.send(w.buffer(), w.size());
        }

        static Hello receive(FrameChannel channel) throws IOException {
            byte[] frame = channel.receive();
            if (frame.length < MAGIC.length || !Arrays.equals(frame, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
                throw new ProtocolException("Not a CyberDB client: the first frame lacks the CYDB magic");
            }
            return parse(frame, MAGIC.length, r -> new Hello((int) Math.min(r.varLong(), Integer.MAX_VALUE),
                    (r.readByte() & FLAG_ENCRYPTED) != 0, r.varLong()));
        }
    }

    static void send(FrameChannel channel, int tag, byte[]... fields) throws IOException {
        ValueWriter w = new ValueWriter(600).writeByte(tag);
        for (byte[] field : fields) {
            w.bytes(field);
        }
        channel.send(w.buffer(), w.size());
    }

    static void sendText(FrameChannel channel, int tag, String text) throws IOException {
        ValueWriter w = new ValueWriter(128).writeByte(tag).string(text);
        channel.send(w.buffer(), w.size());
    }

    static byte[] number(ValueReader reader) throws ProtocolException {
        byte[] bytes = reader.bytes();
        if (bytes.length == 0 || bytes.length > MAX_NUMBER_BYTES) {
            throw new ProtocolException("Handshake number of " + bytes.length + " bytes");
        }
        return bytes;
    }

    @FunctionalInterface
    interface Parser<T> {
        T parse(ValueReader reader) throws ProtocolException;
    }

    static <T> T parse(byte[] frame, int offset, Parser<T> parser) throws ProtocolException {
        try {
            ValueReader reader = new ValueReader(frame, offset, frame.length - offset);
            T result = parser.parse(reader);
            if (reader.remaining() != 0) {
                throw new ProtocolException("Handshake message has " + reader.remaining() + " stray bytes");
            }
            return result;
        } catch (MalformedValueException e) {
            throw new ProtocolException("Malformed handshake message: " + e.getMessage(), e);
        }
    }
}
