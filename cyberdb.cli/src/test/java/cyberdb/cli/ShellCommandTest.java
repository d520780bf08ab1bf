package cyberdb.cli;

import static cyberdb.cli.CommandLine.await;
import static cyberdb.cli.CommandLine.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cyberdb.api.CyberDB;
import cyberdb.api.CyberDict;
import cyberdb.api.CyberProxy;
import cyberdb.api.Durability;
import cyberdb.api.EmbeddedClient;
import cyberdb.cli.CommandLine.Run;
import cyberdb.net.CyberServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./cyberdb shell} as a script runner: streams, exit statuses and start-up failures. */
class ShellCommandTest {

    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private static final String PASSWORD = "shell test password";

    @TempDir
    Path dir;

    @Test
    void scriptsPrintOneResultPerLineAndStopAtTheFirstError() {
        Path file = dir.resolve("shell.cdb");
        Run ok = run("", "shell", "--file", file.toString(), "--create", "-c", "create dict d; set d k 1; get d k");
        assertEquals(0, ok.status(), ok.err());
        assertEquals(List.of("\"OK\"", "null", "1"), ok.out().lines().toList());

        Run fromStdin = run("get d k\nget missing k\nget d k\n", "shell", "--file", file.toString());
        assertEquals(1, fromStdin.status());
        assertEquals(List.of("1"), fromStdin.out().lines().toList(), "stops at the first error");
        assertEquals("error: get missing k: no table named 'missing'; create it with: create dict missing"
                + " (or create list missing)", fromStdin.err().strip());
    }

    @Test
    void aCommandSpansLinesOnlyWhileABracketIsOpen() {
        Path file = dir.resolve("lines.cdb");
        Run run = run("create dict d; set d k [1,\n 2]\nget d k\nset d s \"no line break\nget d s\n",
                "shell", "--file", file.toString(), "--create");
        assertEquals(List.of("\"OK\"", "null", "[1,2]"), run.out().lines().toList());
        assertEquals(1, run.status());
        assertTrue(run.err().startsWith("error: unterminated string in: set d s \"no line break;"), run.err());
    }

    @Test
    void pipedCommandsRunAsTheyArrive() throws Exception {
        Path file = dir.resolve("stream.cdb");
        PipedOutputStream keyboard = new PipedOutputStream();
        PipedInputStream in = new PipedInputStream(keyboard);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CompletableFuture<Integer> shell = CompletableFuture.supplyAsync(() -> Main.run(
                new String[] {"shell", "--file", file.toString(), "--create"}, in, CommandLine.printing(out), CommandLine.printing(err), Map.of()));
        try {
            send(keyboard, "create dict centre\n");
            await(() -> out.toString(StandardCharsets.UTF_8).equals("\"OK\"\n"), DEADLINE, "the answer to the first command");
            for (int n = 1; n <= 3; n++) {
                send(keyboard, "incr centre n\n");
                String expected = String.valueOf(n);
                await(() -> out.toString(StandardCharsets.UTF_8).endsWith("\n" + expected + "\n"), DEADLINE,
                        "the answer to incr number " + n + " while the input stays open");
            }
        } finally {
            keyboard.close();
        }
        assertEquals(0, shell.get(DEADLINE.toSeconds(), TimeUnit.SECONDS), err.toString(StandardCharsets.UTF_8));
    }

    private static void send(OutputStream keyboard, String line) throws IOException {
        keyboard.write(line.getBytes(StandardCharsets.UTF_8));
        keyboard.flush();
    }

    /** An input that never ends a command, and counts how much of it was read. */
    private static final class EndlessCommand extends InputStream {
        final AtomicLong read = new AtomicLong();
        private final long stopAt;

        EndlessCommand(long stopAt) {
            this.stopAt = stopAt;
        }

        @Override
        public int read() {
            return read.incrementAndGet() > stopAt ? -1 : 'x';
        }

        @Override
        public int read(byte[] b, int off, int len) {
            int n = (int) Math.min(len, Math.max(0, stopAt - read.get()));
            if (n == 0) {
                return -1;
            }
            java.util.Arrays.fill(b, off, off + n, (byte) 'x');
            read.addAndGet(n);
            return n;
        }
    }

    @Test
    void anOverlongCommandIsRefusedWithoutReadingItAll() {
        long plenty = 64L * CommandReader.MAX_CHARS;
        EndlessCommand input = new EndlessCommand(plenty);
        Run run = CommandLine.run(input, Map.of(), "shell", "--file", dir.resolve("long.cdb").toString(), "--create");
        assertEquals(1, run.status());
        assertTrue(run.err().startsWith("error: a command longer than " + CommandReader.MAX_CHARS + " characters was refused"),
                run.err().substring(0, Math.min(300, run.err().length())));
        assertTrue(run.err().length() < 500, "the message does not repeat the command");
        assertTrue(input.read.get() < 2L * CommandReader.MAX_CHARS, "read " + input.read.get() + " bytes of an endless command");
    }

    @Test
    void aMistypedFileIsRefusedAndCreatesNothingUnlessAskedTo() throws IOException {
        Path mistyped = dir.resolve("dta.cdb");
        Run refused = run("", "shell", "--file", mistyped.toString(), "-c", "tables");
        assertEquals(ExitStatus.FAILED, refused.status());
        assertEquals("cyberdb shell: there is no database in " + mistyped + " (no such file): check the name, or add"
                + " --create to start a new one", refused.err().strip());
        try (var listing = Files.list(dir)) {
            assertEquals(List.of(), listing.toList(), "no dta.cdb, dta.journal or dta.lock");
        }
        
        Run readOnly = run("", "shell", "--file", mistyped.toString(), "--read-only", "-c", "tables");
        assertEquals("cyberdb shell: there is no database in " + mistyped + " (no such file): check the name",
                readOnly.err().strip(), "no --create suggested to a read-only look");
        Path empty = dir.resolve("empty.cdb");
        assertEquals(0, run("", "shell", "--file", empty.toString(), "--create", "-c", "tables").status());
        assertEquals("[]", run("", "shell", "--file", empty.toString(), "-c", "tables").out().strip(),
                "a database created with nothing in it is there the next time");
        Run created = run("", "shell", "--file", mistyped.toString(), "--create", "-c", "create dict d; set d k 1");
        assertEquals(0, created.status(), created.err());
        assertEquals("1", run("", "shell", "--file", mistyped.toString(), "-c", "get d k").out().strip());
    }

    @Test
    void aFileAnotherDatabaseOwnsIsRefusedAndCanBeReadOnlyInspected() throws IOException {
        Path data = dir.resolve("owned.cdb");
        try (EmbeddedClient owner = CyberDB.embedded(data); CyberProxy proxy = owner.proxy().connect()) {
            proxy.createDict("d").put("k", "v");
            Map<String, byte[]> before = files();

            Run refused = run("", "shell", "--file", data.toString(), "-c", "tables");
            assertEquals(ExitStatus.FAILED, refused.status());
            assertTrue(refused.err().startsWith("cyberdb shell: " + data + " is in use by process " + ProcessHandle.current().pid()),
                    refused.err());
            assertTrue(refused.err().contains("--read-only"), refused.err());

            Run look = run("", "shell", "--file", data.toString(), "--read-only", "-c", "get d k; set d k changed");
            assertEquals(ExitStatus.FAILED, look.status());
            assertEquals("\"v\"", look.out().strip(), "reads work");
            assertTrue(look.err().contains("owned.cdb is open read-only (--read-only): nothing can be changed"), look.err());
            Map<String, byte[]> after = files();
            assertEquals(before.keySet(), after.keySet());
            before.forEach((name, bytes) -> assertArrayEquals(bytes, after.get(name), name));
            proxy.dict("d").put("owner", "goes on");
        }
        assertEquals("\"goes on\"", run("", "shell", "--file", data.toString(), "-c", "get d owner").out().strip());
        assertEquals(ExitStatus.USAGE, run("", "shell", "--file", data.toString(), "--read-only", "--create").status());
        assertEquals(ExitStatus.USAGE, run("", "shell", "--read-only", "-c", "tables").status(), "--read-only goes with --file");
    }

    private Map<String, byte[]> files() throws IOException {
        Map<String, byte[]> contents = new java.util.TreeMap<>();
        try (var listing = Files.list(dir)) {
            for (Path path : listing.toList()) {
                contents.put(path.getFileName().toString(), Files.readAllBytes(path));
            }
        }
        return contents;
    }

    @Test
    void aDamagedDataFileHasItsOwnStatusAndNoUsageText() throws IOException {
        Path damaged = Files.writeString(dir.resolve("damaged.cdb"), "not a snapshot at all");
        Run run = run("", "shell", "--file", damaged.toString(), "-c", "tables");
        assertEquals(ExitStatus.DAMAGED_FILE, run.status());
        assertFalse(run.err().contains("Usage"), run.err());
        assertTrue(run.err().startsWith("cyberdb shell: the data file " + damaged + " is damaged: "), run.err());
        assertFalse(run.err().contains("_backup.cdb"), "no backup exists, so none is named: " + run.err());
        assertTrue(run.err().contains("no earlier snapshot"), run.err());

        try (EmbeddedClient db = CyberDB.embedded(dir.resolve("kept.cdb"))) {
            db.save();
            db.save();
        }
        assertTrue(Files.exists(dir.resolve("kept_backup.cdb")), "the second save kept the first as the backup");
        Files.writeString(dir.resolve("kept.cdb"), "damaged since");
        Run withBackup = run("", "shell", "--file", dir.resolve("kept.cdb").toString(), "-c", "tables");
        assertEquals(ExitStatus.DAMAGED_FILE, withBackup.status());
        assertTrue(withBackup.err().contains("kept in " + dir.resolve("kept_backup.cdb")), withBackup.err());
    }

    @Test
    void aDamagedJournalIsExplainedWithOnlyTheOptionsTheCommandHas() throws IOException {
        Path crashed = dir.resolve("crashed");
        Files.createDirectories(crashed);
        try (EmbeddedClient db = CyberDB.embedded(crashed.resolve("data.cdb"), Durability.JOURNAL_FSYNC_ALWAYS);
             CyberProxy proxy = db.proxy().connect()) {
            CyberDict<Object, Object> d = proxy.createDict("d");
            for (int i = 0; i < 20; i++) {
                d.put(i, "value " + i);
            }
            // A copy taken while the database runs is what a crash leaves behind.
            for (String name : List.of("data.cdb", "data.journal")) {
                if (Files.exists(crashed.resolve(name))) {
                    Files.copy(crashed.resolve(name), dir.resolve(name));
                }
            }
        }
        byte[] journal = Files.readAllBytes(dir.resolve("data.journal"));
        journal[journal.length / 2] ^= 0x40;
        Files.write(dir.resolve("data.journal"), journal);

        Run shell = run("", "shell", "--file", dir.resolve("data.cdb").toString(), "-c", "tables");
        assertEquals(ExitStatus.DAMAGED_FILE, shell.status(), shell.err());
        assertTrue(shell.err().startsWith("cyberdb shell: the journal " + dir.resolve("data.journal") + " is damaged"), shell.err());
        assertEquals(ShellCommand.USAGE.contains("--truncate-journal-at-error"), shell.err().contains("--truncate-journal-at-error"),
                "names the option exactly when the shell has it: " + shell.err());
        assertFalse(shell.err().contains("truncateJournalAtError"), shell.err());
        Path copy = Files.createDirectories(dir.resolve("copy"));
        for (String name : List.of("data.cdb", "data.journal")) {
            if (Files.exists(dir.resolve(name))) {
                Files.copy(dir.resolve(name), copy.resolve(name));
            }
        }
        Run truncated = run("", "shell", "--file", copy.resolve("data.cdb").toString(), "--truncate-journal-at-error",
                "-c", "len d");
        assertEquals(0, truncated.status(), truncated.err());
        long kept = Long.parseLong(truncated.out().strip());
        assertTrue(kept > 0 && kept < 20, "the records before the damage are kept: " + kept);
        assertEquals(String.valueOf(kept), run("", "shell", "--file", copy.resolve("data.cdb").toString(), "-c", "len d")
                .out().strip(), "the damaged tail was cut, so the next open needs no option");

        Path password = Files.writeString(dir.resolve("password"), PASSWORD);
        Run server = run("", "server", "--port", "0", "--password-file", password.toString(), "--data", dir.resolve("data.cdb").toString());
        assertEquals(ExitStatus.DAMAGED_FILE, server.status(), server.err());
        assertTrue(server.err().contains("add --truncate-journal-at-error"), server.err());
        assertFalse(server.err().contains("Usage"), server.err());
    }

    @Test
    void startUpFailuresAreToldInTheShellsWordsWithoutTheUsage() throws IOException {
        Run noPasswordFile = run("", "shell", "--password-file", dir.resolve("nope").toString(), "-c", "tables");
        assertEquals(1, noPasswordFile.status());
        assertEquals("cyberdb shell: cannot read the password file " + dir.resolve("nope") + ": no such file",
                noPasswordFile.err().strip());

        Path noFolder = dir.resolve("missing").resolve("data.cdb");
        Run missingFolder = run("", "shell", "--file", noFolder.toString(), "-c", "tables");
        assertEquals(1, missingFolder.status());
        assertEquals("cyberdb shell: --file " + noFolder + ": the folder " + noFolder.getParent()
                + " does not exist; create it first", missingFolder.err().strip());

        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        Run refused = CommandLine.run(InputStream.nullInputStream(), Map.of("CYBERDB_PASSWORD", PASSWORD),
                "shell", "--port", String.valueOf(closedPort), "-c", "tables");
        assertEquals(1, refused.status());
        assertTrue(refused.err().startsWith("cyberdb shell: cannot connect to the server at 127.0.0.1:" + closedPort
                + " (Connection refused)"), refused.err());
        assertFalse(refused.err().contains("Usage"), refused.err());
    }

    @Test
    void usageErrorsShowTheUsage() {
        Run serverOptionWithFile = run("", "shell", "--file", dir.resolve("x.cdb").toString(), "--port", "9980");
        assertEquals(ExitStatus.USAGE, serverOptionWithFile.status());
        assertTrue(serverOptionWithFile.err().startsWith("cyberdb shell: --port is for a server, and --file opens a data file"),
                serverOptionWithFile.err());
        assertTrue(serverOptionWithFile.err().contains("Usage: ./cyberdb shell"));

        Run notCdb = run("", "shell", "--file", dir.resolve("x.txt").toString());
        assertEquals(ExitStatus.USAGE, notCdb.status());
        assertTrue(notCdb.err().startsWith("cyberdb shell: --file takes a file name ending in .cdb"), notCdb.err());

        Run password = run("", "shell", "--password", "secret");
        assertEquals(ExitStatus.USAGE, password.status());
        assertTrue(password.err().contains("never given on the command line"), password.err());
    }

    @Test
    void infoSlowlogAndStatTalkToAServer() {
        try (CyberServer server = CyberServer.builder().port(0).password(PASSWORD).slowlogThreshold(Duration.ZERO)
                .build().start()) {
            Map<String, String> environment = Map.of("CYBERDB_PASSWORD", PASSWORD);
            String port = String.valueOf(server.port());
            Run info = CommandLine.run(InputStream.nullInputStream(), environment, "shell", "--port", port, "-c",
                    "create dict centre; set centre k 1; info");
            assertEquals(0, info.status(), info.err());
            List<String> lines = info.out().lines().toList();
            assertEquals(List.of("# server", "# clients", "# memory", "# persistence", "# stats", "# tables"),
                    lines.stream().filter(line -> line.startsWith("# ")).toList());
            assertTrue(lines.contains("mode: server"), info.out());
            assertTrue(lines.stream().anyMatch(line -> line.matches("centre: kind=dict size=1 bytes=\\d+")), info.out());

            Run section = CommandLine.run(InputStream.nullInputStream(), environment, "shell", "--port", port, "-c",
                    "info persistence --json; info nothing");
            assertEquals(1, section.status());
            assertEquals("{\"persistence\":{\"data_file\":\"none\",\"durability\":\"none\"}}", section.out().strip());
            assertEquals("error: info nothing: no section 'nothing'; the sections are server, clients, memory, persistence,"
                    + " stats, tables", section.err().strip());

            Run slowlog = CommandLine.run(InputStream.nullInputStream(), environment, "shell", "--port", port, "-c",
                    "slowlog 2");
            List<String> slow = slowlog.out().lines().toList();
            assertEquals(2, slow.size(), slowlog.out());
            assertTrue(slow.get(1).matches("\\S+Z +\\d+\\.\\d{3} ms  INFO  127\\.0\\.0\\.1"), slow.get(1));

            Run stat = CommandLine.run(InputStream.nullInputStream(), environment, "shell", "--port", port, "--stat",
                    "--count", "2");
            assertEquals(0, stat.status(), stat.err());
            List<String> rows = stat.out().lines().toList();
            assertEquals(3, rows.size(), stat.out());
            assertTrue(rows.get(0).matches("time +requests/s +connections +entries +heap"), rows.get(0));
            assertTrue(rows.get(1).matches("\\d\\d:\\d\\d:\\d\\d +- +1 +1 +[0-9.]+ MiB"), rows.get(1));
            assertTrue(rows.get(2).matches("\\d\\d:\\d\\d:\\d\\d +\\d+ +1 +1 +[0-9.]+ MiB"), rows.get(2));

            Run countAlone = CommandLine.run(InputStream.nullInputStream(), environment, "shell", "--port", port,
                    "--count", "2");
            assertEquals(ExitStatus.USAGE, countAlone.status());
            assertTrue(countAlone.err().startsWith("cyberdb shell: --count goes with --stat"), countAlone.err());
        }
    }

    @Test
    void theShellTalksToAServerAndSaysWhereItIs() throws Exception {
        try (CyberServer server = CyberServer.builder().port(0).password(PASSWORD).build().start()) {
            Map<String, String> environment = Map.of("CYBERDB_PASSWORD", PASSWORD);
            Run run = CommandLine.run(InputStream.nullInputStream(), environment,
                    "shell", "--port", String.valueOf(server.port()), "-c", "create dict centre; set centre k 1; save");
            assertEquals(List.of("\"OK\"", "null"), run.out().lines().toList());
            assertEquals("error: save: there is no data file to save to: the server at 127.0.0.1:" + server.port()
                    + " was started without --data", run.err().strip());

            Run wrongPassword = CommandLine.run(InputStream.nullInputStream(), Map.of("CYBERDB_PASSWORD", "not the password"),
                    "shell", "--port", String.valueOf(server.port()), "-c", "tables");
            assertEquals(1, wrongPassword.status());
            assertTrue(wrongPassword.err().startsWith("cyberdb shell: the server at 127.0.0.1:" + server.port()
                    + " refused the login"), wrongPassword.err());
            assertTrue(wrongPassword.err().contains("--password-file FILE or CYBERDB_PASSWORD"), wrongPassword.err());
        }
    }
}
