package cyberdb.client.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Splits the byte stream into frames. A length above the limit is refused, closing the
 * connection, before anything of that size is allocated; a frame is passed on only once it has
 * arrived whole, as a slice of the received bytes.
 */
public final class FrameDecoder extends ByteToMessageDecoder {

    private volatile int maxPayloadBytes = Frames.HANDSHAKE_MAX_BYTES;
    /** After a refusal the connection is closing: nothing more of it is read. */
    private boolean refused;

    /**
     * Sets the largest payload accepted from now on, sealing overhead included.
     *
     * @param maxPayloadBytes the limit in bytes
     */
    public void maxPayloadBytes(int maxPayloadBytes) {
        this.maxPayloadBytes = maxPayloadBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws ProtocolException {
        if (refused) {
            in.skipBytes(in.readableBytes());
            return;
        }
        while (in.readableBytes() >= Frames.HEADER_BYTES) {
            long length = in.getUnsignedInt(in.readerIndex());
            if (length == 0 || length > maxPayloadBytes) {
                refused = true;
                in.skipBytes(in.readableBytes());
                throw new ProtocolException("Frame of " + length + " bytes; this side accepts 1 to " + maxPayloadBytes);
            }
            if (in.readableBytes() < Frames.HEADER_BYTES + length) {
                return;
            }
            in.skipBytes(Frames.HEADER_BYTES);
            out.add(in.readRetainedSlice((int) length));
        }
    }
}
