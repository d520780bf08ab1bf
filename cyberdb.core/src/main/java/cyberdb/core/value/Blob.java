package cyberdb.core.value;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A stored {@code byte[]}: immutable, with value equality, so byte strings can be keys and can
 * be compared by the atomic operations. Users never see it; views hand out copies of the bytes.
 */
public final class Blob {
    private final byte[] bytes;
    /** Computed when first asked for, as String does: a value that is never a key is never hashed. */
    private int hash;
    private boolean hashed;

    private Blob(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * Copies {@code bytes} into a new blob.
     *
     * @param bytes the bytes
     * @return the blob
     */
    public static Blob copyOf(byte[] bytes) {
        return new Blob(bytes.clone());
    }

    /**
     * Wraps bytes that nobody else holds, such as a buffer just decoded.
     *
     * @param bytes the bytes, not to be changed afterwards
     * @return the blob
     */
    static Blob adopt(byte[] bytes) {
        return new Blob(bytes);
    }

    /**
     * Returns a copy of the bytes.
     *
     * @return a new array
     */
    public byte[] toByteArray() {
        return bytes.clone();
    }

    /**
     * Returns how many bytes the blob holds, without copying them.
     *
     * @return the length
     */
    public int length() {
        return bytes.length;
    }

    byte[] unsafeBytes() {
        return bytes;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Blob blob && Arrays.equals(bytes, blob.bytes);
    }

    @Override
    public int hashCode() {
        if (!hashed) {
            // Racy but benign, as in String: every thread computes the same value.
            hash = Arrays.hashCode(bytes);
            hashed = true;
        }
        return hash;
    }

    @Override
    public String toString() {
        return bytes.length <= 32
                ? "bytes[" + HexFormat.of().formatHex(bytes) + "]"
                : "bytes[" + HexFormat.of().formatHex(bytes, 0, 32) + "... " + bytes.length + " bytes]";
    }
}
