package cyberdb.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cyberdb.api.CyberDB;
import cyberdb.api.CyberDict;
import cyberdb.api.CyberList;
import cyberdb.api.CyberProxy;
import cyberdb.api.EmbeddedClient;
import cyberdb.api.MemoryLimitException;
import cyberdb.engine.embedded.LocalClient;
import cyberdb.engine.store.Engine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemoryLimitTest {

    @TempDir
    Path dir;

    private static String text(int length) {
        return "x".repeat(length);
    }

    /** What the footprint of the same content comes to when computed from scratch. */
    private static long recomputed(Engine engine) {
        Engine fresh = new Engine();
        fresh.restore(engine.image());
        return fresh.footprint();
    }

    @Property(tries = 60)
    void theFootprintKeptWriteByWriteEqualsTheFootprintOfTheContent(
            @ForAll @Size(max = 60) List<@IntRange(min = 0, max = 999) Integer> steps) {
        Engine engine = new Engine();
        try (LocalClient db = new LocalClient(engine); CyberProxy proxy = db.proxy().connect()) {
            CyberDict<Object, Object> dict = proxy.createDict("d");
            CyberList<Object> list = proxy.createList("l");
            for (int step : steps) {
                String key = "k" + step % 7;
                Object value = switch (step % 5) {
                    case 0 -> text(step);
                    case 1 -> (long) step;
                    case 2 -> List.of(text(step % 50), step, Map.of("n", step));
                    case 3 -> new byte[step];
                    default -> null;
                };
                switch (step % 12) {
                    case 0, 1, 2 -> dict.put(key, value);
                    case 3 -> dict.remove(key);
                    case 4 -> dict.putLast(key, value);
                    case 5 -> list.add(value);
                    case 6 -> list.add(0, value);
                    case 7 -> {
                        if (!list.isEmpty()) {
                            list.set(step % list.size(), value);
                        }
                    }
                    case 8 -> {
                        if (!list.isEmpty()) {
                            list.remove(step % list.size());
                        }
                    }
                    case 9 -> Collections.reverse(list);
                    case 10 -> {
                        Map<Object, Object> entries = new LinkedHashMap<>();
                        entries.put(key, value);
                        entries.put("k" + (step + 1) % 7, text(step + 1));
                        entries.put("k" + (step + 3) % 7, (long) step);
                        dict.putAll(entries);
                    }
                    default -> {
                        if (step % 3 == 0) {
                            dict.clear();
                        } else {
                            list.clear();
                        }
                    }
                }
                assertEquals(recomputed(engine), engine.footprint(), "after step " + step);
            }
            proxy.dropTable("l");
            assertEquals(recomputed(engine), engine.footprint(), "after a drop");
        }
    }

    @Test
    void theEstimateGrowsWithTheDataAndFallsBackWhenItIsRemoved() {
        Engine engine = new Engine();
        try (LocalClient db = new LocalClient(engine); CyberProxy proxy = db.proxy().connect()) {
            CyberDict<Object, Object> dict = proxy.createDict("d");
            long empty = engine.footprint();
            for (int i = 0; i < 10_000; i++) {
                dict.put(String.format(java.util.Locale.ROOT, "key-%011d", i), text(100));
            }
            long perEntry = (engine.footprint() - empty) / 10_000;
            // 16-byte keys and 100-character values: the JVM holds about 270 bytes for each (see bench/results/memory.md).
            assertTrue(perEntry >= 230 && perEntry <= 320, "estimated bytes per entry: " + perEntry);
            dict.clear();
            assertEquals(empty, engine.footprint());
        }
    }

    @Test
    void textBeyondLatinOneCountsTwoBytesACharacter() {
        Engine engine = new Engine();
        try (LocalClient db = new LocalClient(engine); CyberProxy proxy = db.proxy().connect()) {
            CyberDict<Object, Object> dict = proxy.createDict("d");
            long before = engine.footprint();
            dict.put("latin", "é".repeat(10_000));
            long latin = engine.footprint() - before;
            dict.put("kanji", "漢".repeat(10_000));
            long kanji = engine.footprint() - before - latin;
            assertTrue(kanji - latin >= 9_900 && kanji - latin <= 10_100, "latin " + latin + ", kanji " + kanji);
        }
    }

    @Test
    void aWriteBeyondTheLimitIsRefusedChangesNothingAndRemovalsReadsAndSavesGoOn() {
        Path file = dir.resolve("limited.cdb");
        try (EmbeddedClient db = CyberDB.embeddedBuilder(file).maxMemory(200_000).build(); CyberProxy proxy = db.proxy().connect()) {
            CyberDict<Object, Object> dict = proxy.createDict("d");
            int stored = 0;
            MemoryLimitException refused = null;
            while (refused == null) {
                try {
                    dict.put("k" + stored, text(1_000));
                    stored++;
                } catch (MemoryLimitException e) {
                    refused = e;
                }
            }
            assertTrue(stored >= 150 && stored < 200, "about 1 KiB each under a 195 KiB limit: " + stored);
            assertTrue(refused.getMessage().contains("memory limit of 0.2 MiB"), refused.getMessage());
            assertTrue(refused.getMessage().contains("maxMemory"), "names the setting: " + refused.getMessage());
            assertFalse(dict.containsKey("k" + stored), "the refused write changed nothing");
            assertEquals(stored, dict.size());
            int before = stored;
            assertThrows(MemoryLimitException.class, () -> proxy.createList("more"));
            assertThrows(MemoryLimitException.class, () -> dict.putAll(Map.of("a", text(1_000), "b", text(1_000))));
            assertEquals(before, dict.size(), "a refused putAll stored none of its entries");

            assertEquals(text(1_000), dict.get("k0"), "reads go on");
            dict.put("k0", "small");   // a write that frees memory goes through
            for (int i = 1; i < 20; i++) {
                dict.remove("k" + i);
            }
            dict.put("again", text(1_000));   // and room freed is room to write
            db.save();
        }
        try (EmbeddedClient reopened = CyberDB.embeddedBuilder(file).maxMemory(10_000).build();
             CyberProxy proxy = reopened.proxy().connect()) {
            CyberDict<Object, Object> dict = proxy.dict("d");
            assertEquals("small", dict.get("k0"), "data beyond a lower limit still loads");
            assertThrows(MemoryLimitException.class, () -> dict.put("new", "v"));
            dict.remove("again");
        }
    }

    @Test
    void aBulkWriteThatWouldPassTheLimitHalfwayIsRefusedWhole() {
        try (EmbeddedClient db = CyberDB.embeddedBuilder().maxMemory(100_000).build(); CyberProxy proxy = db.proxy().connect()) {
            CyberDict<Object, Object> dict = proxy.createDict("d");
            Map<Object, Object> batch = new java.util.LinkedHashMap<>();
            for (int i = 0; i < 100; i++) {
                batch.put("k" + i, text(1_000));   // the first fifty or so would fit
            }
            assertThrows(MemoryLimitException.class, () -> dict.putAll(batch));
            assertEquals(0, dict.size(), "none of the entries was stored");
            assertThrows(MemoryLimitException.class, () -> proxy.createDict("full", batch));
            assertFalse(proxy.exists("full"), "the table was not created either");
            assertThrows(MemoryLimitException.class, () -> proxy.createList("list", batch.values()));
            assertFalse(proxy.exists("list"));
            dict.putAll(Map.of("a", text(1_000)));
            assertEquals(1, dict.size(), "a batch that fits goes in");
        }
    }

    @Test
    void aDatabaseInMemoryOnlyTakesALimitAndNothingAboutFiles() {
        try (EmbeddedClient db = CyberDB.embeddedBuilder().maxMemory(100_000).build(); CyberProxy proxy = db.proxy().connect()) {
            CyberList<Object> list = proxy.createList("l");
            assertThrows(MemoryLimitException.class, () -> list.add(text(200_000)));
            assertTrue(list.isEmpty());
        }
        IllegalStateException noFile = assertThrows(IllegalStateException.class,
                () -> CyberDB.embeddedBuilder().readOnly(true).build());
        assertTrue(noFile.getMessage().contains("CyberDB.embeddedBuilder(Path)"), noFile.getMessage());
    }

    @Test
    void runningOutOfHeapLowersTheLimitToTheDataHeldThen() {
        Engine engine = new Engine();
        try (LocalClient db = new LocalClient(engine); CyberProxy proxy = db.proxy().connect()) {
            CyberDict<Object, Object> dict = proxy.createDict("d");
            dict.put("a", text(500));
            engine.ranOutOfHeap();
            MemoryLimitException refused = assertThrows(MemoryLimitException.class, () -> dict.put("b", text(500)));
            assertTrue(refused.getMessage().contains("-Xmx"), refused.getMessage());
            dict.put("a", "shorter");
            dict.put("b", text(100));
        }
    }

    @Test
    void aLoadOrAnImportBeyondTheLimitIsRefusedWhole() throws Exception {
        Path big = dir.resolve("big.cdb");
        try (EmbeddedClient db = CyberDB.embedded(); CyberProxy proxy = db.proxy().connect()) {
            CyberList<Object> list = proxy.createList("l");
            for (int i = 0; i < 100; i++) {
                list.add(text(1_000));
            }
            db.save(big);
        }
        try (EmbeddedClient db = CyberDB.embeddedBuilder(dir.resolve("small.cdb")).maxMemory(50_000).build();
             CyberProxy proxy = db.proxy().connect()) {
            proxy.createDict("kept").put("k", "v");
            assertThrows(MemoryLimitException.class, () -> db.load(big));
            assertEquals(Map.of("k", "v"), proxy.dict("kept").toMap(), "the refused load replaced nothing");
        }
        assertTrue(Files.exists(big));
    }
}
