package cyberdb.net.wire;

import cyberdb.core.value.ValueWriter;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.agreement.srp.SRP6Server;
import org.bouncycastle.crypto.digests.SHA256Digest;

/** The server's side of the {@link Handshake}. */
public final class ServerHandshake {

    /** The client did not prove knowledge of the password; it has been told so. */
    public static final class Failed extends IOException {
        private static final long serialVersionUID = 1L;

        Failed() {
            super("Authentication failed");
        }
    }

    private ServerHandshake() {
    }

    /**
     * Refuses a connection before the handshake, with a reason the client will show.
     *
     * @param channel the new connection
     * @param reason  why
     * @throws IOException if sending fails
     */
    public static void refuse(FrameChannel channel, String reason) throws IOException {
        Handshake.sendText(channel, Handshake.REFUSE, reason);
    }

    /**
     * Authenticates a client and, in encrypted mode, switches the channel to sealed frames.
     *
     * @param channel       the new connection, with the handshake deadline as its read timeout
     * @param verifier      the password verifier
     * @param encrypted     whether this server encrypts
     * @param maxFrameBytes this server's frame limit
     * @param failureDelay  how long to wait before answering a wrong proof (grows with a client's failures)
     * @throws Failed            if the client's proof is wrong
     * @throws ProtocolException if the client breaks the protocol or asks for what this server does not do
     * @throws IOException       if the socket fails or the deadline passes
     */
    public static void run(FrameChannel channel, Srp.Verifier verifier, boolean encrypted, int maxFrameBytes,
                           Duration failureDelay) throws IOException {
        Handshake.Hello hello = Handshake.Hello.receive(channel);
        if (hello.version() != Handshake.VERSION) {
            refuse(channel, "Protocol version " + hello.version() + " is not supported; this server speaks version "
                    + Handshake.VERSION + ". Use a matching CyberDB client.");
            throw new ProtocolException("Client protocol version " + hello.version());
        }
        if (hello.encrypted() != encrypted) {
            refuse(channel, encrypted
                    ? "This server accepts encrypted connections only; connect with encryption on."
                    : "This server is plaintext; connect with encrypted(false), or start the server with encryption.");
            throw new ProtocolException("Client asked for " + (hello.encrypted() ? "encrypted" : "plaintext") + " mode");
        }
        int agreedFrameBytes = (int) Math.max(FrameChannel.HANDSHAKE_FRAME_BYTES, Math.min(hello.maxFrameBytes(), maxFrameBytes));

        SRP6Server srp = new SRP6Server();
        srp.init(Srp.GROUP, verifier.verifier(), new SHA256Digest(), Srp.RANDOM);
        BigInteger serverPublic = srp.generateServerCredentials();
        ValueWriter challenge = new ValueWriter(600).writeByte(Handshake.CHALLENGE)
                .varLong(Handshake.VERSION).bytes(verifier.salt()).bytes(Srp.bytes(serverPublic)).varLong(agreedFrameBytes);
        channel.send(challenge.buffer(), challenge.size());

        byte[] proofFrame = channel.receive();
        if (proofFrame.length == 0 || proofFrame[0] != Handshake.PROOF) {
            throw new ProtocolException("Expected the client's proof");
        }
        byte[][] proof = Handshake.parse(proofFrame, 1, r -> new byte[][] {Handshake.number(r), Handshake.number(r)});
        BigInteger clientPublic = Srp.positive(proof[0]);
        boolean proven;
        try {
            srp.calculateSecret(clientPublic);
            proven = srp.verifyClientEvidenceMessage(Srp.positive(proof[1]));
        } catch (CryptoException invalid) {
            proven = false;
        }
        if (!proven) {
            pause(failureDelay);
            Handshake.sendText(channel, Handshake.FAILED, "Authentication failed");
            throw new Failed();
        }
        try {
            Handshake.send(channel, Handshake.VERIFIED, Srp.bytes(srp.calculateServerEvidenceMessage()));
            if (encrypted) {
                byte[][] keys = Srp.sessionKeys(srp.calculateSessionKey(), clientPublic, serverPublic);
                channel.encrypt(keys[1], keys[0]);
            }
        } catch (CryptoException e) {
            throw new ProtocolException("SRP failed after a valid proof", e);
        }
        channel.maxFrameBytes(agreedFrameBytes);
    }

    private static void pause(Duration delay) throws IOException {
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while delaying a failed login", e);
        }
    }
}
