package cyberdb.client.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Splits the byte stream into frames. A length above the limit is refused, closing the
 * connection, before anything of that size is allocated; a frame is passed on only once it has
 * arrived whole, as a slice of the received bytes. Given a {@link ReceiveBudget}, a frame that
 * has to wait for more bytes first reserves its size there, and reading pauses until it can.
 */
public final class FrameDecoder extends ByteToMessageDecoder {

    /** Fired down the pipeline when reading paused for room in the budget may resume. */
    public static final Object ROOM = new Object();

    /**
     * Frames up to this size reserve nothing: before the handshake only smaller ones are
     * accepted at all, and after it a connection holds at most one partial frame.
     */
    static final int UNRESERVED_BYTES = 64 * 1024;
    /** Room after a large frame's buffer for what follows it in the same read. */
    private static final int LARGE_SLACK_BYTES = 64 * 1024;
    /** How long a reserved frame may take to arrive whole. */
    static final int FRAME_DEADLINE_SECONDS = 60;

    private final ReceiveBudget budget;
    private volatile int maxPayloadBytes = Frames.HANDSHAKE_MAX_BYTES;
    /** After a refusal the connection is closing: nothing more of it is read. */
    private boolean refused;
    /** Bytes reserved in the budget for the frame being received. */
    private long reserved;
    private boolean waitingForRoom;
    /** The length of the large frame being received, once checked (and reserved); 0 if none. */
    private long pendingFrame;
    /** The buffer that frame is gathered in, while it is. */
    private ByteBuf gathering;
    private long reservations;

    /** A decoder whose frames reserve nothing: for a client, which reads only what it asked for. */
    public FrameDecoder() {
        this(null);
    }

    /**
     * A decoder whose partly received frames reserve their size in a budget shared with others.
     *
     * @param budget the budget, or {@code null} for none
     */
    public FrameDecoder(ReceiveBudget budget) {
        this.budget = budget;
        setCumulator(this::cumulate);
    }

    /**
     * Gathers a large frame in one heap buffer of its own size instead of a buffer grown (and
     * copied) read after read: it is then copied once from the socket, and opened and read where
     * it lies. Only a frame whose header {@link #decode} has checked against the limit (and, with
     * a budget, reserved room for) is gathered so: its length is {@link #pendingFrame}. Small
     * frames go the usual way.
     */
    private ByteBuf cumulate(ByteBufAllocator alloc, ByteBuf cumulation, ByteBuf in) {
        if (cumulation == gathering && cumulation.isWritable(in.readableBytes())) {
            try {
                return cumulation.writeBytes(in);
            } finally {
                in.release();
            }
        }
        long whole = Frames.HEADER_BYTES + pendingFrame;
        if (pendingFrame > 0 && cumulation != gathering && cumulation.readableBytes() + in.readableBytes() < whole) {
            // Slack for the start of the next frame, which often comes with the end of this one.
            ByteBuf frame = alloc.heapBuffer((int) whole + LARGE_SLACK_BYTES);
            try {
                frame.writeBytes(cumulation).writeBytes(in);
            } catch (RuntimeException e) {
                frame.release();
                throw e;
            } finally {
                in.release();
            }
            cumulation.release();
            gathering = frame;
            return frame;
        }
        return MERGE_CUMULATOR.cumulate(alloc, cumulation, in);
    }

    /**
     * Sets the largest payload accepted from now on, sealing overhead included.
     *
     * @param maxPayloadBytes the limit in bytes
     */
    public void maxPayloadBytes(int maxPayloadBytes) {
        this.maxPayloadBytes = maxPayloadBytes;
    }

    /**
     * Tells whether reading is paused for room in the budget; whoever else pauses and resumes
     * reading must leave it paused meanwhile.
     *
     * @return {@code true} while waiting
     */
    public boolean waitingForRoom() {
        return waitingForRoom;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws ProtocolException {
        if (refused) {
            in.skipBytes(in.readableBytes());
            return;
        }
        while (in.readableBytes() >= Frames.HEADER_BYTES && !waitingForRoom) {
            long length = in.getUnsignedInt(in.readerIndex());
            if (length == 0 || length > maxPayloadBytes) {
                refused = true;
                in.skipBytes(in.readableBytes());
                throw new ProtocolException("Frame of " + length + " bytes; this side accepts 1 to " + maxPayloadBytes);
            }
            if (in.readableBytes() < Frames.HEADER_BYTES + length) {
                if (length > UNRESERVED_BYTES) {
                    if (budget != null && reserved == 0) {
                        reserve(ctx, length);
                    }
                    if (budget == null || reserved > 0) {
                        pendingFrame = length;
                    }
                }
                return;
            }
            in.skipBytes(Frames.HEADER_BYTES);
            out.add(in.readRetainedSlice((int) length));
            releaseReserved();
            pendingFrame = 0;
            // Once its frame is out, the buffer it was gathered in belongs to that frame's reader alone.
            gathering = null;
        }
    }

    private void reserve(ChannelHandlerContext ctx, long length) {
        if (!budget.reserve(length, () -> ctx.executor().execute(() -> room(ctx)))) {
            waitingForRoom = true;
            ctx.channel().config().setAutoRead(false);
            return;
        }
        reserved = length;
        long reservation = ++reservations;
        // A client that announces a large frame and then sends it slowly, or not at all, must not keep the room.
        ctx.executor().schedule(() -> {
            if (reservations == reservation && reserved > 0 && ctx.channel().isActive()) {
                ctx.fireExceptionCaught(new ProtocolException("A frame of " + length + " bytes did not arrive whole within "
                        + FRAME_DEADLINE_SECONDS + " s of its header"));
            }
        }, FRAME_DEADLINE_SECONDS, TimeUnit.SECONDS);
    }

    /** On the event loop, once room was freed: reserve again, and resume if that worked. */
    private void room(ChannelHandlerContext ctx) {
        if (!waitingForRoom || ctx.isRemoved()) {
            return;
        }
        waitingForRoom = false;
        // Decode what is already here: the frame may be whole by now, or it reserves (or waits) again.
        try {
            channelRead(ctx, Unpooled.EMPTY_BUFFER);
        } catch (Exception e) {
            ctx.fireExceptionCaught(e);
            return;
        }
        if (!waitingForRoom) {
            ctx.fireUserEventTriggered(ROOM);
        }
    }

    private void releaseReserved() {
        if (reserved > 0) {
            budget.release(reserved);
            reserved = 0;
        }
    }

    /** While paused for room, no read ahead either (the decoder would otherwise ask for more bytes). */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
        if (waitingForRoom) {
            ctx.fireChannelReadComplete();
        } else {
            super.channelReadComplete(ctx);
        }
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        releaseReserved();
        waitingForRoom = false;
        pendingFrame = 0;
        gathering = null;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        super.channelInactive(ctx);
        // After the superclass's last decoding, which could have reserved again.
        releaseReserved();
        waitingForRoom = false;
    }
}
