package cyberdb.client.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;

/**
 * Prefixes each outgoing payload with its length. A payload already in direct memory goes out
 * as it is; a large one on the heap is copied into pooled pieces first, which the socket takes as
 * they are, where the transport would otherwise copy it into one buffer of its whole size.
 */
@ChannelHandler.Sharable
public final class FrameEncoder extends ChannelOutboundHandlerAdapter {

    /** Stateless: one instance serves every channel. */
    public static final FrameEncoder INSTANCE = new FrameEncoder();

    private FrameEncoder() {
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        ByteBuf payload = (ByteBuf) msg;
        ByteBuf header = ctx.alloc().buffer(Frames.HEADER_BYTES).writeInt(payload.readableBytes());
        ctx.write(header, ctx.voidPromise());
        ctx.write(payload.isDirect() || payload.readableBytes() <= FrameCipher.PIECE_BYTES ? payload
                : inPieces(payload, ctx.alloc()), promise);
    }

    private static ByteBuf inPieces(ByteBuf payload, ByteBufAllocator alloc) {
        int length = payload.readableBytes();
        CompositeByteBuf pieces = alloc.compositeDirectBuffer(length / FrameCipher.PIECE_BYTES + 1);
        try {
            while (payload.isReadable()) {
                int n = Math.min(payload.readableBytes(), FrameCipher.PIECE_BYTES);
                pieces.addComponent(true, alloc.directBuffer(n).writeBytes(payload, n));
            }
            return pieces;
        } catch (RuntimeException e) {
            pieces.release();
            throw e;
        } finally {
            payload.release();
        }
    }
}
