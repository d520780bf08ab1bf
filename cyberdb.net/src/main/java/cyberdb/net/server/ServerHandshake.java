package cyberdb.net.server;

import cyberdb.client.wire.CipherHandler;
import cyberdb.client.wire.FrameDecoder;
import cyberdb.client.wire.Frames;
import cyberdb.client.wire.Handshake;
import cyberdb.client.wire.ProtocolException;
import cyberdb.client.wire.SrpServerSession;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The server's side of the handshake, as the first handler of an admitted connection: the
 * client's HELLO, the challenge, the check of its proof, then the cipher and the request
 * dispatcher in its place. The exponentiations run on the server's handshake pool, never on the
 * event loop; the whole handshake has a deadline, however slowly its bytes arrive; a wrong proof
 * is answered after a delay that grows with the address's failures, scheduled, not slept.
 */
final class ServerHandshake extends ChannelInboundHandlerAdapter {

    private static final System.Logger LOG = System.getLogger("cyberdb.net");

    private final ServerRuntime server;
    private final ServerRuntime.Settings settings;
    private ScheduledFuture<?> deadline;
    private InetAddress address;
    private SrpServerSession srp;
    private int agreedFrameBytes;
    private boolean busy;

    ServerHandshake(ServerRuntime server) {
        this.server = server;
        this.settings = server.settings();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        address = ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress();
        deadline = ctx.executor().schedule(() -> {
            LOG.log(Level.INFO, "Dropped " + address + ": no handshake within " + settings.handshakeTimeout().toMillis() + " ms");
            ctx.close();
        }, settings.handshakeTimeout().toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        byte[] frame = Frames.bytesOf((ByteBuf) msg);
        if (busy) {
            refuse(ctx, new ProtocolException("The client sent a frame before the server answered the last one"));
            return;
        }
        try {
            if (srp == null) {
                hello(ctx, Handshake.Hello.decode(frame));
            } else {
                proof(ctx, frame);
            }
        } catch (ProtocolException bad) {
            refuse(ctx, bad);
        }
    }

    private void hello(ChannelHandlerContext ctx, Handshake.Hello hello) {
        if (hello.version() != Frames.VERSION) {
            refuse(ctx, "Protocol version " + hello.version() + " is not supported; this server speaks version "
                    + Frames.VERSION + ". Use a matching CyberDB client.", "client protocol version " + hello.version());
            return;
        }
        if (hello.encrypted() != settings.encrypted()) {
            refuse(ctx, settings.encrypted()
                    ? "This server accepts encrypted connections only; connect with encryption on."
                    : "This server is plaintext; connect with encrypted(false), or start the server with encryption.",
                    "client asked for " + (hello.encrypted() ? "encrypted" : "plaintext") + " mode");
            return;
        }
        agreedFrameBytes = (int) Math.max(Frames.HANDSHAKE_MAX_BYTES, Math.min(hello.maxFrameBytes(), settings.maxFrameBytes()));
        offload(ctx, false, () -> {
            SrpServerSession session = new SrpServerSession(settings.verifier());
            byte[] challenge = session.challenge(agreedFrameBytes).encode();
            return () -> {
                srp = session;
                ctx.writeAndFlush(Unpooled.wrappedBuffer(challenge));
            };
        });
    }

    private void proof(ChannelHandlerContext ctx, byte[] frame) throws ProtocolException {
        if (frame.length == 0 || frame[0] != Handshake.PROOF) {
            throw new ProtocolException("Expected the client's proof");
        }
        byte[][] proof = Handshake.numbers(frame, 2);
        SrpServerSession session = srp;
        offload(ctx, true, () -> {
            Optional<SrpServerSession.Verified> verified = session.verify(proof[0], proof[1]);
            return () -> verified.ifPresentOrElse(v -> accept(ctx, v), () -> reject(ctx));
        });
    }

    /** Runs heavy work on the handshake pool, then its continuation back on the event loop. */
    private void offload(ChannelHandlerContext ctx, boolean check, java.util.function.Supplier<Runnable> work) {
        busy = true;
        Runnable step = () -> {
            Runnable then = work.get();
            try {
                ctx.executor().execute(() -> {
                    busy = false;
                    if (ctx.channel().isActive()) {
                        then.run();
                    }
                });
            } catch (RejectedExecutionException stopping) {
                // The server is closing its event loops; the connection goes with them.
            }
        };
        try {
            if (check) {
                server.handshakes().check(step);
            } else {
                server.handshakes().challenge(step);
            }
        } catch (RejectedExecutionException full) {
            refuse(ctx, "The server is busy authenticating many clients at once; try again in a moment.",
                    "the handshake queue is full (" + settings.pendingHandshakes() + " waiting)");
        }
    }

    private void accept(ChannelHandlerContext ctx, SrpServerSession.Verified verified) {
        deadline.cancel(false);
        server.throttle().succeeded(address);
        ctx.writeAndFlush(Unpooled.wrappedBuffer(Handshake.message(Handshake.VERIFIED, verified.evidence())));
        int wireLimit = agreedFrameBytes + (settings.encrypted() ? CipherHandler.OVERHEAD_BYTES : 0);
        ctx.pipeline().get(FrameDecoder.class).maxPayloadBytes(wireLimit);
        if (settings.encrypted()) {
            ctx.pipeline().addBefore(ctx.name(), "cipher", new CipherHandler(verified.serverKey(), verified.clientKey(), agreedFrameBytes));
        }
        ctx.pipeline().replace(this, "requests", new Dispatcher(server, agreedFrameBytes));
    }

    private void reject(ChannelHandlerContext ctx) {
        // The answer waits as long as the throttle says, which may outlast the handshake's deadline.
        deadline.cancel(false);
        Duration delay = server.throttle().delayFor(address);
        int count = server.throttle().failed(address);
        settings.stats().failedLogin();
        LOG.log(Level.WARNING, "Failed login from " + address + " (" + count + " in a row)");
        busy = true;
        ctx.executor().schedule(() -> {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(Handshake.text(Handshake.FAILED, "Authentication failed")))
                    .addListener(ChannelFutureListener.CLOSE);
        }, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void refuse(ChannelHandlerContext ctx, ProtocolException bad) {
        LOG.log(Level.WARNING, "Refused handshake from " + address + ": " + bad.getMessage());
        ctx.close();
    }

    private void refuse(ChannelHandlerContext ctx, String reason, String logged) {
        LOG.log(Level.WARNING, "Refused handshake from " + address + ": " + logged);
        ctx.writeAndFlush(Unpooled.wrappedBuffer(Handshake.text(Handshake.REFUSE, reason)))
                .addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof ProtocolException || cause.getCause() instanceof ProtocolException) {
            LOG.log(Level.WARNING, "Closing connection from " + address + ": " + cause.getMessage());
        } else {
            LOG.log(Level.DEBUG, () -> "Connection from " + address + " ended: " + cause);
        }
        ctx.close();
    }

    /** A closing server drops connections still authenticating: they have nothing in flight. */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event == Dispatcher.DRAIN) {
            ctx.close();
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (deadline != null) {
            deadline.cancel(false);
        }
        ctx.fireChannelInactive();
    }
}
