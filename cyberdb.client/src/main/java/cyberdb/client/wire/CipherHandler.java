package cyberdb.client.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import java.util.ArrayList;
import java.util.List;

/**
 * Seals outgoing frames and opens incoming ones, once the handshake has agreed the keys; it sits
 * between the frame codec and the handler of requests or responses.
 *
 * <p>The frames written between two flushes are sealed together, as one record: each keeps its
 * own length inside it, and the record costs one cipher set-up and one tag however many frames
 * it carries. Many requests sent at once (pipelined, or from many threads) are thus sealed, and
 * opened, a record at a time. A frame too large to copy cheaply is sealed as a record of its own.
 */
public final class CipherHandler extends ChannelDuplexHandler {

    /** The bytes a record adds to a frame it carries alone: the frame's length inside, and the tag. */
    public static final int OVERHEAD_BYTES = Frames.HEADER_BYTES + FrameCipher.TAG_BYTES;

    private final FrameCipher sending;
    private final FrameCipher receiving;
    private final int maxFrameBytes;
    /** Frames written since the last flush, each after its length, not yet sealed. */
    private ByteBuf batch;
    private final List<ChannelPromise> batchPromises = new ArrayList<>();
    /**
     * Once a record fails authentication the connection is closing: records the decoder had
     * already split off behind it are dropped, not delivered, even though they would open (their
     * nonces are intact), so a tampered record cannot simply be skipped.
     */
    private boolean failed;

    /**
     * Creates the handler for one connection.
     *
     * @param sendKey       the key of records this side sends
     * @param receiveKey    the key of records this side receives
     * @param maxFrameBytes the largest frame either side sends, agreed in the handshake
     */
    public CipherHandler(byte[] sendKey, byte[] receiveKey, int maxFrameBytes) {
        this.sending = new FrameCipher(sendKey);
        this.receiving = new FrameCipher(receiveKey);
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws ProtocolException {
        if (failed) {
            ((ByteBuf) msg).release();
            return;
        }
        ByteBuf record;
        try {
            record = receiving.open((ByteBuf) msg, ctx.alloc());
        } catch (ProtocolException e) {
            failed = true;
            throw e;
        }
        try {
            while (record.isReadable()) {
                long length = record.readableBytes() >= Frames.HEADER_BYTES ? record.readUnsignedInt() : -1;
                if (length < 1 || length > record.readableBytes() || length > maxFrameBytes) {
                    // Authentic, so the peer itself sent it: not a CyberDB peer, or a broken one.
                    failed = true;
                    throw new ProtocolException("A sealed record holds a frame of " + length + " bytes where "
                            + record.readableBytes() + " remain");
                }
                ctx.fireChannelRead(record.readRetainedSlice((int) length));
            }
        } finally {
            record.release();
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        ByteBuf frame = (ByteBuf) msg;
        int length = frame.readableBytes();
        if (length > FrameCipher.PIECE_BYTES) {
            // Copying it into the batch would cost more than a record of its own.
            sealBatch(ctx);
            ByteBuf header = ctx.alloc().buffer(Frames.HEADER_BYTES).writeInt(length);
            ctx.write(sending.seal(ctx.alloc().compositeBuffer(2).addComponents(true, header, frame), ctx.alloc()), promise);
            return;
        }
        if (batch != null && batch.readableBytes() + Frames.HEADER_BYTES + length > maxFrameBytes + Frames.HEADER_BYTES) {
            sealBatch(ctx);
        }
        if (batch == null) {
            batch = ctx.alloc().heapBuffer(Math.max(1024, Frames.HEADER_BYTES + length));
        }
        try {
            batch.writeInt(length).writeBytes(frame);
        } finally {
            frame.release();
        }
        if (!promise.isVoid()) {
            batchPromises.add(promise);
        }
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        sealBatch(ctx);
        ctx.flush();
    }

    private void sealBatch(ChannelHandlerContext ctx) {
        if (batch == null) {
            return;
        }
        ByteBuf plain = batch;
        batch = null;
        if (batchPromises.isEmpty()) {
            ctx.write(sending.seal(plain, ctx.alloc()), ctx.voidPromise());
            return;
        }
        List<ChannelPromise> promises = List.copyOf(batchPromises);
        batchPromises.clear();
        ChannelFuture written = ctx.write(sending.seal(plain, ctx.alloc()));
        written.addListener(f -> promises.forEach(p -> {
            if (f.isSuccess()) {
                p.trySuccess();
            } else {
                p.tryFailure(f.cause());
            }
        }));
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (batch != null) {
            batch.release();
            batch = null;
        }
    }
}
