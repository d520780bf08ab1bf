package cyberdb.core.value;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Encodes stored values into CyberDB's binary value encoding, appending to a growable buffer
 * that can be reset and reused. The encoding is documented in {@code docs/file-format.md}:
 * one tag byte, then a body whose lengths and counts are unsigned LEB128 varints.
 */
public final class ValueWriter {
    private byte[] buffer;
    private int size;

    /**
     * Creates a writer with the given initial capacity.
     *
     * @param capacity the initial buffer size in bytes
     */
    public ValueWriter(int capacity) {
        buffer = new byte[Math.max(16, capacity)];
    }

    /**
     * Appends one stored value.
     *
     * @param value a stored value (see {@link Values})
     * @return this writer
     */
    public ValueWriter value(Object value) {
        switch (value) {
            case null -> writeByte(ValueTag.NULL);
            case Boolean b -> writeByte(b ? ValueTag.TRUE : ValueTag.FALSE);
            case Long l -> {
                writeByte(ValueTag.LONG);
                varLong((l << 1) ^ (l >> 63));
            }
            case Double d -> {
                writeByte(ValueTag.DOUBLE);
                fixedLong(Double.doubleToRawLongBits(d));
            }
            case String s -> {
                writeByte(ValueTag.STRING);
                string(s);
            }
            case Blob blob -> {
                writeByte(ValueTag.BYTES);
                bytes(blob.unsafeBytes());
            }
            case List<?> list -> {
                writeByte(ValueTag.LIST);
                varLong(list.size());
                for (Object element : list) {
                    value(element);
                }
            }
            case Map<?, ?> map -> {
                writeByte(ValueTag.MAP);
                varLong(map.size());
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    value(entry.getKey());
                    value(entry.getValue());
                }
            }
            default -> throw new IllegalArgumentException("Not a stored value: " + value.getClass().getName());
        }
        return this;
    }

    /**
     * Appends a string as a varint byte length and its UTF-8 bytes.
     *
     * @param s the string
     * @return this writer
     */
    public ValueWriter string(String s) {
        bytes(s.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /**
     * Appends a varint length and the bytes.
     *
     * @param bytes the bytes
     * @return this writer
     */
    public ValueWriter bytes(byte[] bytes) {
        varLong(bytes.length);
        raw(bytes, 0, bytes.length);
        return this;
    }

    /**
     * Appends an unsigned LEB128 varint.
     *
     * @param v the value, treated as unsigned
     * @return this writer
     */
    public ValueWriter varLong(long v) {
        ensure(10);
        while ((v & ~0x7FL) != 0) {
            buffer[size++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buffer[size++] = (byte) v;
        return this;
    }

    /**
     * Appends eight bytes, big-endian.
     *
     * @param v the value
     * @return this writer
     */
    public ValueWriter fixedLong(long v) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buffer[size++] = (byte) (v >>> shift);
        }
        return this;
    }

    /**
     * Appends one byte.
     *
     * @param b the byte, in its low eight bits
     * @return this writer
     */
    public ValueWriter writeByte(int b) {
        ensure(1);
        buffer[size++] = (byte) b;
        return this;
    }

    /**
     * Appends raw bytes.
     *
     * @param bytes  the source
     * @param offset where to start in it
     * @param length how many bytes
     * @return this writer
     */
    public ValueWriter raw(byte[] bytes, int offset, int length) {
        ensure(length);
        System.arraycopy(bytes, offset, buffer, size, length);
        size += length;
        return this;
    }

    /**
     * Returns the number of bytes written since the last {@link #reset()}.
     *
     * @return the size
     */
    public int size() {
        return size;
    }

    /**
     * Returns the internal buffer; bytes {@code [0, size())} are valid until the next write.
     *
     * @return the buffer, not a copy
     */
    public byte[] buffer() {
        return buffer;
    }

    /** Empties the writer, keeping its buffer. */
    public void reset() {
        size = 0;
    }

    private void ensure(int more) {
        if (buffer.length - size < more) {
            // Past a large value, room for what usually follows it, so that a trailing byte does not double the buffer.
            long needed = (long) size + more;
            long wanted = Math.max((long) buffer.length * 2, needed + (needed >> 6) + 64);
            if (wanted > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("Encoded value exceeds 2 GiB; split it into smaller values.");
            }
            buffer = Arrays.copyOf(buffer, (int) wanted);
        }
    }
}
