package cyberdb.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cyberdb.api.CyberDB;
import cyberdb.api.CyberProxy;
import cyberdb.api.EmbeddedClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command over the fixtures that the engine's tests generate with python3's pickle module. */
class ImportPythonCommandTest {

    private static final Path FIXTURES = Path.of("../cyberdb.engine/src/test/resources/python");

    @TempDir
    Path dir;

    private int run(ByteArrayOutputStream out, String... args) {
        PrintStream stream = new PrintStream(out, true, StandardCharsets.UTF_8);
        return ImportPythonCommand.run(args, stream, stream);
    }

    @Test
    void writesANewSnapshotAndLeavesTheOldFileAlone() throws IOException {
        Path old = dir.resolve("old.cdb");
        Files.copy(FIXTURES.resolve("python-protocol-4.cdb"), old);
        byte[] before = Files.readAllBytes(old);
        Path converted = dir.resolve("new.cdb");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, run(out, old.toString(), converted.toString()), out.toString(StandardCharsets.UTF_8));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("Imported 5 tables (31 entries)"), printed);
        assertTrue(printed.contains("  mixed       dict  22"), printed);
        assertFalse(printed.contains("hunter2-do-not-print"), "the old password is never printed");
        assertArrayEquals(before, Files.readAllBytes(old));
        try (EmbeddedClient db = CyberDB.embedded(converted); CyberProxy proxy = db.proxy().connect()) {
            assertEquals("Hello CyberDB!", proxy.dict("centre").get("content"));
        }

        ByteArrayOutputStream again = new ByteArrayOutputStream();
        assertEquals(1, run(again, old.toString(), converted.toString()));
        assertTrue(again.toString(StandardCharsets.UTF_8).contains("never overwrites"), again.toString(StandardCharsets.UTF_8));
    }

    /** pickle.dumps({'config': {'password': 'x'}, 'db': {'centre': {'content': 'Hello CyberDB!'}}}, protocol=2) */
    private static final String ONE_TABLE_ONE_ENTRY = "80027d7100285806000000636f6e66696771017d7102580800000070617373776f"
            + "726471035801000000787104735802000000646271057d7106580600000063656e74726571077d71085807000000636f6e74656e"
            + "747109580e00000048656c6c6f204379626572444221710a7373752e";

    @Test
    void countsAreSpelledForOneAndForMany() throws IOException {
        Path old = Files.write(dir.resolve("one.cdb"), HexFormat.of().parseHex(ONE_TABLE_ONE_ENTRY));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, run(out, old.toString(), dir.resolve("new.cdb").toString()), out.toString(StandardCharsets.UTF_8));
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("Imported 1 table (1 entry) from "), out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aDatabaseThatHasOnlyItsJournalIsNeverImportedOver() throws IOException {
        Path old = Files.write(dir.resolve("one.cdb"), HexFormat.of().parseHex(ONE_TABLE_ONE_ENTRY));
        Files.writeString(dir.resolve("data.journal"), "a server's changes, not yet in a snapshot");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(1, run(out, old.toString(), dir.resolve("data.cdb").toString()));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("data.journal already exists"), out.toString(StandardCharsets.UTF_8));
        assertFalse(Files.exists(dir.resolve("data.cdb")));
    }

    @Test
    void aTargetThatIsNoFileNameOrAJavaFileIsToldPlainly() throws IOException {
        Path old = Files.write(dir.resolve("one.cdb"), HexFormat.of().parseHex(ONE_TABLE_ONE_ENTRY));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(2, run(out, old.toString(), "/"), "a folder is not a .cdb name, and no exception escapes");
        Path java = dir.resolve("java.cdb");
        try (EmbeddedClient db = CyberDB.embedded(java)) {
            db.save();
        }
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        assertEquals(ExitStatus.DAMAGED_FILE, run(again, java.toString(), dir.resolve("new.cdb").toString()));
        assertTrue(again.toString(StandardCharsets.UTF_8).contains("already a CyberDB for Java data file"),
                again.toString(StandardCharsets.UTF_8));
    }

    @Test
    void refusalsLeaveNoFileBehind() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(2, run(out, "only-one-argument"));
        Path evil = dir.resolve("evil.cdb");
        assertEquals(ExitStatus.DAMAGED_FILE, run(out, FIXTURES.resolve("python-evil-global.cdb").toString(), evil.toString()));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("refused opcode GLOBAL"), out.toString(StandardCharsets.UTF_8));
        assertFalse(Files.exists(evil));
        assertEquals(2, run(out, FIXTURES.resolve("python-protocol-2.cdb").toString(), dir.resolve("new.txt").toString()));
    }
}
