package cyberdb.client.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FrameDecoderTest {

    /** An allocator that remembers the largest buffer asked of it. */
    private static final class Recording extends AbstractByteBufAllocator {
        final AtomicInteger largest = new AtomicInteger();

        @Override
        protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
            largest.accumulateAndGet(initialCapacity, Math::max);
            return Unpooled.buffer(initialCapacity, maxCapacity);
        }

        @Override
        protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
            largest.accumulateAndGet(initialCapacity, Math::max);
            return Unpooled.directBuffer(initialCapacity, maxCapacity);
        }

        @Override
        public boolean isDirectBufferPooled() {
            return false;
        }
    }

    private static EmbeddedChannel channel(FrameDecoder decoder, ByteBufAllocator alloc) {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.config().setAllocator(alloc);
        channel.pipeline().addLast(decoder);
        return channel;
    }

    private static ByteBuf bytes(int... values) {
        ByteBuf buf = Unpooled.buffer();
        for (int v : values) {
            buf.writeByte(v);
        }
        return buf;
    }

    @Test
    void aHugeLengthBeforeTheHandshakeIsRefusedWithoutAllocatingIt() {
        Recording alloc = new Recording();
        EmbeddedChannel channel = channel(new FrameDecoder(new ReceiveBudget(1 << 20)), alloc);
        // 256 MiB announced, then a little of it, in two reads: the second would have gathered it.
        assertThrows(DecoderException.class, () -> channel.writeInbound(bytes(0x10, 0x00, 0x00, 0x00, 1, 2, 3)));
        channel.writeInbound(bytes(4, 5, 6));
        assertTrue(alloc.largest.get() < 1 << 16, "largest buffer: " + alloc.largest.get());
        channel.finishAndReleaseAll();
    }

    @Test
    void aLargeFrameIsGatheredInOneBufferOnlyOnceItsRoomIsReserved() {
        Recording alloc = new Recording();
        ReceiveBudget budget = new ReceiveBudget(1 << 20);
        assertTrue(budget.reserve(1 << 20, () -> { }), "someone else holds the whole budget");
        FrameDecoder decoder = new FrameDecoder(budget);
        decoder.maxPayloadBytes(16 << 20);
        EmbeddedChannel channel = channel(decoder, alloc);
        ByteBuf header = Unpooled.buffer().writeInt(8 << 20).writeBytes(new byte[1000]);
        channel.writeInbound(header);
        assertTrue(decoder.waitingForRoom(), "no room: reading stops");
        assertFalse(channel.config().isAutoRead());
        assertTrue(alloc.largest.get() < 1 << 16, "nothing of the frame's size before its room: " + alloc.largest.get());

        budget.release(1 << 20);   // the room frees; the decoder reserves and resumes
        channel.runPendingTasks();
        assertFalse(decoder.waitingForRoom());
        assertEquals(8 << 20, budget.used());
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[1000]));
        assertTrue(alloc.largest.get() >= 8 << 20, "now gathered in one buffer of its size");
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[(8 << 20) - 2000]));
        ByteBuf frame = channel.readInbound();
        assertEquals(8 << 20, frame.readableBytes());
        assertTrue(frame.hasArray(), "on the heap, to be opened and read where it lies");
        frame.release();
        assertEquals(0, budget.used(), "the frame is whole: its room is given back");
        channel.finishAndReleaseAll();
    }
}
