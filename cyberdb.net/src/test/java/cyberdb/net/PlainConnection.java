package cyberdb.net;

import cyberdb.client.wire.Frames;
import cyberdb.client.wire.Handshake;
import cyberdb.client.wire.Op;
import cyberdb.client.wire.ProtocolException;
import cyberdb.client.wire.Srp;
import cyberdb.core.value.ValueReader;
import cyberdb.core.value.ValueWriter;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.agreement.srp.SRP6Client;
import org.bouncycastle.crypto.agreement.srp.SRP6StandardGroups;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.util.BigIntegers;

/**
 * A client on a bare blocking socket that speaks the plaintext protocol by hand: no event loop and
 * no thread of its own, so a test can hold thousands of them, stop reading one, or send frames no
 * real client would. The handshake comes in steps so that a test can run many side by side.
 */
public final class PlainConnection implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] IDENTITY = "cyberdb".getBytes(StandardCharsets.UTF_8);
    /** PBKDF2 costs tens of milliseconds; every connection to one server shares its salt. */
    private static final Map<String, byte[]> STRETCHED = new ConcurrentHashMap<>();

    /**
     * The client's side of SRP with a 256-bit secret instead of a 2048-bit one: the server cannot
     * tell, and a test opening thousands of connections spends its CPU on the server's side.
     */
    private static final class QuickSrpClient extends SRP6Client {
        @Override
        protected BigInteger selectPrivateValue() {
            return new BigInteger(256, RANDOM).setBit(255);
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final DataOutputStream out;
    private QuickSrpClient srp;
    private long nextId;

    private PlainConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
        this.out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
    }

    /**
     * Opens a socket to a server on loopback; reads wait at most 20 s.
     *
     * @param port the server's port
     * @return the connection, not yet authenticated
     * @throws IOException if it cannot connect
     */
    public static PlainConnection open(int port) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(20_000);
        return new PlainConnection(socket);
    }

    /**
     * Opens a connection and completes the handshake.
     *
     * @param port the server's port
     * @return the authenticated connection
     * @throws IOException if it cannot connect or the server hangs up
     */
    public static PlainConnection authenticated(int port) throws IOException {
        PlainConnection connection = open(port);
        try {
            connection.sendHello();
            connection.sendProof();
            connection.awaitVerified();
            return connection;
        } catch (IOException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** @return the socket, for a test that needs its options */
    public Socket socket() {
        return socket;
    }

    /**
     * Sends HELLO for a plaintext session.
     *
     * @throws IOException if the socket fails
     */
    public void sendHello() throws IOException {
        sendFrame(new Handshake.Hello(Frames.VERSION, false, 16 << 20).encode());
    }

    /**
     * Reads the server's challenge and sends the proof for {@link Servers#PASSWORD}.
     *
     * @throws IOException if the socket fails or the server refuses
     */
    public void sendProof() throws IOException {
        byte[] frame = readFrame();
        if (frame == null || frame.length == 0 || frame[0] != Handshake.CHALLENGE) {
            throw new IOException("Expected a challenge, got " + describe(frame));
        }
        try {
            Handshake.Challenge challenge = Handshake.Challenge.decode(frame);
            byte[] stretched = STRETCHED.computeIfAbsent(HexFormat.of().formatHex(challenge.salt()),
                    salt -> Srp.stretch(Servers.PASSWORD, challenge.salt()));
            srp = new QuickSrpClient();
            srp.init(SRP6StandardGroups.rfc5054_2048, new SHA256Digest(), RANDOM);
            BigInteger clientPublic = srp.generateClientCredentials(challenge.salt(), IDENTITY, stretched);
            srp.calculateSecret(new BigInteger(1, challenge.serverPublic()));
            BigInteger evidence = srp.calculateClientEvidenceMessage();
            sendFrame(Handshake.message(Handshake.PROOF, BigIntegers.asUnsignedByteArray(clientPublic),
                    BigIntegers.asUnsignedByteArray(evidence)));
        } catch (ProtocolException | CryptoException e) {
            throw new IOException("Bad challenge: " + e.getMessage(), e);
        }
    }

    /**
     * Reads VERIFIED and checks the server's proof.
     *
     * @throws IOException if the socket fails or the server did not verify
     */
    public void awaitVerified() throws IOException {
        byte[] frame = readFrame();
        if (frame == null || frame.length == 0 || frame[0] != Handshake.VERIFIED) {
            throw new IOException("Expected VERIFIED, got " + describe(frame));
        }
        try {
            if (!srp.verifyServerEvidenceMessage(new BigInteger(1, Handshake.numbers(frame, 1)[0]))) {
                throw new IOException("The server's proof is wrong");
            }
        } catch (ProtocolException | CryptoException e) {
            throw new IOException("Bad VERIFIED: " + e.getMessage(), e);
        }
    }

    private static String describe(byte[] frame) {
        if (frame == null) {
            return "the end of the stream";
        }
        if (frame.length > 0 && (frame[0] == Handshake.REFUSE || frame[0] == Handshake.FAILED)) {
            try {
                return (char) frame[0] + " " + Handshake.text(frame);
            } catch (ProtocolException e) {
                return Arrays.toString(frame);
            }
        }
        return frame.length + " bytes starting with " + (frame.length == 0 ? "nothing" : frame[0]);
    }

    /**
     * Sends a request and flushes it.
     *
     * @param op        the operation
     * @param table     the table, empty for the catalogue
     * @param arguments writes the arguments
     * @return the request's id
     * @throws IOException if the socket fails
     */
    public long send(Op op, String table, Consumer<ValueWriter> arguments) throws IOException {
        long id = queue(op, table, arguments);
        flush();
        return id;
    }

    /**
     * Writes a request into the socket's buffer without flushing it, for pipelining.
     *
     * @param op        the operation
     * @param table     the table, empty for the catalogue
     * @param arguments writes the arguments
     * @return the request's id
     * @throws IOException if the socket fails
     */
    public long queue(Op op, String table, Consumer<ValueWriter> arguments) throws IOException {
        long id = ++nextId;
        ValueWriter request = new ValueWriter(64).writeByte(Frames.REQUEST).varLong(id).writeByte(op.code()).string(table);
        arguments.accept(request);
        out.writeInt(request.size());
        out.write(request.buffer(), 0, request.size());
        return id;
    }

    /**
     * Sends one frame as given.
     *
     * @param payload the frame's payload
     * @throws IOException if the socket fails
     */
    public void sendFrame(byte[] payload) throws IOException {
        queueFrame(payload);
        flush();
    }

    /**
     * Writes one frame as given into the socket's buffer without flushing it.
     *
     * @param payload the frame's payload
     * @throws IOException if the socket fails
     */
    public void queueFrame(byte[] payload) throws IOException {
        out.writeInt(payload.length);
        out.write(payload);
    }

    /**
     * Flushes what {@link #queue} wrote.
     *
     * @throws IOException if the socket fails
     */
    public void flush() throws IOException {
        out.flush();
    }

    /**
     * Reads one frame.
     *
     * @return its payload, or {@code null} if the server closed the connection (or reset it)
     * @throws IOException if the read times out or the socket fails otherwise
     */
    public byte[] readFrame() throws IOException {
        try {
            byte[] frame = new byte[in.readInt()];
            in.readFully(frame);
            return frame;
        } catch (EOFException end) {
            return null;
        } catch (SocketException reset) {
            if (socket.isClosed()) {
                throw reset;
            }
            return null;
        }
    }

    /**
     * An answer: the id it is for, its status and what follows.
     *
     * @param id     the request's id
     * @param status the status byte
     * @param body   the result, or the error's message, after the status
     */
    public record Answer(long id, int status, ValueReader body) {
    }

    /**
     * Reads one whole answer, joining its parts.
     *
     * @return the answer, or {@code null} if the server closed the connection
     * @throws IOException if the read times out or the socket fails
     */
    public Answer read() throws IOException {
        java.io.ByteArrayOutputStream parts = new java.io.ByteArrayOutputStream();
        while (true) {
            byte[] frame = readFrame();
            if (frame == null) {
                return null;
            }
            ValueReader reader = new ValueReader(frame, 0, frame.length);
            int kind = reader.readByte();
            long id = reader.varLong();
            parts.write(frame, reader.position(), reader.remaining());
            if (kind == Frames.RESPONSE) {
                byte[] whole = parts.toByteArray();
                ValueReader body = new ValueReader(whole, 0, whole.length);
                return new Answer(id, body.readByte(), body);
            }
            if (kind != Frames.RESPONSE_PART) {
                throw new IOException("Unexpected frame kind " + kind);
            }
        }
    }

    /**
     * Reads until the server hangs up, throwing away what arrives.
     *
     * @throws UncheckedIOException if the read times out
     */
    public void drain() {
        try {
            while (readFrame() != null) {
                // Until the end of the stream.
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing.
        }
    }
}
