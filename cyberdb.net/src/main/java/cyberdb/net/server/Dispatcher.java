package cyberdb.net.server;

import cyberdb.client.wire.FrameDecoder;
import cyberdb.client.wire.Frames;
import cyberdb.client.wire.Op;
import cyberdb.client.wire.ProtocolException;
import cyberdb.client.wire.Status;
import cyberdb.core.value.MalformedValueException;
import cyberdb.core.value.ValueReader;
import cyberdb.core.value.ValueWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.FastThreadLocal;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * One authenticated connection's requests, on its event loop. A request is decoded whole, then
 * run against the database at once; its answer goes out when what it wrote is as durable as the
 * server promises, which for {@code fsync always} is after a group commit, without the loop ever
 * waiting for the disk. Answers too large for one frame go out in parts.
 *
 * <p>Bounds: at most {@code maxInFlight} requests may wait for their answer, and reading stops
 * while the client leaves answers unread beyond the write buffer's high-water mark; a client whose
 * unread answers exceed {@code maxOutputBytes} is disconnected, as Redis's
 * {@code client-output-buffer-limit} does, and others are not affected.
 */
final class Dispatcher extends ChannelInboundHandlerAdapter {

    /** Sent by a closing server: stop reading, answer what is in flight, then close. */
    static final Object DRAIN = new Object();

    private static final System.Logger LOG = System.getLogger("cyberdb.net");
    /** A response body above this size is not kept for the next request. */
    private static final int KEPT_BUFFER_BYTES = 64 * 1024;
    /**
     * Where each event loop writes its answers before they are copied into frames: one per loop,
     * not one per connection, because a loop runs one request at a time and 10,000 idle
     * connections would otherwise hold 40 MiB of empty buffers.
     */
    private static final FastThreadLocal<ValueWriter> BODIES = new FastThreadLocal<>() {
        @Override
        protected ValueWriter initialValue() {
            return new ValueWriter(4096);
        }
    };

    private final ServerRuntime server;
    private final ServerRuntime.Settings settings;
    private final RequestHandler handler;
    private final int maxFrameBytes;
    private InetAddress address;
    private int inFlight;
    private boolean draining;
    private long lastRequestNanos = System.nanoTime();
    private ScheduledFuture<?> idleCheck;
    private ScheduledFuture<?> stallCheck;
    private FrameDecoder decoder;

    Dispatcher(ServerRuntime server, int maxFrameBytes) {
        this.server = server;
        this.settings = server.settings();
        this.handler = new RequestHandler(settings.database(), server::info, settings.stats(), maxFrameBytes);
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        address = ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress();
        decoder = ctx.pipeline().get(FrameDecoder.class);
        long idle = settings.idleTimeout().toNanos();
        if (idle > 0) {
            idleCheck = ctx.executor().scheduleAtFixedRate(() -> {
                if (inFlight == 0 && System.nanoTime() - lastRequestNanos > idle) {
                    LOG.log(Level.DEBUG, () -> "Closing idle connection from " + address);
                    ctx.close();
                }
            }, idle / 2, idle / 2, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws ProtocolException {
        lastRequestNanos = System.nanoTime();
        ByteBuf frame = (ByteBuf) msg;
        try {
            // Closed by a protocol error or the output limit: the decoder still hands over the frames it
            // had split off behind that point, and none of them may run.
            if (!draining && ctx.channel().isActive()) {
                handle(ctx, frame);
            }
        } finally {
            // Decoding copied out everything the request keeps, so its bytes can go.
            frame.release();
        }
    }

    private void handle(ChannelHandlerContext ctx, ByteBuf frame) throws ProtocolException {
        settings.stats().received(frame.readableBytes());
        byte[] data;
        ValueReader in;
        if (frame.hasArray()) {
            data = frame.array();
            in = new ValueReader(data, frame.arrayOffset() + frame.readerIndex(), frame.readableBytes());
        } else {
            data = ByteBufUtil.getBytes(frame);
            in = new ValueReader(data, 0, data.length);
        }
        long id;
        int requestStart;
        RequestHandler.Request request;
        try {
            if (in.readByte() != Frames.REQUEST) {
                throw new ProtocolException("Expected a request frame");
            }
            id = in.varLong();
            requestStart = in.position();
            request = handler.decode(in);
        } catch (MalformedValueException malformed) {
            throw new ProtocolException("Malformed request: " + malformed.getMessage(), malformed);
        }
        if (settings.requestLog()) {
            LOG.log(Level.INFO, address + " " + request.op() + (request.table().isEmpty() ? "" : " " + request.table()));
        }
        Replication replication = settings.replication();
        if (replication != null && (request.op().writes() || request.op().readsData())) {
            // Decoded whole above, so only a well-formed request enters the log.
            byte[] bytes = Arrays.copyOfRange(data, requestStart, in.position());
            replicate(ctx, id, request, request.op().writes() ? replication.replicate(bytes) : replication.read(bytes));
        } else if (request.op() == Op.SAVE) {
            save(ctx, id, request);
        } else {
            run(ctx, id, request);
        }
    }

    /** Runs a request on the loop; answers now, or once its writes are durable. */
    private void run(ChannelHandlerContext ctx, long id, RequestHandler.Request request) {
        ValueWriter body = BODIES.get();
        long start = System.nanoTime();
        CompletableFuture<Void> durable = carryOut(request, body);
        settings.stats().served(request.op(), request.table(), System.nanoTime() - start, body.buffer()[0], address);
        if (body.size() > settings.maxOutputBytes()) {
            // It could never be sent: the client would be cut off for it. Say so instead.
            int size = body.size();
            body = new ValueWriter(4096);
            BODIES.set(body);
            body.writeByte(Status.ILLEGAL_ARGUMENT.code()).string("The answer is " + size + " bytes, more than the"
                    + " server's output limit of " + settings.maxOutputBytes() + " (--max-output-bytes), so it was not"
                    + " sent; the request itself was carried out. Ask for less at once: iterate, or read a slice.");
        }
        settings.stats().sent(body.size());
        List<ByteBuf> answer;
        if (body.buffer().length > KEPT_BUFFER_BYTES) {
            // A large answer goes out from the writer's own array, which the next request must not reuse.
            answer = frames(ctx, id, body, true);
            BODIES.set(new ValueWriter(4096));
        } else {
            answer = frames(ctx, id, body, false);
        }
        if (durable.isDone() && !durable.isCompletedExceptionally()) {
            send(ctx, answer);
            return;
        }
        started(ctx);
        durable.whenComplete((done, failure) -> ctx.executor().execute(() -> {
            if (failure == null) {
                send(ctx, answer);
            } else {
                answer.forEach(ByteBuf::release);
                ValueWriter error = new ValueWriter(256);
                error.writeByte(Status.STORAGE.code()).string(String.valueOf(rootCause(failure).getMessage()));
                send(ctx, frames(ctx, id, error));
            }
            ctx.flush();
            finished(ctx);
        }));
    }

    /** Runs a request's work, its answer or error written to the body; the future tells when its writes are durable. */
    private CompletableFuture<Void> carryOut(RequestHandler.Request request, ValueWriter body) {
        body.reset();
        body.writeByte(Status.OK.code());
        try {
            return settings.database().run(() -> request.work().accept(body));
        } catch (RuntimeException failed) {
            error(body, failed);
            return CompletableFuture.completedFuture(null);
        }
    }

    /**
     * A cluster member's write, through the replicated log that runs it on every member's engine,
     * or its read of the data, run once the member caught up with what was acknowledged: answered
     * when it comes back, without the loop waiting.
     */
    private void replicate(ChannelHandlerContext ctx, long id, RequestHandler.Request request,
                           CompletableFuture<byte[]> answered) {
        started(ctx);
        long start = System.nanoTime();
        answered.whenComplete((answer, failure) -> ctx.executor().execute(() -> {
            ValueWriter body = new ValueWriter(answer == null ? 256 : answer.length);
            if (failure == null) {
                body.raw(answer, 0, answer.length);
            } else {
                body.writeByte(Status.STORAGE.code()).string("The cluster could not " + (request.op().writes()
                        ? "commit the write: " : "answer the read: ") + rootCause(failure).getMessage());
            }
            settings.stats().served(request.op(), request.table(), System.nanoTime() - start, body.buffer()[0], address);
            settings.stats().sent(body.size());
            send(ctx, frames(ctx, id, body));
            ctx.flush();
            finished(ctx);
        }));
    }

    /** Takes a snapshot, off the loop, shared with the other clients asking meanwhile; answers once it is taken. */
    private void save(ChannelHandlerContext ctx, long id, RequestHandler.Request request) {
        started(ctx);
        long start = System.nanoTime();
        CompletableFuture<Void> saved;
        try {
            saved = server.saves().request(() -> request.work().accept(new ValueWriter(16)));
        } catch (RejectedExecutionException closing) {
            finished(ctx);
            ctx.close();
            return;
        }
        saved.whenComplete((done, failure) -> ctx.executor().execute(() -> {
            ValueWriter result = new ValueWriter(64).writeByte(Status.OK.code());
            if (failure != null) {
                Throwable cause = rootCause(failure);
                result.reset();
                result.writeByte(Status.of(cause).code()).string(String.valueOf(cause.getMessage()));
            }
            settings.stats().served(Op.SAVE, "", System.nanoTime() - start, result.buffer()[0], address);
            settings.stats().sent(result.size());
            send(ctx, frames(ctx, id, result));
            ctx.flush();
            finished(ctx);
        }));
    }

    private void error(ValueWriter body, RuntimeException failed) {
        Status status = Status.of(failed);
        if (status == Status.FAILED) {
            LOG.log(Level.ERROR, "Request from " + address + " failed unexpectedly", failed);
        }
        body.reset();
        body.writeByte(status.code()).string(String.valueOf(failed.getMessage()));
    }

    private static Throwable rootCause(Throwable failure) {
        return failure.getCause() != null && failure instanceof java.util.concurrent.CompletionException
                ? failure.getCause() : failure;
    }

    private List<ByteBuf> frames(ChannelHandlerContext ctx, long id, ValueWriter answer) {
        return frames(ctx, id, answer, false);
    }

    /**
     * The answer's frames: one, or parts of at most a frame's size each, the last a RESPONSE.
     * Given the writer's array ({@code adopt}), the frames wrap it instead of copying it.
     */
    private List<ByteBuf> frames(ChannelHandlerContext ctx, long id, ValueWriter answer, boolean adopt) {
        List<ByteBuf> frames = new ArrayList<>(1);
        int header = 1 + 10;
        int chunk = maxFrameBytes - header;
        int offset = 0;
        int length = answer.size();
        while (length - offset > chunk) {
            frames.add(frame(ctx, Frames.RESPONSE_PART, id, answer.buffer(), offset, chunk, adopt));
            offset += chunk;
        }
        frames.add(frame(ctx, Frames.RESPONSE, id, answer.buffer(), offset, length - offset, adopt));
        return frames;
    }

    private static ByteBuf frame(ChannelHandlerContext ctx, int kind, long id, byte[] bytes, int offset, int length,
                                 boolean adopt) {
        ByteBuf frame = ctx.alloc().buffer(adopt ? 1 + 10 : 1 + 10 + length);
        frame.writeByte(kind);
        for (long v = id; ; v >>>= 7) {
            if ((v & ~0x7FL) == 0) {
                frame.writeByte((int) v);
                break;
            }
            frame.writeByte((int) ((v & 0x7F) | 0x80));
        }
        if (!adopt) {
            return frame.writeBytes(bytes, offset, length);
        }
        return ctx.alloc().compositeBuffer(2).addComponents(true, frame, Unpooled.wrappedBuffer(bytes, offset, length));
    }

    private void send(ChannelHandlerContext ctx, List<ByteBuf> answer) {
        for (ByteBuf frame : answer) {
            ctx.write(frame, ctx.voidPromise());
        }
        long unread = unread(ctx);
        if (unread > settings.maxOutputBytes()) {
            // Answers of this read not yet offered to the socket do not count against a client that reads.
            ctx.flush();
            unread = unread(ctx);
        }
        if (unread > settings.maxOutputBytes()) {
            LOG.log(Level.WARNING, "Disconnected " + address + ": " + unread + " bytes of answers wait unread, more than"
                    + " the limit of " + settings.maxOutputBytes() + " (a client that sends and does not read)");
            ctx.close();
        }
    }

    private static long unread(ChannelHandlerContext ctx) {
        return ctx.channel().unsafe().outboundBuffer() == null ? 0
                : ctx.channel().unsafe().outboundBuffer().totalPendingWriteBytes();
    }

    private void started(ChannelHandlerContext ctx) {
        if (++inFlight >= settings.maxInFlight()) {
            ctx.channel().config().setAutoRead(false);
        }
    }

    private void finished(ChannelHandlerContext ctx) {
        inFlight--;
        if (draining && inFlight == 0) {
            ctx.close();
        } else {
            resumeIfAllowed(ctx);
        }
    }

    private void resumeIfAllowed(ChannelHandlerContext ctx) {
        if (!draining && inFlight < settings.maxInFlight() && ctx.channel().isWritable()
                && !decoder.waitingForRoom()) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
    }

    /** Stops reading while the client leaves answers unread; goes on when it has read them. */
    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            if (stallCheck != null) {
                stallCheck.cancel(false);
                stallCheck = null;
            }
            resumeIfAllowed(ctx);
        } else {
            ctx.channel().config().setAutoRead(false);
            if (stallCheck == null) {
                watchForStall(ctx, unread(ctx));
            }
        }
        ctx.fireChannelWritabilityChanged();
    }

    /**
     * Held answers below the output limit are still memory: a client that reads none of them for
     * the stall time lets go of them. One that reads, however slowly, is watched again.
     */
    private void watchForStall(ChannelHandlerContext ctx, long unreadBefore) {
        stallCheck = ctx.executor().schedule(() -> {
            stallCheck = null;
            if (ctx.channel().isWritable()) {
                return;
            }
            long unreadNow = unread(ctx);
            if (unreadNow < unreadBefore) {
                watchForStall(ctx, unreadNow);
            } else {
                LOG.log(Level.WARNING, "Disconnected " + address + ": it read none of its " + unreadNow
                        + " bytes of answers for " + settings.maxOutputStall().toMillis() + " ms");
                ctx.close();
            }
        }, settings.maxOutputStall().toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event == FrameDecoder.ROOM) {
            resumeIfAllowed(ctx);
        } else if (event == DRAIN) {
            draining = true;
            ctx.channel().config().setAutoRead(false);
            if (inFlight == 0) {
                ctx.close();
            }
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable protocol = cause instanceof ProtocolException ? cause : cause.getCause();
        if (cause.getClass() == OutOfMemoryError.class) {
            // The heap, while running a request: the data's doing, or at least the data's to make room for.
            // Netty's OutOfDirectMemoryError (a subclass) is about buffers, which the data limit would not help.
            server.ranOutOfHeap((OutOfMemoryError) cause, address);
        } else if (protocol instanceof ProtocolException) {
            LOG.log(Level.WARNING, "Closing connection from " + address + ": " + protocol.getMessage());
        } else if (cause instanceof IOException) {
            LOG.log(Level.DEBUG, () -> "Connection from " + address + " ended: " + cause);
        } else {
            LOG.log(Level.ERROR, "Closing connection from " + address + " after an unexpected failure", cause);
        }
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (idleCheck != null) {
            idleCheck.cancel(false);
        }
        if (stallCheck != null) {
            stallCheck.cancel(false);
        }
        ctx.fireChannelInactive();
    }
}
