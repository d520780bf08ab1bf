package cyberdb.net.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Property-based fuzzing of the frame decoder: arbitrary bytes never do more than fail cleanly. */
class FrameFuzzTest {

    private static FrameChannel reading(byte[] input) {
        return new FrameChannel(new Socket(), new ByteArrayInputStream(input), OutputStream.nullOutputStream());
    }

    @Property(tries = 2000)
    void arbitraryBytesYieldBoundedFramesOrAnIoError(@ForAll @Size(max = 20_000) byte[] input,
                                                    @ForAll @IntRange(min = 1, max = 8192) int limit) {
        FrameChannel channel = reading(input);
        channel.maxFrameBytes(limit);
        int consumed = 0;
        try {
            while (true) {
                byte[] frame = channel.receive();
                assertTrue(frame.length <= limit, "a frame above the limit was accepted");
                consumed += 4 + frame.length;
                assertTrue(consumed <= input.length);
            }
        } catch (IOException expected) {
            // EOF between frames, a truncated frame, or one over the limit: all clean refusals.
        }
    }

    @Property(tries = 500)
    void aSingleFlippedBitInSealedTrafficIsNeverAccepted(@ForAll @Size(min = 1, max = 6) List<@Size(max = 300) byte[]> payloads,
                                                        @ForAll @IntRange(min = 0, max = 100_000) int flipAt,
                                                        @ForAll @IntRange(min = 0, max = 7) int bit) throws IOException {
        byte[] key = new byte[32];
        key[0] = 7;
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        FrameChannel sender = new FrameChannel(new Socket(), new ByteArrayInputStream(new byte[0]), wire);
        sender.maxFrameBytes(1 << 16);
        sender.encrypt(key, key);
        for (byte[] payload : payloads) {
            sender.send(payload, payload.length);
        }
        byte[] bytes = wire.toByteArray();
        int flipped = flipAt % bytes.length;
        bytes[flipped] ^= (byte) (1 << bit);

        FrameChannel receiver = reading(bytes);
        receiver.maxFrameBytes(1 << 16);
        receiver.encrypt(key, key);
        List<byte[]> received = new ArrayList<>();
        boolean failed = false;
        try {
            while (received.size() < payloads.size()) {
                received.add(receiver.receive());
            }
        } catch (IOException expected) {
            failed = true;
        }
        assertTrue(failed, "a corrupted stream was accepted whole");
        for (int i = 0; i < received.size(); i++) {
            assertArrayEquals(payloads.get(i), received.get(i), "only untouched frames before the flip are delivered");
        }
    }
}
