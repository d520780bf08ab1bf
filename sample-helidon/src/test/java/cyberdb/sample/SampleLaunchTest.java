package cyberdb.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cyberdb.api.CyberDB;
import cyberdb.api.CyberProxy;
import cyberdb.api.EmbeddedClient;
import cyberdb.net.CyberServer;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts the sample as {@code ./cyberdb sample} does: its main class in a JVM of its own, on the
 * class path the script uses, in a directory of its own. Checks what a person at the shell sees:
 * where it serves and with which database, or one line saying why it cannot start.
 */
class SampleLaunchTest {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final Pattern SERVING = Pattern.compile("cyberdb sample: serving http://127\\.0\\.0\\.1:(\\d+)/ ");

    @TempDir
    Path dir;

    /** A launched sample and the lines it printed, standard output and error together. */
    private static final class Launched implements AutoCloseable {
        /** Put after the last line; a line read from a stream never holds a newline. */
        private static final String END = "end of output\n";

        private final Process process;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final List<String> seen = new ArrayList<>();
        private boolean ended;

        Launched(Process process) {
            this.process = process;
            Thread.ofPlatform().daemon().start(() -> {
                try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    out.lines().forEach(lines::add);
                } catch (IOException | UncheckedIOException closed) {
                    // The process was destroyed: its output ends here.
                }
                lines.add(END);
            });
        }

        /** The next line, or null once the output has ended; fails at the deadline. */
        private String next(long deadline) throws InterruptedException {
            if (ended) {
                return null;
            }
            String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError("no more output within " + DEADLINE + "; so far:\n" + String.join("\n", seen));
            }
            ended = line.equals(END);
            if (ended) {
                return null;
            }
            seen.add(line);
            return line;
        }

        /** Waits for a line matching the pattern; fails at the deadline or if the output ends first. */
        Matcher awaitLine(Pattern pattern) throws InterruptedException {
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            for (String line = next(deadline); line != null; line = next(deadline)) {
                Matcher m = pattern.matcher(line);
                if (m.find()) {
                    return m;
                }
            }
            throw new AssertionError("the sample ended without a line matching " + pattern + ":\n" + String.join("\n", seen));
        }

        /** Waits for the exit and the end of the output; returns the exit status. */
        int awaitExit() throws InterruptedException {
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (next(deadline) != null) {
                // Every line goes to seen.
            }
            assertTrue(process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS), "exited");
            return process.exitValue();
        }

        List<String> seen() {
            return seen;
        }

        @Override
        public void close() {
            process.destroy();
        }
    }

    private Launched launch(List<String> options, String... arguments) throws IOException {
        String classPath = Path.of("target/classes").toAbsolutePath() + File.pathSeparator
                + Files.readString(Path.of("target/runtime-class-path.txt"), StandardCharsets.UTF_8).strip();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath));
        command.addAll(options);
        command.add("cyberdb.sample.Main");
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().remove("CYBERDB_PASSWORD");
        return new Launched(builder.start());
    }

    /** The data files (snapshot, backup, journal) with digests of their content; the lock only says who owned them last. */
    private Map<String, String> files() throws IOException, NoSuchAlgorithmException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path file : list.filter(f -> !f.getFileName().toString().endsWith(".lock")).toList()) {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
                files.put(file.getFileName().toString(), HexFormat.of().formatHex(digest));
            }
        }
        return files;
    }

    private void assertOneLine(Launched sample, String... expected) {
        assertEquals(1, sample.seen().size(), () -> "one line, got:\n" + String.join("\n", sample.seen()));
        String line = sample.seen().getFirst();
        for (String part : expected) {
            assertTrue(line.contains(part), () -> "'" + part + "' in: " + line);
        }
    }

    /**
     * The database is opened at deployment, before the web server binds; nothing is written to it
     * until the server listens, and the engine writes nothing for a database closed unchanged.
     */
    @Test
    void aBusyPortEndsWithOneLineAndLeavesTheDataFilesAsTheyWere() throws Exception {
        Path data = dir.resolve("data.cdb");
        try (EmbeddedClient db = CyberDB.embedded(data); CyberProxy proxy = db.proxy().connect()) {
            proxy.createDict("centre").put("content", "Hello from before");
        }
        Map<String, String> before = files();
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
             Launched sample = launch(List.of("-Dserver.port=" + busy.getLocalPort()))) {
            assertEquals(1, sample.awaitExit());
            assertOneLine(sample, "cannot listen on 127.0.0.1:" + busy.getLocalPort(), "-Dserver.port=");
        }
        assertEquals(before, files(), "no data file written, created or rewritten");
    }

    @Test
    void aDamagedDataFileEndsWithOneLineSayingWhereAndWhatToDo() throws Exception {
        Path data = dir.resolve("data.cdb");
        Files.writeString(data, "not a CyberDB snapshot", StandardCharsets.UTF_8);
        byte[] before = Files.readAllBytes(data);
        try (Launched sample = launch(List.of("-Dserver.port=0"))) {
            assertEquals(3, sample.awaitExit(), "a damaged data file has its own status, as at the command line");
            assertOneLine(sample, data + " is damaged", "move it aside");
        }
        assertArrayEquals(before, Files.readAllBytes(data));
        try (Stream<Path> list = Files.list(dir)) {
            assertEquals(List.of("data.cdb", "data.lock"), list.map(f -> f.getFileName().toString()).sorted().toList(),
                    "no journal or other file created");
        }
    }

    @Test
    void aBadSettingEndsWithOneLineNamingIt() throws Exception {
        try (Launched sample = launch(List.of("-Dserver.port=0", "-Dcyberdb.mode=embeded"))) {
            assertEquals(1, sample.awaitExit());
            assertOneLine(sample, "cyberdb.mode must be 'embedded' or 'remote', got 'embeded'");
        }
        try (Stream<Path> list = Files.list(dir)) {
            assertEquals(List.of(), list.toList(), "nothing created");
        }
    }

    @Test
    void helpPrintsTheSamplesOwnUsage() throws Exception {
        try (Launched sample = launch(List.of(), "--help")) {
            assertEquals(0, sample.awaitExit());
            assertEquals("Usage: ./cyberdb sample [-Dkey=value ...]", sample.seen().getFirst());
            assertTrue(sample.seen().stream().anyMatch(line -> line.contains("-Dcyberdb.mode=remote")), () -> String.join("\n", sample.seen()));
        }
        try (Launched sample = launch(List.of(), "--port=8081")) {
            assertEquals(2, sample.awaitExit());
            assertOneLine(sample, "unexpected argument '--port=8081'", "-Dserver.port=8081");
        }
    }

    /** Issue 13: a start says what the sample opened and where it serves, and warns of nothing. */
    @Test
    void aStartSaysTwoLinesAndNoWarnings() throws Exception {
        try (Launched sample = launch(List.of("-Dserver.port=0"))) {
            sample.awaitLine(SERVING);
            List<String> seen = sample.seen();
            assertEquals(2, seen.size(), () -> String.join("\n", seen));
            assertTrue(seen.getFirst().matches("\\S+ \\S+ INFO cyberdb.cdi: CyberDB embedded, data in .*data\\.cdb .*"),
                    seen.getFirst());
        }
    }

    @Test
    void itSaysTheAddressAndTheDatabaseItReallyUses() throws Exception {
        String password = "sample launch password";
        try (CyberServer database = CyberServer.builder().port(0).password(password).build().start();
             Launched sample = launch(List.of("-Dserver.port=0", "-Dcyberdb.mode=remote",
                     "-Dcyberdb.port=" + database.port(), "-Dcyberdb.password=" + password))) {
            int port = Integer.parseInt(sample.awaitLine(SERVING).group(1));
            assertTrue(sample.seen().stream().anyMatch(line -> line.contains(
                    "CyberDB remote: the server at 127.0.0.1:" + database.port())), () -> String.join("\n", sample.seen()));
            HttpResponse<String> hello = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals("{\"code\":1,\"content\":\"Hello CyberDB!\"}", hello.body());
        }
    }
}
