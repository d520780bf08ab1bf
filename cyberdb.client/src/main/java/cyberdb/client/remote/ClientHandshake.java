package cyberdb.client.remote;

import cyberdb.api.AuthenticationException;
import cyberdb.api.ConnectionException;
import cyberdb.client.wire.CipherHandler;
import cyberdb.client.wire.FrameDecoder;
import cyberdb.client.wire.Frames;
import cyberdb.client.wire.Handshake;
import cyberdb.client.wire.ProtocolException;
import cyberdb.client.wire.SrpClientSession;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The client's side of the handshake, as the first handler of a new connection: HELLO, then the
 * proof for the server's challenge, then the check of the server's proof. On success it puts the
 * cipher (if encrypted) and the connection's response handler in its place and completes
 * {@link #done()}; on any failure it fails it with an exception that says what to do.
 */
final class ClientHandshake extends ChannelInboundHandlerAdapter {

    private final ClientConnection connection;
    private final Secrets secrets;
    private final boolean encrypted;
    private final int maxFrameBytes;
    private final Duration deadline;
    private final CompletableFuture<ClientConnection> done = new CompletableFuture<>();
    private SrpClientSession srp;
    private long agreedFrameBytes;

    ClientHandshake(ClientConnection connection, Secrets secrets, boolean encrypted, int maxFrameBytes,
                    Duration deadline) {
        this.connection = connection;
        this.secrets = secrets;
        this.encrypted = encrypted;
        this.maxFrameBytes = maxFrameBytes;
        this.deadline = deadline;
    }

    CompletableFuture<ClientConnection> done() {
        return done;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        send(ctx, new Handshake.Hello(Frames.VERSION, encrypted, maxFrameBytes).encode());
    }

    /**
     * Bounds connecting and the handshake together by the connect timeout: a server that accepts
     * and then says nothing must not keep requests waiting for the connection.
     *
     * @param channel the connection's channel, just created
     * @param server  the server's address, for the message
     */
    void expireOn(Channel channel, String server) {
        ScheduledFuture<?> expiry = channel.eventLoop().schedule(() -> {
            String what = channel.isActive() ? "did not complete the handshake" : "could not be reached";
            if (done.completeExceptionally(new ConnectionException("The server at " + server + " " + what + " within "
                    + deadline.toMillis() + " ms; it may be overloaded, unreachable, or not a CyberDB server."))) {
                channel.close();
            }
        }, deadline.toMillis(), TimeUnit.MILLISECONDS);
        done.whenComplete((ready, failure) -> expiry.cancel(false));
    }

    private static void send(ChannelHandlerContext ctx, byte[] message) {
        ctx.writeAndFlush(Unpooled.wrappedBuffer(message));
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        byte[] frame = Frames.bytesOf((ByteBuf) msg);
        try {
            if (srp == null) {
                challenged(ctx, frame);
            } else {
                verdict(ctx, frame);
            }
        } catch (ProtocolException | RuntimeException e) {
            fail(ctx, e);
        }
    }

    private void challenged(ChannelHandlerContext ctx, byte[] frame) throws ProtocolException {
        if (frame.length > 0 && frame[0] == Handshake.REFUSE) {
            throw new ConnectionException("The server refused the connection: " + Handshake.text(frame));
        }
        if (frame.length == 0 || frame[0] != Handshake.CHALLENGE) {
            throw new ProtocolException("Expected the server's challenge");
        }
        Handshake.Challenge challenge = Handshake.Challenge.decode(frame);
        if (challenge.version() != Frames.VERSION || challenge.maxFrameBytes() < Frames.HANDSHAKE_MAX_BYTES) {
            throw new ProtocolException("Malformed challenge (protocol version " + challenge.version() + ")");
        }
        agreedFrameBytes = Math.min(challenge.maxFrameBytes(), maxFrameBytes);
        // Stretching the password (the first time) and the SRP exponentiations take milliseconds:
        // not on the event loop, which carries every connection's requests.
        secrets.stretched(challenge.salt()).thenApplyAsync(stretched -> {
            try {
                return new SrpClientSession(challenge.salt(), challenge.serverPublic(), stretched);
            } catch (ProtocolException e) {
                throw new CompletionException(new AuthenticationException(e.getMessage()));
            }
        }, work -> Thread.ofVirtual().name("cyberdb-handshake").start(work)).thenAcceptAsync(session -> {
            srp = session;
            send(ctx, session.proof());
        }, ctx.executor()).exceptionally(failure -> {
            fail(ctx, failure instanceof CompletionException wrapped && wrapped.getCause() != null ? wrapped.getCause() : failure);
            return null;
        });
    }

    private void verdict(ChannelHandlerContext ctx, byte[] frame) throws ProtocolException {
        if (frame.length > 0 && frame[0] == Handshake.FAILED) {
            throw new AuthenticationException("The server did not accept the password. Check the password given to the"
                    + " client and the server.");
        }
        if (frame.length == 0 || frame[0] != Handshake.VERIFIED) {
            throw new ProtocolException("Expected the server's verdict");
        }
        byte[][] keys = srp.verify(Handshake.numbers(frame, 1)[0]);
        if (keys == null) {
            throw new AuthenticationException("The server could not prove that it knows the password: it may be an"
                    + " impostor. Nothing was sent.");
        }
        int wireLimit = (int) agreedFrameBytes + (encrypted ? CipherHandler.OVERHEAD_BYTES : 0);
        ctx.pipeline().get(FrameDecoder.class).maxPayloadBytes(wireLimit);
        if (encrypted) {
            ctx.pipeline().addBefore(ctx.name(), "cipher", new CipherHandler(keys[0], keys[1], (int) agreedFrameBytes));
        }
        connection.ready(ctx.pipeline(), ctx.name(), (int) agreedFrameBytes);
        done.complete(connection);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(ctx, cause);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        fail(ctx, new ConnectionException("The server closed the connection during the handshake."));
    }

    private void fail(ChannelHandlerContext ctx, Throwable cause) {
        Throwable reason = cause instanceof ConnectionException ? cause
                : new ConnectionException("The handshake with the server failed: " + cause.getMessage(), cause);
        if (done.completeExceptionally(reason)) {
            ctx.close();
        }
    }
}
