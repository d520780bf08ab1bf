package cyberdb.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cyberdb.api.CorruptFileException;
import cyberdb.api.CyberDB;
import cyberdb.api.CyberDict;
import cyberdb.api.CyberProxy;
import cyberdb.api.EmbeddedClient;
import cyberdb.api.StorageException;
import cyberdb.api.TableInfo;
import cyberdb.api.TableKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotTest {

    @TempDir
    Path dir;

    private static Map<String, Object> everyKind() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("null", null);
        values.put("true", true);
        values.put("false", false);
        values.put("zero", 0L);
        values.put("min", Long.MIN_VALUE);
        values.put("max", Long.MAX_VALUE);
        values.put("negative", -123456789L);
        values.put("pi", Math.PI);
        values.put("nan", Double.NaN);
        values.put("negative zero", -0.0);
        values.put("empty", "");
        values.put("unicode", "Grüße, 世界 🚀");
        values.put("bytes", new byte[] {0, -1, 127, -128});
        values.put("list", List.of(1L, "two", List.of(), Map.of()));
        values.put("map", Map.of("nested", Map.of("deeper", List.of(true))));
        return values;
    }

    @Test
    void everyValueKindAndTypedRecordsSurviveSaveAndReopen() {
        Path file = dir.resolve("data.cdb");
        try (EmbeddedClient db = CyberDB.embedded(file); CyberProxy proxy = db.proxy().connect()) {
            CyberDict<Object, Object> kinds = proxy.createDict("kinds");
            everyKind().forEach(kinds::put);
            kinds.put(42L, "integer key");
            kinds.put(List.of("composite", 1L), "list key");
            proxy.createList("list", List.of("a", 1, 2.5));
            proxy.createList("empty list");
            proxy.createDict("users", String.class, TypedTableTest.User.class)
                    .put("ada", new TypedTableTest.User("Ada", 36, List.of(), Map.of(), new byte[0]));
        }
        assertTrue(Files.exists(file), "closing a database opened with a file saves it");

        try (EmbeddedClient db = CyberDB.embedded(file); CyberProxy proxy = db.proxy().connect()) {
            assertEquals(List.of(new TableInfo("empty list", TableKind.LIST), new TableInfo("kinds", TableKind.DICT),
                    new TableInfo("list", TableKind.LIST), new TableInfo("users", TableKind.DICT)), proxy.tables());
            CyberDict<Object, Object> kinds = proxy.dict("kinds");
            for (Map.Entry<String, Object> expected : everyKind().entrySet()) {
                Object actual = kinds.get(expected.getKey());
                if (expected.getValue() instanceof byte[] bytes) {
                    assertArrayEquals(bytes, (byte[]) actual);
                } else {
                    assertEquals(expected.getValue(), actual, expected.getKey());
                }
            }
            assertTrue(kinds.containsKey("null"));
            assertEquals("integer key", kinds.get(42));
            assertEquals("list key", kinds.get(List.of("composite", 1)));
            assertEquals(List.of("null", "true"), kinds.keySet().stream().limit(2).toList(), "order survives");
            assertEquals(List.of("a", 1L, 2.5), proxy.list("list"));
            assertEquals("Ada", proxy.dict("users", String.class, TypedTableTest.User.class).get("ada").name());
        }
    }

    @Test
    void savingKeepsThePreviousSnapshotAsBackup() throws IOException {
        Path file = dir.resolve("data.cdb");
        try (EmbeddedClient db = CyberDB.embedded(file); CyberProxy proxy = db.proxy().connect()) {
            CyberDict<Object, Object> d = proxy.createDict("d");
            d.put("v", 1);
            db.save();
            d.put("v", 2);
            db.save();
        }
        Path backup = dir.resolve("data_backup.cdb");
        assertTrue(Files.exists(backup));
        try (EmbeddedClient old = CyberDB.embedded(); CyberProxy proxy = old.proxy().connect()) {
            old.load(backup);
            assertEquals(1L, proxy.dict("d").get("v"),
                    "the backup is the snapshot before the last save; a close with nothing new saves nothing");
        }
        try (var files = Files.list(dir)) {
            assertEquals(List.of("data.cdb", "data.journal", "data.lock", "data_backup.cdb"), files.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no temporary files are left behind");
        }
    }

    @Test
    void everyFlippedByteIsDetectedAndLeavesTheDatabaseUntouched() throws IOException {
        Path file = dir.resolve("small.cdb");
        try (EmbeddedClient db = CyberDB.embedded(); CyberProxy proxy = db.proxy().connect()) {
            proxy.createDict("d", Map.of("key", "value", "n", 7));
            proxy.createList("l", List.of(1, 2, 3));
            db.save(file);
        }
        byte[] good = Files.readAllBytes(file);
        try (EmbeddedClient db = CyberDB.embedded(); CyberProxy proxy = db.proxy().connect()) {
            proxy.createDict("existing", Map.of("still", "here"));
            Path damaged = dir.resolve("damaged.cdb");
            for (int i = 0; i < good.length; i++) {
                byte[] bad = good.clone();
                bad[i] ^= 0x5A;
                Files.write(damaged, bad);
                var error = assertThrows(CorruptFileException.class, () -> db.load(damaged), "flipped byte " + i);
                assertTrue(error.getMessage().contains("damaged.cdb"), error.getMessage());
                assertEquals(damaged, error.file());
            }
            for (int length = 0; length < good.length; length++) {
                Files.write(damaged, Arrays.copyOf(good, length));
                assertThrows(CorruptFileException.class, () -> db.load(damaged), "truncated to " + length);
            }
            Files.write(damaged, Arrays.copyOf(good, good.length + 1));
            assertThrows(CorruptFileException.class, () -> db.load(damaged), "trailing garbage");
            assertEquals(List.of(new TableInfo("existing", TableKind.DICT)), proxy.tables());
            assertEquals("here", proxy.dict("existing").get("still"));
        }
    }

    @Test
    void foreignFilesAreNamedForWhatTheyAre() throws IOException {
        Path text = dir.resolve("text.cdb");
        Files.writeString(text, "this is not a database at all, just text", StandardCharsets.UTF_8);
        Path pickle = dir.resolve("python.cdb");
        Files.write(pickle, new byte[] {(byte) 0x80, 4, (byte) 0x95, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        try (EmbeddedClient db = CyberDB.embedded()) {
            assertTrue(assertThrows(CorruptFileException.class, () -> db.load(text)).getMessage()
                    .contains("not a CyberDB snapshot"));
            assertTrue(assertThrows(CorruptFileException.class, () -> db.load(pickle)).getMessage()
                    .contains("import-python"));
            assertThrows(CorruptFileException.class, () -> CyberDB.embedded(text));
            var missing = assertThrows(StorageException.class, () -> db.load(dir.resolve("missing.cdb")));
            assertTrue(missing.getMessage().contains("no such file"), missing.getMessage());
        }
    }

    @Test
    void aNewerFormatVersionIsRefusedWithAdvice() throws IOException {
        Path file = dir.resolve("v.cdb");
        try (EmbeddedClient db = CyberDB.embedded()) {
            db.save(file);
            byte[] bytes = Files.readAllBytes(file);
            bytes[9] = 2;
            Files.write(file, bytes);
            var error = assertThrows(CorruptFileException.class, () -> db.load(file));
            assertTrue(error.getMessage().contains("version 2") && error.getMessage().contains("newer"), error.getMessage());
        }
    }

    @Test
    void fileNamesMustEndInCdb() {
        try (EmbeddedClient db = CyberDB.embedded()) {
            assertThrows(IllegalArgumentException.class, () -> db.save(dir.resolve("data.db")));
            assertThrows(IllegalArgumentException.class, () -> db.backupEvery(dir.resolve("data.txt"), Duration.ofMinutes(5)));
            assertThrows(IllegalArgumentException.class, () -> CyberDB.embedded(dir.resolve("data")));
            assertThrows(IllegalStateException.class, db::save, "no data file to save to");
        }
    }

    @Test
    void periodicBackupWritesTheCurrentStateAndCanBeReplaced() throws IOException {
        Path first = dir.resolve("first.cdb");
        Path second = dir.resolve("second.cdb");
        try (EmbeddedClient db = CyberDB.embedded(); CyberProxy proxy = db.proxy().connect()) {
            assertThrows(IllegalArgumentException.class, () -> db.backupEvery(first, Duration.ofMillis(10)));
            CyberDict<Object, Object> d = proxy.createDict("d");
            d.put("v", 1);
            db.backupEvery(first, Duration.ofSeconds(1));
            Await.until(() -> Files.exists(first), Duration.ofSeconds(20));
            db.backupEvery(second, Duration.ofSeconds(1));
            d.put("v", 2);
            Await.until(() -> valueIn(second) == 2L, Duration.ofSeconds(20));
            db.stopBackup();
        }
    }

    private static long valueIn(Path file) {
        if (!Files.exists(file)) {
            return -1;
        }
        try (EmbeddedClient db = CyberDB.embedded(); CyberProxy proxy = db.proxy().connect()) {
            db.load(file);
            return (Long) proxy.dict("d").get("v");
        }
    }

    @Test
    void loadingReplacesEverythingAndOldTableObjectsSeeTheNewContent() {
        Path file = dir.resolve("swap.cdb");
        try (EmbeddedClient db = CyberDB.embedded(); CyberProxy proxy = db.proxy().connect()) {
            CyberDict<Object, Object> d = proxy.createDict("d");
            d.put("v", "saved");
            db.save(file);
            d.put("v", "changed");
            proxy.createList("later");
            db.load(file);
            assertEquals("saved", d.get("v"));
            assertFalse(proxy.exists("later"));
        }
    }
}
