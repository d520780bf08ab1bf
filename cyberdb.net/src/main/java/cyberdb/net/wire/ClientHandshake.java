package cyberdb.net.wire;

import cyberdb.api.AuthenticationException;
import cyberdb.api.ConnectionException;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.agreement.srp.SRP6Client;
import org.bouncycastle.crypto.digests.SHA256Digest;

/**
 * The client's side of the {@link Handshake}. Stretching the password is deliberately slow, so
 * the result is remembered per server salt: only a client's first connection to a server pays.
 */
public final class ClientHandshake {

    private final String password;
    private final ConcurrentMap<String, byte[]> stretched = new ConcurrentHashMap<>();

    /**
     * Prepares handshakes with a password.
     *
     * @param password the server's password
     */
    public ClientHandshake(String password) {
        this.password = password;
    }

    /**
     * Authenticates to the server and, if asked, switches the channel to sealed frames.
     *
     * @param channel       a fresh connection
     * @param encrypted     whether to encrypt
     * @param maxFrameBytes this client's frame limit
     * @throws AuthenticationException if either side's proof fails
     * @throws ConnectionException     if the server refuses the connection
     * @throws IOException             if the socket fails or the server breaks the protocol
     */
    public void run(FrameChannel channel, boolean encrypted, int maxFrameBytes) throws IOException {
        new Handshake.Hello(Handshake.VERSION, encrypted, maxFrameBytes).send(channel);
        byte[] reply = channel.receive();
        if (reply.length > 0 && reply[0] == Handshake.REFUSE) {
            throw new ConnectionException("The server refused the connection: "
                    + Handshake.parse(reply, 1, r -> r.string()));
        }
        if (reply.length == 0 || reply[0] != Handshake.CHALLENGE) {
            throw new ProtocolException("Expected the server's challenge");
        }
        record Challenge(long version, byte[] salt, byte[] serverPublic, long frameBytes) {
        }
        Challenge challenge = Handshake.parse(reply, 1,
                r -> new Challenge(r.varLong(), r.bytes(), Handshake.number(r), r.varLong()));
        if (challenge.version() != Handshake.VERSION || challenge.salt().length != Srp.SALT_BYTES
                || challenge.frameBytes() < FrameChannel.HANDSHAKE_FRAME_BYTES) {
            throw new ProtocolException("Malformed challenge (protocol version " + challenge.version() + ")");
        }

        SRP6Client srp = new SRP6Client();
        srp.init(Srp.GROUP, new SHA256Digest(), Srp.RANDOM);
        byte[] secret = stretched.computeIfAbsent(Arrays.toString(challenge.salt()), k -> Srp.stretch(password, challenge.salt()));
        BigInteger clientPublic = srp.generateClientCredentials(challenge.salt(), Srp.IDENTITY, secret);
        BigInteger serverPublic = Srp.positive(challenge.serverPublic());
        BigInteger evidence;
        try {
            srp.calculateSecret(serverPublic);
            evidence = srp.calculateClientEvidenceMessage();
        } catch (CryptoException invalid) {
            throw new AuthenticationException("The server sent an invalid SRP value; it is not a genuine CyberDB server.");
        }
        Handshake.send(channel, Handshake.PROOF, Srp.bytes(clientPublic), Srp.bytes(evidence));

        byte[] verdict = channel.receive();
        if (verdict.length > 0 && verdict[0] == Handshake.FAILED) {
            throw new AuthenticationException("The server did not accept the password. Check the password given to the"
                    + " client and the server.");
        }
        if (verdict.length == 0 || verdict[0] != Handshake.VERIFIED) {
            throw new ProtocolException("Expected the server's verdict");
        }
        byte[] serverEvidence = Handshake.parse(verdict, 1, Handshake::number);
        try {
            if (!srp.verifyServerEvidenceMessage(Srp.positive(serverEvidence))) {
                throw new AuthenticationException("The server could not prove that it knows the password: it may be an"
                        + " impostor. Nothing was sent.");
            }
            if (encrypted) {
                byte[][] keys = Srp.sessionKeys(srp.calculateSessionKey(), clientPublic, serverPublic);
                channel.encrypt(keys[0], keys[1]);
            }
        } catch (CryptoException e) {
            throw new ProtocolException("SRP failed after the server's proof", e);
        }
        channel.maxFrameBytes((int) Math.min(challenge.frameBytes(), maxFrameBytes));
    }
}
