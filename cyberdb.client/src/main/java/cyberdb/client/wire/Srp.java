package cyberdb.client.wire;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.bouncycastle.crypto.agreement.srp.SRP6StandardGroups;
import org.bouncycastle.crypto.agreement.srp.SRP6VerifierGenerator;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.crypto.params.SRP6GroupParameters;
import org.bouncycastle.util.BigIntegers;

/**
 * The fixed parameters of CyberDB's SRP-6a handshake (RFC 5054's 2048-bit group, SHA-256) and
 * the derivations around it. The password is stretched with PBKDF2 before it enters SRP, so a
 * stolen verifier costs an attacker 100,000 HMACs per guess.
 */
public final class Srp {

    static final SRP6GroupParameters GROUP = SRP6StandardGroups.rfc5054_2048;
    static final byte[] IDENTITY = "cyberdb".getBytes(StandardCharsets.UTF_8);
    static final int PBKDF2_ITERATIONS = 100_000;
    /** The length of a salt. */
    public static final int SALT_BYTES = 16;
    static final SecureRandom RANDOM = new SecureRandom();
    /**
     * The size of each side's secret exponent. BouncyCastle draws it from the whole 2048-bit
     * range, which makes every exponentiation eight times the work of the 256 bits RFC 5054 asks
     * for at least (and 128-bit security needs): 4.4 ms of server CPU per handshake.
     */
    static final int PRIVATE_VALUE_BITS = 256;

    /**
     * Draws a secret exponent of {@link #PRIVATE_VALUE_BITS} bits, its top bit set.
     *
     * @return a or b
     */
    static BigInteger privateValue() {
        return new BigInteger(PRIVATE_VALUE_BITS, RANDOM).setBit(PRIVATE_VALUE_BITS - 1);
    }

    private Srp() {
    }

    /**
     * What the server keeps instead of the password.
     *
     * @param salt     random, sent to clients
     * @param verifier {@code g^x mod N}
     */
    public record Verifier(byte[] salt, BigInteger verifier) {

        /**
         * Computes a verifier with a fresh salt.
         *
         * @param password the password
         * @return the verifier
         */
        public static Verifier of(String password) {
            byte[] salt = new byte[SALT_BYTES];
            RANDOM.nextBytes(salt);
            SRP6VerifierGenerator generator = new SRP6VerifierGenerator();
            generator.init(GROUP, new SHA256Digest());
            byte[] stretched = stretch(password, salt);
            try {
                return new Verifier(salt, generator.generateVerifier(salt, IDENTITY, stretched));
            } finally {
                Arrays.fill(stretched, (byte) 0);
            }
        }
    }

    /**
     * Stretches the password with PBKDF2 for a salt, deliberately slowly (100,000 HMACs); the copies
     * of it made on the way are wiped.
     *
     * @param password the password
     * @param salt     the server's salt
     * @return the stretched password, SRP's password input
     */
    public static byte[] stretch(String password, byte[] salt) {
        char[] characters = password.toCharArray();
        try {
            PBEKeySpec spec = new PBEKeySpec(characters, salt, PBKDF2_ITERATIONS, 256);
            try {
                return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            } finally {
                spec.clearPassword();
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JDK lacks PBKDF2WithHmacSHA256", e);
        } finally {
            Arrays.fill(characters, '\0');
        }
    }

    /**
     * Derives the two directions' AES keys from the SRP session key, bound to both public values.
     *
     * @return {client-to-server key, server-to-client key}
     */
    static byte[][] sessionKeys(BigInteger sessionKey, BigInteger clientPublic, BigInteger serverPublic) {
        MessageDigest transcript = sha256();
        transcript.update(BigIntegers.asUnsignedByteArray(clientPublic));
        transcript.update(BigIntegers.asUnsignedByteArray(serverPublic));
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(BigIntegers.asUnsignedByteArray(sessionKey), transcript.digest(),
                "cyberdb v1 frame keys".getBytes(StandardCharsets.US_ASCII)));
        byte[] clientToServer = new byte[32];
        byte[] serverToClient = new byte[32];
        hkdf.generateBytes(clientToServer, 0, 32);
        hkdf.generateBytes(serverToClient, 0, 32);
        return new byte[][] {clientToServer, serverToClient};
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static BigInteger positive(byte[] bytes) {
        return new BigInteger(1, bytes);
    }

    static byte[] bytes(BigInteger value) {
        return BigIntegers.asUnsignedByteArray(value);
    }
}
