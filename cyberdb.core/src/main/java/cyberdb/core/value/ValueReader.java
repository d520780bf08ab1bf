package cyberdb.core.value;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;

/**
 * Decodes CyberDB's binary value encoding from a byte array, trusting nothing: every length
 * and count is checked against the bytes that remain before anything is allocated, nesting is
 * bounded by {@link Values#MAX_DEPTH}, and map keys must be non-null and distinct.
 */
public final class ValueReader {
    private final byte[] data;
    private final int end;
    private int position;

    /**
     * Reads {@code data[offset, offset + length)}.
     *
     * @param data   the bytes
     * @param offset the first byte to read
     * @param length how many bytes may be read
     */
    public ValueReader(byte[] data, int offset, int length) {
        if (offset < 0 || length < 0 || offset > data.length - length) {
            throw new IndexOutOfBoundsException("range [" + offset + ", " + offset + "+" + length + ") outside " + data.length);
        }
        this.data = data;
        this.position = offset;
        this.end = offset + length;
    }

    /**
     * Reads one stored value.
     *
     * @return the value, in stored form
     * @throws MalformedValueException if the bytes are not a well-formed value
     */
    public Object value() {
        return value(0);
    }

    private Object value(int depth) {
        int tagAt = position;
        int tag = readByte();
        return switch (tag) {
            case ValueTag.NULL -> null;
            case ValueTag.FALSE -> Boolean.FALSE;
            case ValueTag.TRUE -> Boolean.TRUE;
            case ValueTag.LONG -> {
                long zigzag = varLong();
                yield (zigzag >>> 1) ^ -(zigzag & 1);
            }
            case ValueTag.DOUBLE -> Double.longBitsToDouble(fixedLong());
            case ValueTag.STRING -> string();
            case ValueTag.BYTES -> Blob.adopt(bytes());
            case ValueTag.LIST -> {
                checkDepth(depth, tagAt);
                int count = count(1);
                Object[] elements = new Object[count];
                for (int i = 0; i < count; i++) {
                    elements[i] = value(depth + 1);
                }
                yield Values.frozenList(elements);
            }
            case ValueTag.MAP -> {
                checkDepth(depth, tagAt);
                int count = count(2);
                LinkedHashMap<Object, Object> entries = LinkedHashMap.newLinkedHashMap(count);
                for (int i = 0; i < count; i++) {
                    int keyAt = position;
                    Object key = value(depth + 1);
                    if (key == null) {
                        throw new MalformedValueException("Null map key", keyAt);
                    }
                    entries.put(key, value(depth + 1));
                    if (entries.size() != i + 1) {
                        throw new MalformedValueException("Duplicate map key", keyAt);
                    }
                }
                yield Values.frozenMap(entries);
            }
            default -> throw new MalformedValueException("Unknown value tag " + tag, tagAt);
        };
    }

    private void checkDepth(int depth, int at) {
        if (depth >= Values.MAX_DEPTH) {
            throw new MalformedValueException("Value nested deeper than " + Values.MAX_DEPTH + " levels", at);
        }
    }

    /**
     * Reads a varint element count and checks that that many elements of at least
     * {@code minBytesEach} bytes can fit in what remains.
     *
     * @param minBytesEach the smallest encoding of one element
     * @return the count
     */
    public int count(int minBytesEach) {
        int at = position;
        long count = varLong();
        if (count < 0 || count > (long) remaining() / minBytesEach) {
            throw new MalformedValueException("Count " + Long.toUnsignedString(count) + " exceeds the "
                    + remaining() + " bytes that remain", at);
        }
        return (int) count;
    }

    /**
     * Reads a varint length and that many bytes, as a new array.
     *
     * @return the bytes
     */
    public byte[] bytes() {
        int length = count(1);
        byte[] bytes = new byte[length];
        System.arraycopy(data, position, bytes, 0, length);
        position += length;
        return bytes;
    }

    /**
     * Reads a string written by {@link ValueWriter#string(String)}.
     *
     * @return the string
     */
    public String string() {
        int length = count(1);
        String s = new String(data, position, length, StandardCharsets.UTF_8);
        position += length;
        return s;
    }

    /**
     * Reads an unsigned LEB128 varint of at most ten bytes.
     *
     * @return the value
     */
    public long varLong() {
        int at = position;
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = readByte();
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw new MalformedValueException("Varint longer than ten bytes", at);
    }

    /**
     * Reads eight bytes, big-endian.
     *
     * @return the value
     */
    public long fixedLong() {
        need(8);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (data[position++] & 0xFF);
        }
        return v;
    }

    /**
     * Reads one unsigned byte.
     *
     * @return the byte, 0 to 255
     */
    public int readByte() {
        need(1);
        return data[position++] & 0xFF;
    }

    /**
     * Returns how many bytes remain.
     *
     * @return the count
     */
    public int remaining() {
        return end - position;
    }

    /**
     * Returns the offset of the next byte to read.
     *
     * @return the position in the underlying array
     */
    public int position() {
        return position;
    }

    private void need(int n) {
        if (end - position < n) {
            throw new MalformedValueException("Unexpected end of data, " + n + " more bytes needed", position);
        }
    }
}
