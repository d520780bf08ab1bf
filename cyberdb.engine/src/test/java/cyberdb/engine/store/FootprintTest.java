package cyberdb.engine.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cyberdb.core.value.Blob;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

class FootprintTest {

    private static final long MIB = 1 << 20;

    @Test
    void anArrayOfHalfAG1RegionOrMoreTakesWholeRegions() {
        assertEquals(5 * MIB, Footprint.array(4 * MIB, MIB), "4 MiB and a header: five regions of 1 MiB");
        assertEquals(8 * MIB, Footprint.array(4 * MIB, 4 * MIB), "just over a region of 4 MiB: two");
        assertEquals(4 * MIB, Footprint.array(2 * MIB, 4 * MIB), "half a region: one of its own");
        assertEquals(MIB, Footprint.array(MIB / 2 - 16, MIB), "exactly half of 1 MiB, header included: a region");
    }

    @Test
    void smallerArraysAndCollectorsThatPackLargeOnesCountHeaderAndPadding() {
        assertEquals(24, Footprint.array(1, MIB));
        assertEquals(MIB / 2 - 8, Footprint.array(MIB / 2 - 30, MIB), "just under half a region");
        assertEquals(4 * MIB + 16, Footprint.array(4 * MIB, 0), "no regions: the array as it is");
    }

    @Test
    void aWideCharacterAnywhereMakesTwoBytesACharacter() {
        for (String one : new String[] {"a", "é"}) {
            String latin = one.repeat(10_000);
            for (int at : new int[] {0, 255, 256, 511, 4095, 4096, 8192, 9999}) {
                String wide = latin.substring(0, at) + "漢" + latin.substring(at + 1);
                assertEquals(Footprint.of(latin) + 10_000, Footprint.of(wide), "a wide character at " + at + " among " + one);
            }
        }
        assertEquals(Footprint.of("a".repeat(10_000)), Footprint.of("a".repeat(9_999) + "ÿ"), "é, ÿ: one byte each");
        assertEquals(24 + 24, Footprint.of("plain"));
    }

    @Test
    void aStoredValueCountsItsArrayAsTheRunningJvmLaysItOut() {
        boolean g1 = ManagementFactory.getGarbageCollectorMXBeans().stream().anyMatch(gc -> gc.getName().startsWith("G1"));
        long large = Footprint.of(Blob.copyOf(new byte[(int) (4 * MIB)]));
        if (g1) {
            assertTrue(large >= 16 + 5 * MIB && large % MIB == 16, "under G1, whole regions: " + large);
        } else {
            assertEquals(16 + 4 * MIB + 16, large);
        }
        assertEquals(16 + 24, Footprint.of(Blob.copyOf(new byte[1])));
    }
}
