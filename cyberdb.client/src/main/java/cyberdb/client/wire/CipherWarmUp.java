package cyberdb.client.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs {@link FrameCipher}'s sealing and opening paths with a throwaway key until the JIT has
 * compiled them, once per JVM, on a low-priority daemon thread started by the first frame of
 * {@link #LARGE_BYTES} or more that is sealed or opened: a program that only ever sends small
 * frames never pays for it, nor does a storm of new connections.
 *
 * <p>Why: the JDK's AES-GCM reaches its AES-NI and carry-less-multiply intrinsics only from
 * compiled code, which takes some ten thousand calls of at least 8 KiB. Before that it runs in
 * plain Java at about 100 MB/s, and since a large value is one call however large it is, a
 * server that receives a value of 1 MiB now and then would take 10 ms for each where compiled
 * code takes 0.06 ms (measured on this project's machine; {@code bench/results/large-values.md}).
 * The warm-up costs about 0.6 s of one core.
 */
final class CipherWarmUp {

    private static final AtomicBoolean STARTED = new AtomicBoolean();
    /** From this size on, the JDK hands a payload to the intrinsic that compiled code reaches. */
    static final int LARGE_BYTES = 7_680;
    /** Enough calls for the JIT's last tier: 10,000 made the 1 MiB case compiled, 2,000 did not. */
    static final int ROUNDS = 12_000;
    /** At least {@link #LARGE_BYTES}. */
    private static final int PAYLOAD_BYTES = 8 * 1024;

    private CipherWarmUp() {
    }

    /** Starts the warm-up unless this JVM has already started it. */
    static void start() {
        if (STARTED.compareAndSet(false, true)) {
            Thread warmUp = Thread.ofPlatform().daemon().name("cyberdb-cipher-warm-up").unstarted(() -> run(ROUNDS));
            warmUp.setPriority(Thread.MIN_PRIORITY);
            warmUp.start();
        }
    }

    /**
     * Seals and opens {@code rounds} payloads through every path connections take: a frame sealed
     * whole and one sealed in pieces, opened from an array and from a direct buffer.
     *
     * @param rounds how many
     * @throws IllegalStateException if a payload does not come back as it was sealed
     */
    static void run(int rounds) {
        ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
        byte[] key = new byte[32];
        FrameCipher sealing = new FrameCipher(key);
        FrameCipher opening = new FrameCipher(key);
        for (int round = 0; round < rounds; round++) {
            ByteBuf plain = alloc.heapBuffer(PAYLOAD_BYTES);
            plain.writerIndex(PAYLOAD_BYTES).setInt(0, round);
            ByteBuf sealed = round % 2 == 0 ? sealing.seal(plain, alloc) : sealing.sealInPieces(plain, alloc, PAYLOAD_BYTES / 2);
            ByteBuf received = sealed;
            if (round % 4 < 2) {
                // As a large frame arrives: gathered in an array.
                received = alloc.heapBuffer(sealed.readableBytes()).writeBytes(sealed);
                sealed.release();
            }
            ByteBuf opened;
            try {
                opened = opening.open(received, alloc);
            } catch (ProtocolException e) {
                throw new IllegalStateException("AES-GCM did not open what it sealed", e);
            }
            try {
                if (opened.readableBytes() != PAYLOAD_BYTES || opened.getInt(0) != round) {
                    throw new IllegalStateException("AES-GCM opened something else than it sealed");
                }
            } finally {
                opened.release();
            }
        }
    }
}
