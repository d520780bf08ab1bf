package cyberdb.net.wire;

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
    private long counter;

    FrameCipher(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
        try {
            this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JDK lacks AES/GCM", e);
        }
    }

    private GCMParameterSpec nextNonce() {
        byte[] nonce = ByteBuffer.allocate(12).putInt(0).putLong(counter++).array();
        return new GCMParameterSpec(TAG_BYTES * 8, nonce);
    }

    byte[] seal(byte[] plain, int offset, int length, byte[] header) {
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key, nextNonce());
            cipher.updateAAD(header);
            return cipher.doFinal(plain, offset, length);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Encryption failed", e);
        }
    }

    byte[] open(byte[] sealed, byte[] header) throws ProtocolException {
        try {
            cipher.init(Cipher.DECRYPT_MODE, key, nextNonce());
            cipher.updateAAD(header);
            return cipher.doFinal(sealed);
        } catch (AEADBadTagException e) {
            throw new ProtocolException("Frame failed authentication: it was tampered with, replayed, reordered or"
                    + " encrypted with another key", e);
        } catch (GeneralSecurityException e) {
            throw new ProtocolException("Frame could not be decrypted", e);
        }
    }
}
