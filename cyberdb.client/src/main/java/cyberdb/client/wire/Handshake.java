package cyberdb.client.wire;

import cyberdb.core.value.MalformedValueException;
import cyberdb.core.value.ValueReader;
import cyberdb.core.value.ValueWriter;
import java.util.Arrays;

/**
 * The messages of the handshake, which runs before anything else on a connection:
 *
 * <pre>
 * client: HELLO     magic "CYDB", protocol version, flags (bit 0: encrypted), max frame size
 * server: CHALLENGE version, salt, B, agreed max frame size    | REFUSE reason
 * client: PROOF     A, M1
 * server: VERIFIED  M2                                          | FAILED
 * </pre>
 *
 * SRP-6a proves to each side that the other knows the password, which never crosses the wire;
 * the session key it yields keys the frame ciphers. Each message is one frame.
 */
public final class Handshake {

    static final byte[] MAGIC = {'C', 'Y', 'D', 'B'};
    static final int FLAG_ENCRYPTED = 1;

    /** The server's challenge. */
    public static final int CHALLENGE = 'C';
    /** The client's proof. */
    public static final int PROOF = 'P';
    /** The server turns the connection away, with a reason. */
    public static final int REFUSE = 'R';
    /** The server accepted the proof and proves itself. */
    public static final int VERIFIED = 'V';
    /** The server did not accept the proof. */
    public static final int FAILED = 'F';

    /** SRP values in the 2048-bit group fit in 256 bytes; anything longer is malformed. */
    static final int MAX_NUMBER_BYTES = 512;

    private Handshake() {
    }

    /**
     * The client's opening message.
     *
     * @param version       the protocol version the client speaks
     * @param encrypted     whether it wants encryption
     * @param maxFrameBytes the largest frame it accepts
     */
    public record Hello(int version, boolean encrypted, long maxFrameBytes) {

        /**
         * Encodes the message.
         *
         * @return the frame's payload
         */
        public byte[] encode() {
            ValueWriter w = new ValueWriter(32).raw(MAGIC, 0, MAGIC.length).varLong(version)
                    .writeByte(encrypted ? FLAG_ENCRYPTED : 0).varLong(maxFrameBytes);
            return Arrays.copyOf(w.buffer(), w.size());
        }

        /**
         * Decodes the message.
         *
         * @param frame the frame's payload
         * @return the message
         * @throws ProtocolException if it is not a CyberDB hello
         */
        public static Hello decode(byte[] frame) throws ProtocolException {
            if (frame.length < MAGIC.length || !Arrays.equals(frame, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
                throw new ProtocolException("Not a CyberDB client: the first frame lacks the CYDB magic");
            }
            return parse(frame, MAGIC.length, r -> new Hello((int) Math.min(r.varLong(), Integer.MAX_VALUE),
                    (r.readByte() & FLAG_ENCRYPTED) != 0, r.varLong()));
        }
    }

    /**
     * The server's challenge.
     *
     * @param version       the protocol version of the server
     * @param salt          the password's salt
     * @param serverPublic  SRP's B
     * @param maxFrameBytes the frame limit both sides keep from now on
     */
    public record Challenge(long version, byte[] salt, byte[] serverPublic, long maxFrameBytes) {

        /**
         * Encodes the message.
         *
         * @return the frame's payload
         */
        public byte[] encode() {
            ValueWriter w = new ValueWriter(600).writeByte(CHALLENGE).varLong(version).bytes(salt).bytes(serverPublic)
                    .varLong(maxFrameBytes);
            return Arrays.copyOf(w.buffer(), w.size());
        }

        /**
         * Decodes the message.
         *
         * @param frame the frame's payload, its first byte {@link #CHALLENGE}
         * @return the message
         * @throws ProtocolException if it is malformed
         */
        public static Challenge decode(byte[] frame) throws ProtocolException {
            return parse(frame, 1, r -> new Challenge(r.varLong(), r.bytes(), number(r), r.varLong()));
        }
    }

    /**
     * A message of a tag and byte fields.
     *
     * @param tag    the message's tag
     * @param fields its fields
     * @return the frame's payload
     */
    public static byte[] message(int tag, byte[]... fields) {
        ValueWriter w = new ValueWriter(600).writeByte(tag);
        for (byte[] field : fields) {
            w.bytes(field);
        }
        return Arrays.copyOf(w.buffer(), w.size());
    }

    /**
     * A message of a tag and a text: a refusal and its reason, or a failure.
     *
     * @param tag  the message's tag
     * @param text the text
     * @return the frame's payload
     */
    public static byte[] text(int tag, String text) {
        ValueWriter w = new ValueWriter(128).writeByte(tag).string(text);
        return Arrays.copyOf(w.buffer(), w.size());
    }

    /**
     * Reads the text of a {@link #text} message.
     *
     * @param frame the frame's payload
     * @return the text
     * @throws ProtocolException if it is malformed
     */
    public static String text(byte[] frame) throws ProtocolException {
        return parse(frame, 1, ValueReader::string);
    }

    /**
     * Reads the SRP numbers of a {@link #message}.
     *
     * @param frame the frame's payload
     * @param count how many it holds
     * @return the numbers
     * @throws ProtocolException if the message holds anything else
     */
    public static byte[][] numbers(byte[] frame, int count) throws ProtocolException {
        return parse(frame, 1, r -> {
            byte[][] numbers = new byte[count][];
            for (int i = 0; i < count; i++) {
                numbers[i] = number(r);
            }
            return numbers;
        });
    }

    private static byte[] number(ValueReader reader) throws ProtocolException {
        byte[] bytes = reader.bytes();
        if (bytes.length == 0 || bytes.length > MAX_NUMBER_BYTES) {
            throw new ProtocolException("Handshake number of " + bytes.length + " bytes");
        }
        return bytes;
    }

    @FunctionalInterface
    private interface Parser<T> {
        T parse(ValueReader reader) throws ProtocolException;
    }

    private static <T> T parse(byte[] frame, int offset, Parser<T> parser) throws ProtocolException {
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
