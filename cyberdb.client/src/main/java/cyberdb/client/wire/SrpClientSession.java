package cyberdb.client.wire;

import java.math.BigInteger;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.agreement.srp.SRP6Client;
import org.bouncycastle.crypto.digests.SHA256Digest;

/** The client's side of one SRP-6a exchange: a proof for the server's challenge, then the check of the server's. */
public final class SrpClientSession {

    private final SRP6Client srp = new SRP6Client() {
        @Override
        protected BigInteger selectPrivateValue() {
            return Srp.privateValue();
        }
    };
    private final BigInteger clientPublic;
    private final BigInteger serverPublic;
    private final BigInteger evidence;

    /**
     * Answers a challenge.
     *
     * @param salt         the salt the server sent
     * @param serverPublic B
     * @param stretched    the password stretched with that salt ({@link Srp#stretch})
     * @throws ProtocolException if the server's values are not valid SRP values
     */
    public SrpClientSession(byte[] salt, byte[] serverPublic, byte[] stretched) throws ProtocolException {
        srp.init(Srp.GROUP, new SHA256Digest(), Srp.RANDOM);
        this.clientPublic = srp.generateClientCredentials(salt, Srp.IDENTITY, stretched);
        this.serverPublic = Srp.positive(serverPublic);
        try {
            srp.calculateSecret(this.serverPublic);
            this.evidence = srp.calculateClientEvidenceMessage();
        } catch (CryptoException invalid) {
            throw new ProtocolException("The server sent an invalid SRP value; it is not a genuine CyberDB server.", invalid);
        }
    }

    /**
     * Returns the proof to send: A and M1.
     *
     * @return the message
     */
    public byte[] proof() {
        return Handshake.message(Handshake.PROOF, Srp.bytes(clientPublic), Srp.bytes(evidence));
    }

    /**
     * Checks the server's proof and derives the frame keys.
     *
     * @param serverEvidence M2
     * @return {client-to-server key, server-to-client key}, or {@code null} if the server does not
     *         know the password
     * @throws ProtocolException if SRP fails after a valid proof
     */
    public byte[][] verify(byte[] serverEvidence) throws ProtocolException {
        try {
            if (!srp.verifyServerEvidenceMessage(Srp.positive(serverEvidence))) {
                return null;
            }
            return Srp.sessionKeys(srp.calculateSessionKey(), clientPublic, serverPublic);
        } catch (CryptoException e) {
            throw new ProtocolException("SRP failed after the server's proof", e);
        }
    }
}
