package cyberdb.client.wire;

import java.math.BigInteger;
import java.util.Optional;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.agreement.srp.SRP6Server;
import org.bouncycastle.crypto.digests.SHA256Digest;

/**
 * The server's side of one SRP-6a exchange: a challenge, then the check of the client's proof.
 * Both steps are modular exponentiations in a 2048-bit group, a few milliseconds each, so a server
 * runs them off its event loops.
 */
public final class SrpServerSession {

    private final SRP6Server srp = new SRP6Server() {
        @Override
        protected BigInteger selectPrivateValue() {
            return Srp.privateValue();
        }
    };
    private final byte[] salt;
    private final BigInteger serverPublic;

    /**
     * Starts an exchange.
     *
     * @param verifier the password's verifier
     */
    public SrpServerSession(Srp.Verifier verifier) {
        srp.init(Srp.GROUP, verifier.verifier(), new SHA256Digest(), Srp.RANDOM);
        this.salt = verifier.salt();
        this.serverPublic = srp.generateServerCredentials();
    }

    /**
     * Returns the challenge to send.
     *
     * @param maxFrameBytes the frame limit agreed for the connection
     * @return the message
     */
    public Handshake.Challenge challenge(long maxFrameBytes) {
        return new Handshake.Challenge(Frames.VERSION, salt, Srp.bytes(serverPublic), maxFrameBytes);
    }

    /**
     * The outcome of a valid proof.
     *
     * @param evidence   M2, the server's proof for the client
     * @param clientKey  the key of frames from the client
     * @param serverKey  the key of frames from the server
     */
    public record Verified(byte[] evidence, byte[] clientKey, byte[] serverKey) {
    }

    /**
     * Checks the client's proof.
     *
     * @param clientPublic A
     * @param evidence     M1
     * @return the server's proof and the keys, or empty if the client does not know the password
     */
    public Optional<Verified> verify(byte[] clientPublic, byte[] evidence) {
        BigInteger a = Srp.positive(clientPublic);
        try {
            srp.calculateSecret(a);
            if (!srp.verifyClientEvidenceMessage(Srp.positive(evidence))) {
                return Optional.empty();
            }
            // Bouncy Castle derives the session key only once both proofs exist: M2 first.
            byte[] serverEvidence = Srp.bytes(srp.calculateServerEvidenceMessage());
            byte[][] keys = Srp.sessionKeys(srp.calculateSessionKey(), a, serverPublic);
            return Optional.of(new Verified(serverEvidence, keys[0], keys[1]));
        } catch (CryptoException invalid) {
            return Optional.empty();
        }
    }
}
