package cyberdb.engine.migrate;

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
import cyberdb.api.ImportReport;
import cyberdb.api.TableInfo;
import cyberdb.api.TableKind;
import cyberdb.api.ValueNotStorableException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Fixtures come from src/test/resources/python/make_fixtures.py, run with the standard pickle module. */
class PythonImportTest {

    @TempDir
    Path dir;

    private static Path fixture(String name) {
        return Path.of("src/test/resources/python", name);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 5})
    void everyProtocolImportsTheSameData(int protocol) {
        try (EmbeddedClient db = CyberDB.embedded(); CyberProxy proxy = db.proxy().connect()) {
            ImportReport report = db.importPython(fixture("python-protocol-" + protocol + ".cdb"));
            assertEquals(List.of(new TableInfo("centre", TableKind.DICT), new TableInfo("empty dict", TableKind.DICT),
                    new TableInfo("empty list", TableKind.LIST), new TableInfo("mixed", TableKind.DICT),
                    new TableInfo("queue", TableKind.LIST)), report.tables());
            assertEquals(List.of(), report.skipped());
            assertEquals(report.tables(), proxy.tables(), "the config section is not a table");

            assertEquals("Hello CyberDB!", proxy.dict("centre").get("content"));
            CyberDict<Object, Object> mixed = proxy.dict("mixed");
            assertEquals(42L, mixed.get("int"));
            assertEquals(-7L, mixed.get("neg"));
            assertEquals(0L, mixed.get("zero"));
            assertTrue(mixed.containsKey("none"));
            assertEquals(null, mixed.get("none"));
            assertEquals(true, mixed.get("true"));
            assertEquals(false, mixed.get("false"));
            assertEquals(1L << 62, mixed.get("big"));
            assertEquals(Long.MIN_VALUE, mixed.get("min"));
            assertEquals(Long.MAX_VALUE, mixed.get("max"));
            assertEquals(255L, mixed.get("byte-sized"));
            assertEquals(65535L, mixed.get("short-sized"));
            assertEquals(3.25, mixed.get("float"));
            assertEquals("Grüße, 世界 🚀", mixed.get("unicode"));
            assertEquals("", mixed.get("empty"));
            assertArrayEquals(new byte[] {0, -1, 'r', 'a', 'w'}, (byte[]) mixed.get("bytes"));
            assertArrayEquals(new byte[0], (byte[]) mixed.get("empty-bytes"));
            assertEquals(List.of(1L, "two", 3.0), mixed.get("tuple"));
            assertEquals(Map.of("list", List.of(1L, List.of(2L, List.of(3L))), "dict", Map.of("a", Map.of("b", "None"))),
                    normalizedNested(mixed.get("nested")));
            assertEquals(Map.of("a", List.of(1L, 2L), "b", List.of(1L, 2L)), mixed.get("shared"));
            assertEquals("bool key", mixed.get(1L), "Python merged 1 and True into one key");
            assertEquals("tuple key", mixed.get(List.of(1L, "x")));
            assertEquals("float key", mixed.get(2.5));
            assertEquals(Arrays.asList("a", 1L, null, List.of(), Map.of(), List.of(), 1, "long ".repeat(100)),
                    normalizedQueue(proxy.list("queue").toList()));
            assertEquals(0, proxy.dict("empty dict").size());
            assertEquals(0, proxy.list("empty list").size());
        }
    }

    /** Replaces the nested null (Map.of cannot hold one) with a marker, to compare the structure in one step. */
    private static Object normalizedNested(Object nested) {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) nested;
        @SuppressWarnings("unchecked")
        Map<String, Object> a = (Map<String, Object>) ((Map<String, Object>) map.get("dict")).get("a");
        assertTrue(a.containsKey("b"));
        assertEquals(null, a.get("b"));
        a.put("b", "None");
        return map;
    }

    /** The bytes element becomes its length, since arrays compare by identity. */
    private static List<Object> normalizedQueue(List<Object> queue) {
        assertArrayEquals(new byte[] {'x'}, (byte[]) queue.get(6));
        queue.set(6, 1);
        return queue;
    }

    @Test
    void integersBeyondTheLongRangeAreRefusedNamingTableAndKeyAndChangeNothing() {
        try (EmbeddedClient db = CyberDB.embedded(); CyberProxy proxy = db.proxy().connect()) {
            proxy.createDict("existing");
            var error = assertThrows(ValueNotStorableException.class, () -> db.importPython(fixture("python-big-int.cdb")));
            assertTrue(error.getMessage().contains("table 'numbers', key 'huge'"), error.getMessage());
            assertTrue(error.getMessage().contains("18446744073709551616"), error.getMessage());
            assertEquals(List.of(new TableInfo("existing", TableKind.DICT)), proxy.tables());
        }
    }

    @Test
    void entriesThatCannotBeStoredAreSkippedAndReported() {
        try (EmbeddedClient db = CyberDB.embedded(); CyberProxy proxy = db.proxy().connect()) {
            ImportReport report = db.importPython(fixture("python-skipped.cdb"));
            assertEquals(List.of(new TableInfo("kept", TableKind.LIST), new TableInfo("odd", TableKind.DICT)), report.tables());
            assertEquals(Map.of("fine", 1L), proxy.dict("odd").toMap());
            List<String> skipped = report.skipped();
            assertEquals(4, skipped.size(), skipped.toString());
            assertTrue(skipped.contains("table 'odd', key None: CyberDB keys are never null"), skipped.toString());
            assertTrue(skipped.stream().anyMatch(s -> s.startsWith("table 'odd', key 'deep'")), skipped.toString());
            assertTrue(skipped.contains("table 'a string': a str, not a dict or list"), skipped.toString());
            assertTrue(skipped.contains("table named 7: table names must be strings"), skipped.toString());
        }
    }

    @Test
    void codeInThePickleIsRefusedAndNeverRun() {
        Path marker = Path.of("/tmp/cyberdb-pickle-was-executed");
        var global = assertThrows(CorruptFileException.class, () -> PythonImport.read(fixture("python-evil-global.cdb")));
        assertTrue(global.getMessage().contains("refused opcode GLOBAL 'posix system'")
                || global.getMessage().contains("refused opcode GLOBAL 'os system'"), global.getMessage());
        assertTrue(global.getMessage().contains("offset"), global.getMessage());
        var stackGlobal = assertThrows(CorruptFileException.class,
                () -> PythonImport.read(fixture("python-evil-stack-global.cdb")));
        assertTrue(stackGlobal.getMessage().contains("refused opcode STACK_GLOBAL"), stackGlobal.getMessage());
        assertFalse(Files.exists(marker));
    }

    @Test
    void setsAreRefusedWithAdvice() {
        var error = assertThrows(CorruptFileException.class, () -> PythonImport.read(fixture("python-set.cdb")));
        assertTrue(error.getMessage().contains("sets are not in CyberDB's value model"), error.getMessage());
    }

    @Test
    void everyTruncationIsACleanRefusal() throws IOException {
        byte[] good = Files.readAllBytes(fixture("python-protocol-4.cdb"));
        Path cut = dir.resolve("cut.cdb");
        for (int length = 0; length < good.length; length++) {
            Files.write(cut, Arrays.copyOf(good, length));
            assertThrows(CorruptFileException.class, () -> PythonImport.read(cut), "truncated to " + length);
        }
    }

    @Test
    void aHugeDeclaredLengthIsRefusedBeforeAllocating() throws IOException {
        Path file = dir.resolve("huge.cdb");
        Files.write(file, new byte[] {(byte) 0x80, 4, 'X', (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0x7f, 'a', '.'});
        var error = assertThrows(CorruptFileException.class, () -> PythonImport.read(file));
        assertTrue(error.getMessage().contains("declared length 2147483647 exceeds the 2 bytes that remain"), error.getMessage());
        Files.write(file, new byte[] {(byte) 0x80, 4, (byte) 0x8d, -1, -1, -1, -1, -1, -1, -1, -1, '.'});
        assertThrows(CorruptFileException.class, () -> PythonImport.read(file));
    }

    /** Builds {'db': {'t': [value]}} around opcodes that leave one value on the stack. */
    private static byte[] database(byte[] valueOpcodes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x80, 4, '}', (byte) 0x8c, 2, 'd', 'b', '}', (byte) 0x8c, 1, 't', ']'});
        out.writeBytes(valueOpcodes);
        out.writeBytes(new byte[] {'a', 's', 's', '.'});
        return out.toByteArray();
    }

    @Test
    void deepNestingIsSkippedWithoutExhaustingTheStack() throws IOException {
        int depth = 100_000;
        ByteArrayOutputStream value = new ByteArrayOutputStream();
        for (int i = 0; i < depth; i++) {
            value.write(']');
        }
        for (int i = 1; i < depth; i++) {
            value.write('a');
        }
        Path file = dir.resolve("deep.cdb");
        Files.write(file, database(value.toByteArray()));
        PythonImport.Result result = PythonImport.read(file);
        assertEquals(List.of("table 't', index 0: nested deeper than 64 levels"), result.report().skipped());
    }

    @Test
    void sharedReferencesCannotMultiplyIntoAMemoryBomb() throws IOException {
        ByteArrayOutputStream value = new ByteArrayOutputStream();
        value.writeBytes(new byte[] {']', 'q', 0});
        for (int i = 0; i < 60; i++) {
            value.writeBytes(new byte[] {'0', ']', '(', 'h', (byte) i, 'h', (byte) i, 'e', 'q', (byte) (i + 1)});
        }
        Path file = dir.resolve("bomb.cdb");
        Files.write(file, database(value.toByteArray()));
        var error = assertThrows(CorruptFileException.class, () -> PythonImport.read(file));
        assertTrue(error.getMessage().contains("expands"), error.getMessage());
    }
}
