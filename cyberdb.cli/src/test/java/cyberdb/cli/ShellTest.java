package cyberdb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cyberdb.api.CyberDB;
import cyberdb.api.CyberProxy;
import cyberdb.api.EmbeddedClient;
import cyberdb.api.NoSuchTableException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShellTest {

    @TempDir
    Path dir;

    @Test
    void commandsAnswerInJson() {
        try (EmbeddedClient db = CyberDB.embedded(); CyberProxy proxy = db.proxy().connect()) {
            Shell shell = new Shell(proxy);
            assertEquals("\"OK\"", shell.execute("create dict centre"));
            assertEquals("null", shell.execute("set centre content \"Hello CyberDB!\""));
            assertEquals("\"Hello CyberDB!\"", shell.execute("get centre content"));
            assertEquals("null", shell.execute("set centre nested {\"a\": [1, 2.5, true, null]}"));
            assertEquals("{\"content\":\"Hello CyberDB!\",\"nested\":{\"a\":[1,2.5,true,null]}}", shell.execute("show centre"));
            assertEquals("3", shell.execute("incr centre hits 3"));
            assertEquals("4", shell.execute("incr centre hits"));
            assertEquals("3", shell.execute("len centre"));
            assertEquals("4", shell.execute("del centre hits"));
            assertEquals("\"OK\"", shell.execute("create list queue"));
            assertEquals("1", shell.execute("push queue word"));
            assertEquals("2", shell.execute("push queue [1, \"two\"]"));
            assertEquals("[\"word\",[1,\"two\"]]", shell.execute("show queue"));
            assertEquals("\"word\"", shell.execute("get queue 0"));
            assertEquals("[1,\"two\"]", shell.execute("pop queue"));
            assertEquals("[{\"name\":\"centre\",\"kind\":\"dict\"},{\"name\":\"queue\",\"kind\":\"list\"}]", shell.execute("tables"));
            assertEquals("true", shell.execute("drop queue"));
            assertEquals(Map.of("a", java.util.Arrays.asList(1L, 2.5, true, null)), proxy.dict("centre").get("nested"),
                    "stored as plain values, readable by any client");
        }
    }

    @Test
    void mistakesAreExplained() {
        try (EmbeddedClient db = CyberDB.embedded(); CyberProxy proxy = db.proxy().connect()) {
            Shell shell = new Shell(proxy);
            shell.execute("create dict d");
            var tooMany = assertThrows(IllegalArgumentException.class, () -> shell.execute("set d k Hello world"));
            assertTrue(tooMany.getMessage().contains("quote values"), tooMany.getMessage());
            assertThrows(IllegalArgumentException.class, () -> shell.execute("frobnicate"));
            assertThrows(IllegalArgumentException.class, () -> shell.execute("set d k {\"broken\": }"));
            assertThrows(NoSuchTableException.class, () -> shell.execute("get missing k"));
            assertThrows(IllegalArgumentException.class, () -> shell.execute("set d k \"unterminated"));
        }
    }

    private record Run(int status, String out, String err) {
    }

    private static Run main(String input, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void scriptsPrintOneResultPerLineAndStopAtTheFirstError() {
        Path file = dir.resolve("shell.cdb");
        Run ok = main("", "shell", "--file", file.toString(), "-c", "create dict d; set d k 1; get d k");
        assertEquals(0, ok.status(), ok.err());
        assertEquals(List.of("\"OK\"", "null", "1"), ok.out().lines().toList());

        Run fromStdin = main("get d k\nget missing k\nget d k\n", "shell", "--file", file.toString());
        assertEquals(1, fromStdin.status());
        assertEquals(List.of("1"), fromStdin.out().lines().toList(), "stops at the first error");
        assertTrue(fromStdin.err().contains("get missing k"), fromStdin.err());
    }

    @Test
    void passwordsNeverComeFromTheCommandLine() throws java.io.IOException {
        Run run = main("", "shell", "--password", "secret");
        assertEquals(2, run.status());
        assertTrue(run.err().contains("never given on the command line"), run.err());
        Run missing = main("", "server", "--port", "0");
        assertEquals(2, missing.status());
        assertTrue(missing.err().contains("CYBERDB_PASSWORD"), missing.err());
        Path password = java.nio.file.Files.writeString(dir.resolve("password"), "a long enough password\n");
        Run unsafe = main("", "server", "--host", "0.0.0.0", "--plaintext", "--password-file", password.toString());
        assertEquals(2, unsafe.status());
        assertTrue(unsafe.err().contains("plaintextBeyondLoopback"), unsafe.err());
    }
}
