package cyberdb.client.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for one direction of one connection. The nonce is a counter that both sides
 * advance per frame, never sent, so a replayed, reordered or dropped frame fails authentication;
 * the frame's length header is authenticated data, so it cannot be altered either.
 */
final class FrameCipher {

    static final int TAG_BYTES = 16;
    /** The size of the pieces a large payload is sealed into. */
    static final int PIECE_BYTES = 256 * 1024;

    /** Where an opened frame goes when the channel's pool would put it in the sealed frame's array. */
    private static final ByteBufAllocator APART = new PooledByteBufAllocator(false);

    private final SecretKeySpec key;
    private final Cipher cipher;
    private final byte[] nonce = new byte[12];
    private final byte[] header = new byte[Frames.HEADER_BYTES];
    private long counter;

    FrameCipher(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
        try {
            this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JDK lacks AES/GCM", e);
        }
    }

    private void start(int mode, int wireLength) throws GeneralSecurityException {
        long n = counter++;
        for (int i = 0; i < 8; i++) {
            nonce[4 + i] = (byte) (n >>> (56 - 8 * i));
        }
        cipher.init(mode, key, new GCMParameterSpec(TAG_BYTES * 8, nonce));
        header[0] = (byte) (wireLength >>> 24);
        header[1] = (byte) (wireLength >>> 16);
        header[2] = (byte) (wireLength >>> 8);
        header[3] = (byte) wireLength;
        cipher.updateAAD(header);
    }

    /**
     * Seals a payload into a new buffer that is {@link #TAG_BYTES} longer; the payload is
     * released. A large one is sealed into pooled pieces of {@link #PIECE_BYTES}, which go to
     * the socket as they are, rather than into one buffer of its whole size.
     */
    ByteBuf seal(ByteBuf plain, ByteBufAllocator alloc) {
        int length = plain.readableBytes();
        if (length >= CipherWarmUp.LARGE_BYTES) {
            CipherWarmUp.start();
        }
        if (length > PIECE_BYTES) {
            return sealInPieces(plain, alloc, PIECE_BYTES);
        }
        ByteBuf sealed = alloc.buffer(length + TAG_BYTES);
        try {
            start(Cipher.ENCRYPT_MODE, length + TAG_BYTES);
            ByteBuffer out = sealed.nioBuffer(0, length + TAG_BYTES);
            int written = cipher.doFinal(plain.nioBuffer(), out);
            sealed.writerIndex(written);
            return sealed;
        } catch (GeneralSecurityException e) {
            sealed.release();
            throw new IllegalStateException("Encryption failed", e);
        } finally {
            plain.release();
        }
    }

    /**
     * Seals a payload into pieces of at most {@code pieceBytes}; {@link CipherWarmUp} calls it
     * with small pieces, to run this path often without large payloads.
     */
    ByteBuf sealInPieces(ByteBuf plain, ByteBufAllocator alloc, int pieceBytes) {
        int length = plain.readableBytes();
        CompositeByteBuf sealed = alloc.compositeDirectBuffer(length / pieceBytes + 2);
        try {
            start(Cipher.ENCRYPT_MODE, length + TAG_BYTES);
            // A composite payload (a header and a value it wraps) is read component by component, never merged.
            ByteBuffer[] parts = plain.nioBuffers();
            for (int p = 0; p < parts.length; p++) {
                ByteBuffer in = parts[p];
                do {
                    ByteBuffer chunk = in.slice(in.position(), Math.min(in.remaining(), pieceBytes));
                    in.position(in.position() + chunk.remaining());
                    boolean last = p == parts.length - 1 && !in.hasRemaining();
                    ByteBuf piece = alloc.directBuffer(Math.max(1, cipher.getOutputSize(chunk.remaining())));
                    try {
                        ByteBuffer out = piece.nioBuffer(0, piece.capacity());
                        piece.writerIndex(last ? cipher.doFinal(chunk, out) : cipher.update(chunk, out));
                    } catch (GeneralSecurityException | RuntimeException e) {
                        piece.release();
                        throw e;
                    }
                    sealed.addComponent(true, piece);
                } while (in.hasRemaining());
            }
            return sealed;
        } catch (GeneralSecurityException e) {
            sealed.release();
            throw new IllegalStateException("Encryption failed", e);
        } finally {
            plain.release();
        }
    }

    /**
     * A heap buffer that does not share the sealed frame's array. A pool carves both out of the
     * same chunk as often as not, and the JDK then decrypts through a copy of the whole array
     * (the chunk, 4 MiB or more); profiled with 1 MiB values, that copy was two thirds of all a
     * server allocated. A second pool's chunks are arrays of their own.
     */
    private static ByteBuf heapApart(ByteBuf sealed, ByteBufAllocator alloc, int bytes) {
        ByteBuf plain = alloc.heapBuffer(bytes);
        if (plain.array() != sealed.array()) {
            return plain;
        }
        plain.release();
        return APART.heapBuffer(bytes);
    }

    /**
     * Opens a sealed payload into a new buffer, the caller's to release; the sealed one is
     * released.
     */
    ByteBuf open(ByteBuf sealed, ByteBufAllocator alloc) throws ProtocolException {
        int length = sealed.readableBytes();
        if (length < TAG_BYTES) {
            sealed.release();
            throw new ProtocolException("Sealed frame of " + length + " bytes is shorter than its tag");
        }
        if (length >= CipherWarmUp.LARGE_BYTES) {
            CipherWarmUp.start();
        }
        // A frame that lies in an array (as large frames do) is opened into another array: the JDK then
        // decrypts and authenticates in one pass with its AES-GCM intrinsic (about 15 GB/s here), where
        // decrypting in place takes a slower path of separate passes.
        boolean array = sealed.hasArray();
        ByteBuf plain = array ? heapApart(sealed, alloc, length - TAG_BYTES) : alloc.buffer(length - TAG_BYTES);
        try {
            start(Cipher.DECRYPT_MODE, length);
            int written = array
                    ? cipher.doFinal(sealed.array(), sealed.arrayOffset() + sealed.readerIndex(), length, plain.array(),
                            plain.arrayOffset())
                    : cipher.doFinal(sealed.nioBuffer(), plain.nioBuffer(0, length - TAG_BYTES));
            return plain.writerIndex(written);
        } catch (AEADBadTagException e) {
            plain.release();
            throw new ProtocolException("Frame failed authentication: it was tampered with, replayed, reordered or"
                    + " encrypted with another key", e);
        } catch (GeneralSecurityException e) {
            plain.release();
            throw new ProtocolException("Frame could not be decrypted", e);
        } finally {
            sealed.release();
        }
    }
}
