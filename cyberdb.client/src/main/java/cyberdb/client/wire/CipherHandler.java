package cyberdb.client.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

/**
 * Opens every incoming frame and seals every outgoing one, once the handshake has agreed the
 * keys; it sits between the frame codec and the handler of requests or responses.
 */
public final class CipherHandler extends ChannelDuplexHandler {

    /** The bytes sealing adds to a payload. */
    public static final int OVERHEAD_BYTES = FrameCipher.TAG_BYTES;

    private final FrameCipher sending;
    private final FrameCipher receiving;
    /**
     * Once a frame fails authentication the connection is closing: frames the decoder had already
     * split off behind it are dropped, not delivered, even though they would open (their nonces
     * are intact), so a tampered frame cannot simply be skipped.
     */
    private boolean failed;

    /**
     * Creates the handler for one connection.
     *
     * @param sendKey    the key of frames this side sends
     * @param receiveKey the key of frames this side receives
     */
    public CipherHandler(byte[] sendKey, byte[] receiveKey) {
        this.sending = new FrameCipher(sendKey);
        this.receiving = new FrameCipher(receiveKey);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws ProtocolException {
        if (failed) {
            ((ByteBuf) msg).release();
            return;
        }
        ByteBuf opened;
        try {
            opened = receiving.open((ByteBuf) msg, ctx.alloc());
        } catch (ProtocolException e) {
            failed = true;
            throw e;
        }
        ctx.fireChannelRead(opened);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        ctx.write(sending.seal((ByteBuf) msg, ctx.alloc()), promise);
    }
}
