package cyberdb.client.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
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

    /** Seals a payload into a new buffer that is {@link #TAG_BYTES} longer; the payload is released. */
    ByteBuf seal(ByteBuf plain, ByteBufAllocator alloc) {
        int length = plain.readableBytes();
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

    /** Opens a sealed payload into a new buffer; the sealed one is released. */
    ByteBuf open(ByteBuf sealed, ByteBufAllocator alloc) throws ProtocolException {
        int length = sealed.readableBytes();
        if (length < TAG_BYTES) {
            sealed.release();
            throw new ProtocolException("Sealed frame of " + length + " bytes is shorter than its tag");
        }
        ByteBuf plain = alloc.buffer(length - TAG_BYTES);
        try {
            start(Cipher.DECRYPT_MODE, length);
            int written = cipher.doFinal(sealed.nioBuffer(), plain.nioBuffer(0, length - TAG_BYTES));
            plain.writerIndex(written);
            return plain;
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
