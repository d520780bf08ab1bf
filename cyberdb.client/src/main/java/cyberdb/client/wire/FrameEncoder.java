package cyberdb.client.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;

/** Prefixes each outgoing payload with its length, without copying the payload. */
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
        ctx.write(payload, promise);
    }
}
