package cyberdb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cyberdb.api.CyberDB;
import cyberdb.api.CyberProxy;
import cyberdb.api.EmbeddedClient;
import cyberdb.cli.CommandLine.Run;
import cyberdb.net.CyberServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.ExternalTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's command-line transcripts, replayed: what it shows the server log, the shell print
 * and the importer report is what they do, so the README cannot drift from the program.
 */
class ReadmeTranscriptsTest {

    private static final String PASSWORD = "a long secret";
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    /** The README's code blocks without a language, whose first line starts with {@code start}. */
    private static List<List<String>> blocks(String start) throws IOException {
        List<List<String>> found = new ArrayList<>();
        List<String> open = null;
        boolean plain = false;
        for (String line : Files.readAllLines(Path.of("../README.md"), StandardCharsets.UTF_8)) {
            if (open == null && line.startsWith("```")) {
                open = new ArrayList<>();
                plain = line.equals("```");
            } else if (open != null && line.equals("```")) {
                if (plain && !open.isEmpty() && open.getFirst().startsWith(start)) {
                    found.add(open);
                }
                open = null;
            } else if (open != null) {
                open.add(line);
            }
        }
        assertFalse(found.isEmpty(), "the README shows a block starting with " + start);
        return found;
    }

    @Test
    void theServersReadyLineIsTheOneItLogs() throws Exception {
        List<String> block = blocks("20").stream().filter(b -> b.getFirst().contains("CyberDB listening on"))
                .findFirst().orElseThrow();
        assertEquals(1, block.size());
        List<String> logged = new CopyOnWriteArrayList<>();
        String previous = System.getProperty("java.util.logging.SimpleFormatter.format");
        System.setProperty("java.util.logging.SimpleFormatter.format", Main.LOG_FORMAT);
        SimpleFormatter format = new SimpleFormatter();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(format.format(record).strip());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger("cyberdb.net");
        logger.addHandler(capture);
        // The README's command, on a free port; Main sets the same one-line format for its log.
        try (CyberServer server = CyberServer.builder().host("127.0.0.1").port(0).password(PASSWORD).dataFile(dir.resolve("data.cdb"))
                .backupEvery(Duration.ofSeconds(300)).build().start()) {
            String line = logged.stream().filter(l -> l.contains("CyberDB listening on")).findFirst().orElseThrow();
            String expected = block.getFirst().replaceFirst(":9980,", ":" + server.port() + ",")
                    .replace("data file data.cdb", "data file " + dir.resolve("data.cdb"));
            assertEquals(expected.replaceFirst("^\\S+ \\S+ ", ""), line.replaceFirst("^\\S+ \\S+ ", ""),
                    "the line after its date and time");
            assertTrue(line.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d INFO .*"), line);
        } finally {
            logger.removeHandler(capture);
            if (previous == null) {
                System.clearProperty("java.util.logging.SimpleFormatter.format");
            } else {
                System.setProperty("java.util.logging.SimpleFormatter.format", previous);
            }
        }
    }

    @Test
    void scriptedShellTranscriptsPrintWhatTheReadmeShows() throws Exception {
        try (CyberServer server = CyberServer.builder().port(0).password(PASSWORD).build().start()) {
            for (List<String> block : blocks("$ ./cyberdb shell -c")) {
                List<String> expected = new ArrayList<>();
                String command = null;
                for (String line : block) {
                    if (line.startsWith("$ ")) {
                        if (command != null) {
                            replay(server, command, expected);
                        }
                        command = line;
                        expected = new ArrayList<>();
                    } else {
                        expected.add(line);
                    }
                }
                replay(server, command, expected);
            }
        }
    }

    /** Runs {@code $ ./cyberdb shell -c '...'} against the server and compares what it printed. */
    private static void replay(CyberServer server, String command, List<String> expected) {
        Matcher m = Pattern.compile("\\$ \\./cyberdb shell -c '(.*)'").matcher(command);
        assertTrue(m.matches(), "a transcript line the test can replay: " + command);
        Run run = CommandLine.run(new java.io.ByteArrayInputStream(new byte[0]), Map.of("CYBERDB_PASSWORD", PASSWORD),
                "shell", "--port", String.valueOf(server.port()), "-c", m.group(1));
        List<String> printed = new ArrayList<>(run.out().lines().toList());
        printed.addAll(run.err().lines().toList());
        assertEquals(expected, printed, command);
    }

    @Test
    void theInteractiveTranscriptIsWhatATerminalShows() throws Exception {
        List<String> block = blocks("$ ./cyberdb shell").stream().filter(b -> b.getFirst().equals("$ ./cyberdb shell"))
                .findFirst().orElseThrow();
        String prompt = "127.0.0.1:9980> ";
        PipedOutputStream keyboard = new PipedOutputStream();
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        try (EmbeddedClient db = CyberDB.embedded(); CyberProxy proxy = db.proxy().connect()) {
            proxy.createDict("centre").put("content", "Hello CyberDB!");
            // A dumb terminal echoes what is typed and draws nothing else, as the transcript shows it.
            Terminal terminal = new ExternalTerminal("readme", Terminal.TYPE_DUMB, new PipedInputStream(keyboard), screen,
                    StandardCharsets.UTF_8);
            InteractiveShell interactive = new InteractiveShell(new Shell(proxy, "127.0.0.1:9980"));
            CompletableFuture<Integer> shell = CompletableFuture.supplyAsync(() -> {
                try (terminal) {
                    return interactive.run(terminal, Optional.empty());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            for (String line : block.subList(1, block.size())) {
                if (line.startsWith(prompt)) {
                    int seen = screen.size();
                    CommandLine.await(() -> screen.toString(StandardCharsets.UTF_8).endsWith(prompt), DEADLINE,
                            "the prompt before " + line);
                    keyboard.write((line.substring(prompt.length()) + "\r").getBytes(StandardCharsets.UTF_8));
                    keyboard.flush();
                    CommandLine.await(() -> screen.size() > seen, DEADLINE, "the echo of " + line);
                }
            }
            assertEquals(0, shell.get(DEADLINE.toSeconds(), TimeUnit.SECONDS));
        }
        List<String> shown = screen.toString(StandardCharsets.UTF_8).replace("\r", "").lines()
                .filter(l -> !l.isBlank()).toList();
        assertEquals(block.subList(1, block.size()), shown);
    }

    /**
     * pickle.dumps({'config': {'password': 'hunter2'}, 'db': {'centre': {'content': 'Hello CyberDB!'},
     * 'queue': ['a', 'b', 'c']}}, protocol=4): the Python CyberDB's file behind the README's example.
     */
    private static final String TWO_TABLES = "8004956e000000000000007d94288c06636f6e666967947d948c0870617373776f7264948c0768"
            + "756e7465723294738c026462947d94288c0663656e747265947d948c07636f6e74656e74948c0e48656c6c6f204379626572444221"
            + "94738c057175657565945d94288c0161948c0162948c0163946575752e";

    @Test
    void theImportReportIsWhatTheImporterPrints() throws Exception {
        List<String> block = blocks("Imported ").getFirst();
        Path old = Files.write(dir.resolve("data.cdb"), HexFormat.of().parseHex(TWO_TABLES));
        Path converted = dir.resolve("data-java.cdb");
        Run run = CommandLine.run("", "import-python", old.toString(), converted.toString());
        assertEquals(0, run.status(), run.err());
        List<String> printed = run.out().replace(old.toString(), "data.cdb").replace(converted.toString(), "data-java.cdb")
                .lines().toList();
        assertEquals(block, printed);
    }
}
