package cyberdb.client.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FrameCipherTest {

    /**
     * The JDK opens a frame through a copy of the whole array when the opened bytes would go
     * into the array the sealed ones lie in, as a pool's chunk holds both more often than not.
     */
    @Test
    void aFrameLyingInAPooledArrayOpensIntoAnArrayOfItsOwn() throws ProtocolException {
        ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
        byte[] key = new byte[32];
        FrameCipher sealing = new FrameCipher(key);
        FrameCipher opening = new FrameCipher(key);
        Random random = new Random(11);
        for (int size : new int[] {10_000, 200_000, 200_000, 1 << 20}) {
            byte[] payload = new byte[size];
            random.nextBytes(payload);
            ByteBuf sealed = sealing.seal(alloc.heapBuffer(size).writeBytes(payload), alloc);
            ByteBuf gathered = alloc.heapBuffer(sealed.readableBytes()).writeBytes(sealed);
            sealed.release();
            byte[] gatheredArray = gathered.array();
            ByteBuf opened = opening.open(gathered, alloc);
            try {
                assertNotSame(gatheredArray, opened.array(), size + " bytes opened into the sealed frame's array");
                assertArrayEquals(payload, ByteBufUtil.getBytes(opened));
            } finally {
                opened.release();
            }
        }
    }
}
