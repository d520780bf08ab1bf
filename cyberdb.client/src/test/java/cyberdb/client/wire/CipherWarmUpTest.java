package cyberdb.client.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CipherWarmUpTest {

    @Test
    void theWarmUpRoundTripsEveryPathItRuns() {
        CipherWarmUp.run(64);
    }

    @Test
    void aPayloadSealedInPiecesOfAnySizeOpensWhole() throws ProtocolException {
        ByteBufAllocator alloc = UnpooledByteBufAllocator.DEFAULT;
        byte[] key = new byte[32];
        FrameCipher sealing = new FrameCipher(key);
        FrameCipher opening = new FrameCipher(key);
        Random random = new Random(7);
        for (int pieceBytes : new int[] {1, 16, 1000, 4096, 100_000}) {
            byte[] payload = new byte[10_000 + random.nextInt(1000)];
            random.nextBytes(payload);
            ByteBuf sealed = sealing.sealInPieces(alloc.heapBuffer().writeBytes(payload), alloc, pieceBytes);
            ByteBuf opened = opening.open(sealed, alloc);
            try {
                assertArrayEquals(payload, ByteBufUtil.getBytes(opened), "pieces of " + pieceBytes);
            } finally {
                opened.release();
            }
        }
    }
}
