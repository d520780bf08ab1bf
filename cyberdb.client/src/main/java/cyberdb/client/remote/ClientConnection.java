package cyberdb.client.remote;

import cyberdb.api.ConnectionException;
import cyberdb.api.CyberDBException;
import cyberdb.api.spi.ClientConfig;
import cyberdb.client.wire.FrameDecoder;
import cyberdb.client.wire.FrameEncoder;
import cyberdb.client.wire.Frames;
import cyberdb.client.wire.Op;
import cyberdb.client.wire.Status;
import cyberdb.core.value.MalformedValueException;
import cyberdb.core.value.ValueReader;
import cyberdb.core.value.ValueWriter;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One authenticated connection that many threads share. A request gets an id and a future;
 * requests from all threads wait in one queue that the connection's event loop drains into the
 * socket with a single flush, and each response completes the future of its id, in whatever order
 * the server answers. A broken connection fails every request still waiting, with
 * {@link ConnectionException}.
 */
final class ClientConnection {

    /**
     * What a request is waiting for: its answer, assembled from as many frames as the server
     * sends, and read into a result on the event loop while its frame is at hand.
     */
    private static final class Pending<T> {
        final CompletableFuture<T> answer = new CompletableFuture<>();
        final Function<ValueReader, T> result;
        final long sentNanos = System.nanoTime();
        final Op op;
        /** The parts received so far of an answer larger than a frame, retained until the last. */
        List<ByteBuf> parts;

        Pending(Op op, Function<ValueReader, T> result) {
            this.op = op;
            this.result = result;
        }

        /** Reads the answer into the result, or the error the server answered with; never leaves it waiting. */
        void complete(ValueReader body) {
            T value;
            try {
                int status = body.readByte();
                if (status != Status.OK.code()) {
                    answer.completeExceptionally(Status.exception(status, body.string()));
                    return;
                }
                value = result.apply(body);
            } catch (RuntimeException | OutOfMemoryError e) {
                answer.completeExceptionally(e);
                return;
            }
            answer.complete(value);
        }

        void releaseParts() {
            if (parts != null) {
                parts.forEach(ByteBuf::release);
                parts = null;
            }
        }
    }

    private final String server;
    private final int maxInFlight;
    private final Duration requestTimeout;
    private final Map<Long, Pending<?>> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final Queue<ByteBuf> outbox = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private volatile Channel channel;
    private volatile int maxFrameBytes = Frames.HANDSHAKE_MAX_BYTES;
    private volatile long lastUsedNanos = System.nanoTime();

    private ClientConnection(String server, int maxInFlight, Duration requestTimeout) {
        this.server = server;
        this.maxInFlight = maxInFlight;
        this.requestTimeout = requestTimeout;
    }

    /**
     * Connects and authenticates.
     *
     * @param bootstrap   the client's bootstrap, with its event loops and socket options
     * @param config      the server's address, the encryption wanted, the frame limit and timeouts
     * @param secrets     the password
     * @param maxInFlight the most requests waiting for an answer at once
     * @return the connection, once the handshake is done; failed with {@link ConnectionException}
     *         if it is not done within the connect timeout
     */
    static CompletableFuture<ClientConnection> open(Bootstrap bootstrap, ClientConfig config, Secrets secrets,
                                                   int maxInFlight) {
        ClientConnection connection = new ClientConnection(config.host() + ":" + config.port(), maxInFlight,
                config.requestTimeout());
        ClientHandshake handshake = new ClientHandshake(connection, secrets, config.encrypted(), config.maxFrameBytes(),
                config.connectTimeout());
        ChannelFuture connecting = bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ch.pipeline().addLast("frames", new FrameDecoder()).addLast("length", FrameEncoder.INSTANCE)
                        .addLast("handshake", handshake);
            }
        }).connect(config.host(), config.port());
        connection.channel = connecting.channel();
        handshake.expireOn(connection.channel, connection.server);
        connecting.addListener(f -> {
            if (!f.isSuccess()) {
                Throwable cause = plain(f.cause());
                handshake.done().completeExceptionally(new ConnectionException("Cannot connect to CyberDB at "
                        + connection.server + ": " + cause.getMessage() + ". Check that the server runs, the address"
                        + " and port, and that encryption matches.", cause));
            }
        });
        return handshake.done();
    }

    /**
     * The JDK's words for a failed connect: the native transport says
     * {@code finishConnect(..) failed with error(-111): Connection refused: /127.0.0.1:9980}.
     */
    private static Throwable plain(Throwable cause) {
        if (cause instanceof ConnectException && !"Connection refused".equals(cause.getMessage())
                && String.valueOf(cause.getMessage()).contains("Connection refused")) {
            ConnectException refused = new ConnectException("Connection refused");
            refused.initCause(cause);
            return refused;
        }
        return cause;
    }

    /** Called by the handshake once it is done: responses now go to this connection. */
    void ready(ChannelPipeline pipeline, String handshakeName, int agreedFrameBytes) {
        this.maxFrameBytes = agreedFrameBytes;
        pipeline.replace(handshakeName, "responses", new Responses());
        // One sweep per connection rather than a timer per request: a thread may have thousands in flight.
        long period = Math.clamp(requestTimeout.toMillis() / 4, 10, 1_000);
        ScheduledFuture<?> sweep = channel.eventLoop().scheduleWithFixedDelay(this::expire, period, period, TimeUnit.MILLISECONDS);
        channel.closeFuture().addListener(f -> sweep.cancel(false));
    }

    /** On the event loop: fails the requests that waited longer than the request timeout. */
    private void expire() {
        long now = System.nanoTime();
        long timeout = requestTimeout.toNanos();
        for (Pending<?> waiting : pending.values()) {
            if (now - waiting.sentNanos > timeout) {
                waiting.answer.completeExceptionally(new ConnectionException("No answer from the server at " + server
                        + " within " + requestTimeout.toMillis() + " ms to " + waiting.op + "; it may be overloaded or"
                        + " unreachable. The request may or may not have been applied."));
            }
        }
    }

    /** @return the requests waiting for their answer on this connection */
    int inFlight() {
        return pending.size();
    }

    boolean usable() {
        return channel.isActive();
    }

    long idleNanos() {
        return pending.isEmpty() ? System.nanoTime() - lastUsedNanos : 0;
    }

    /**
     * Sends a request; never blocks.
     *
     * @param op        the operation
     * @param table     the table, empty for the catalogue
     * @param arguments writes the arguments
     * @param result    reads the answer after its status, on the event loop; it must not keep the reader
     * @param <T>       the result's type
     * @return the result; completed exceptionally with the error the server raised, or with
     *         {@link ConnectionException} if the connection breaks first
     */
    <T> CompletableFuture<T> send(Op op, String table, Consumer<ValueWriter> arguments, Function<ValueReader, T> result) {
        lastUsedNanos = System.nanoTime();
        ValueWriter request = new ValueWriter(64);
        long id = ids.incrementAndGet();
        request.writeByte(Frames.REQUEST).varLong(id).writeByte(op.code()).string(table);
        arguments.accept(request);
        if (request.size() > maxFrameBytes) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("The request is " + request.size()
                    + " bytes, more than the " + maxFrameBytes + " bytes a frame may hold; send less at once, or raise"
                    + " maxFrameBytes on both client and server."));
        }
        if (pending.size() >= maxInFlight) {
            return CompletableFuture.failedFuture(new CyberDBException("This connection to " + server + " already has "
                    + maxInFlight + " requests waiting for an answer; wait for some before sending more."));
        }
        Pending<T> waiting = new Pending<>(op, result);
        pending.put(id, waiting);
        // An answer removes its request before completing it; a request given up on (timed out, cancelled)
        // is removed here, and the parts of its answer that came are let go of on the loop that holds them.
        waiting.answer.whenComplete((answer, failure) -> {
            pending.remove(id);
            if (failure != null) {
                executeOnLoop(waiting::releaseParts);
            }
        });
        if (!channel.isActive()) {
            waiting.answer.completeExceptionally(lost("the connection is closed"));
            return waiting.answer;
        }
        outbox.add(Unpooled.wrappedBuffer(request.buffer(), 0, request.size()));
        if (drainScheduled.compareAndSet(false, true) && !executeOnLoop(this::drain)) {
            drainScheduled.set(false);
            failAll(lost("the client is closed"));
        }
        return waiting.answer;
    }

    /** Runs on the connection's event loop; {@code false} if the loop has stopped (the client closed). */
    private boolean executeOnLoop(Runnable task) {
        try {
            channel.eventLoop().execute(task);
            return true;
        } catch (RejectedExecutionException stopped) {
            return false;
        }
    }

    /** On the event loop: every queued request into the socket, then one flush for all of them. */
    private void drain() {
        drainScheduled.set(false);
        if (!channel.isActive()) {
            // Closed after these requests were queued, perhaps after it failed the ones before them.
            failAll(lost("the connection is closed"));
            return;
        }
        ByteBuf request;
        while ((request = outbox.poll()) != null) {
            channel.write(request, channel.voidPromise());
        }
        channel.flush();
    }

    private ConnectionException lost(String why) {
        return new ConnectionException("Lost the connection to CyberDB at " + server + " (" + why + "). The request may"
                + " or may not have been applied; the next request connects again.");
    }

    void close() {
        channel.close();
    }

    /** Fails every request still waiting, on the event loop, when the connection is gone. */
    private void failAll(ConnectionException lost) {
        List<Pending<?>> waiting = new ArrayList<>(pending.values());
        pending.clear();
        waiting.forEach(p -> {
            p.releaseParts();
            p.answer.completeExceptionally(lost);
        });
        ByteBuf unsent;
        while ((unsent = outbox.poll()) != null) {
            unsent.release();
        }
    }

    /** The last handler of the pipeline: answers to the requests waiting for them. */
    private final class Responses extends ChannelInboundHandlerAdapter {

        /** Reads a frame's payload where it lies if it is an array, else from a copy. */
        private static ValueReader reader(ByteBuf frame) {
            if (frame.hasArray()) {
                return new ValueReader(frame.array(), frame.arrayOffset() + frame.readerIndex(), frame.readableBytes());
            }
            byte[] bytes = ByteBufUtil.getBytes(frame);
            return new ValueReader(bytes, 0, bytes.length);
        }

        private static long varLong(ByteBuf frame) {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                byte b = frame.readByte();
                value |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    return value;
                }
            }
            throw new MalformedValueException("Request id longer than 10 bytes", frame.readerIndex());
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf frame = (ByteBuf) msg;
            boolean kept = false;
            try {
                kept = answer(frame);
            } catch (MalformedValueException malformed) {
                exceptionCaught(ctx, malformed);
            } finally {
                if (!kept) {
                    frame.release();
                }
            }
        }

        /** Handles a frame; returns whether it was kept as a part of an answer still to come. */
        private boolean answer(ByteBuf frame) {
            int kind = frame.readByte();
            long id = varLong(frame);
            Pending<?> waiting = kind == Frames.RESPONSE_PART ? pending.get(id) : pending.remove(id);
            if (kind == Frames.RESPONSE_PART) {
                if (waiting == null) {
                    return false;
                }
                if (waiting.parts == null) {
                    waiting.parts = new ArrayList<>();
                }
                waiting.parts.add(frame);
                return true;
            }
            if (kind != Frames.RESPONSE) {
                throw new MalformedValueException("Unexpected frame kind " + kind, 0);
            }
            if (waiting == null) {
                return false;
            }
            if (waiting.parts == null) {
                waiting.complete(reader(frame));
                return false;
            }
            // One copy of a multi-part answer, into an array of its exact size.
            waiting.parts.add(frame.retain());
            long size = waiting.parts.stream().mapToLong(ByteBuf::readableBytes).sum();
            if (size > Integer.MAX_VALUE - 8) {
                waiting.releaseParts();
                waiting.answer.completeExceptionally(new CyberDBException("The answer is " + size + " bytes, more than"
                        + " one array holds; ask for less at once (iterate, or read a slice)."));
                return false;
            }
            byte[] whole = new byte[(int) size];
            int at = 0;
            for (ByteBuf part : waiting.parts) {
                int n = part.readableBytes();
                part.getBytes(part.readerIndex(), whole, at, n);
                at += n;
            }
            waiting.releaseParts();
            waiting.complete(new ValueReader(whole, 0, whole.length));
            return false;
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            failAll(lost(String.valueOf(cause.getMessage())));
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            failAll(lost("the server closed it"));
        }
    }
}
