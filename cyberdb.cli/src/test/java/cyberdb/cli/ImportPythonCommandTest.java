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
        assertEquals(0, run(out, old.toString(), converted.toString()), out.toString());
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
        assertTrue(again.toString().contains("never overwrites"), again.toString());
    }

    @Test
    void refusalsLeaveNoFileBehind() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(2, run(out, "only-one-argument"));
        Path evil = dir.resolve("evil.cdb");
        assertEquals(1, run(out, FIXTURES.resolve("python-evil-global.cdb").toString(), evil.toString()));
        assertTrue(out.toString().contains("refused opcode GLOBAL"), out.toString());
        assertFalse(Files.exists(evil));
        assertEquals(2, run(out, FIXTURES.resolve("python-protocol-2.cdb").toString(), dir.resolve("new.txt").toString()));
    }
}
