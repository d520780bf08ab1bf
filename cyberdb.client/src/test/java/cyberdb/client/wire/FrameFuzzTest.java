package cyberdb.client.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Property-based fuzzing of the frame decoder and the cipher, on Netty's embedded channel:
 * arbitrary bytes never do more than fail cleanly, and a flipped bit in sealed traffic is never
 * accepted.
 */
class FrameFuzzTest {

    /** What a write into an embedded channel threw, checked or not; {@code null} if nothing. */
    private static Throwable attempt(Runnable write) {
        try {
            write.run();
            return null;
        } catch (Throwable thrown) {
            return thrown;
        }
    }

    @Property(tries = 2000)
    void arbitraryBytesYieldBoundedFramesOrARefusal(@ForAll @Size(max = 20_000) byte[] input,
                                                   @ForAll @IntRange(min = 1, max = 8192) int limit) {
        FrameDecoder decoder = new FrameDecoder();
        decoder.maxPayloadBytes(limit);
        EmbeddedChannel channel = new EmbeddedChannel(decoder);
        int consumed = 0;
        Throwable refused = attempt(() -> channel.writeInbound(Unpooled.wrappedBuffer(input)));
        assertTrue(refused == null || refused instanceof DecoderException && refused.getCause() instanceof ProtocolException,
                String.valueOf(refused));
        ByteBuf frame;
        while ((frame = channel.readInbound()) != null) {
            assertTrue(frame.readableBytes() <= limit, "a frame above the limit was accepted");
            consumed += Frames.HEADER_BYTES + frame.readableBytes();
            frame.release();
        }
        assertTrue(consumed <= input.length);
        attempt(channel::finishAndReleaseAll);
    }

    @Property(tries = 500)
    void aSingleFlippedBitInSealedTrafficIsNeverAccepted(@ForAll @Size(min = 1, max = 6) List<@Size(min = 1, max = 300) byte[]> payloads,
                                                        @ForAll @IntRange(min = 0, max = 100_000) int flipAt,
                                                        @ForAll @IntRange(min = 0, max = 7) int bit,
                                                        @ForAll boolean oneRecord) {
        byte[] key = new byte[32];
        key[0] = 7;
        EmbeddedChannel sender = new EmbeddedChannel(FrameEncoder.INSTANCE, new CipherHandler(key, key, 1 << 16));
        for (byte[] payload : payloads) {
            if (oneRecord) {
                sender.write(Unpooled.wrappedBuffer(payload));   // sealed together at the flush
            } else {
                sender.writeOutbound(Unpooled.wrappedBuffer(payload));
            }
        }
        sender.flushOutbound();
        ByteBuf wire = Unpooled.buffer();
        ByteBuf piece;
        while ((piece = sender.readOutbound()) != null) {
            wire.writeBytes(piece);
            piece.release();
        }
        byte[] bytes = ByteBufUtil.getBytes(wire);
        int flipped = flipAt % bytes.length;
        bytes[flipped] ^= (byte) (1 << bit);

        FrameDecoder decoder = new FrameDecoder();
        decoder.maxPayloadBytes(1 << 16);
        EmbeddedChannel receiver = new EmbeddedChannel(decoder, new CipherHandler(key, key, 1 << 16));
        Throwable refused = attempt(() -> receiver.writeInbound(Unpooled.wrappedBuffer(bytes)));
        boolean failed = refused instanceof ProtocolException || refused != null && refused.getCause() instanceof ProtocolException;
        assertTrue(refused == null || failed, "refused cleanly: " + refused);
        List<byte[]> received = new ArrayList<>();
        ByteBuf frame;
        while ((frame = receiver.readInbound()) != null) {
            received.add(ByteBufUtil.getBytes(frame));
            frame.release();
        }
        assertTrue(failed || received.size() < payloads.size(), "a corrupted stream was accepted whole");
        for (int i = 0; i < received.size(); i++) {
            assertArrayEquals(payloads.get(i), received.get(i), "only untouched frames before the flip are delivered");
        }
        attempt(receiver::finishAndReleaseAll);
    }
}
