package cyberdb.cli;

import static cyberdb.cli.CommandLine.await;
import static cyberdb.cli.CommandLine.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cyberdb.api.CyberClient;
import cyberdb.api.CyberDB;
import cyberdb.api.CyberDict;
import cyberdb.api.CyberProxy;
import cyberdb.api.DatabaseInfo;
import cyberdb.api.EmbeddedClient;
import cyberdb.api.MemoryLimitException;
import cyberdb.cli.CommandLine.Run;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./cyberdb server}: options checked in their own words, and what it says at start and stop. */
class ServerCommandTest {

    private static final String PASSWORD = "server test password";
    private static final Duration DEADLINE = Duration.ofSeconds(20);
    /** What a message for a Java caller looks like: a method call or a builder's setter. */
    private static final Pattern JAVA_WORDS = Pattern.compile("\\w\\(|plaintextBeyondLoopback|backupEvery|dataFile|Exception");

    @TempDir
    Path dir;

    /** The server's and its metrics' ports: ones the system handed out, released for the command to bind. */
    private static int[] twoFreePorts() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             ServerSocket metricsProbe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return new int[] {probe.getLocalPort(), metricsProbe.getLocalPort()};
        }
    }

    private Path passwordFile(String password) throws IOException {
        return Files.writeString(dir.resolve("password"), password + "\n");
    }

    private Run refused(String expected, String... options) throws IOException {
        // No --port: every refusal comes before the server would listen.
        String[] args = new String[options.length + 3];
        args[0] = "server";
        args[1] = "--password-file";
        args[2] = passwordFile(PASSWORD).toString();
        System.arraycopy(options, 0, args, 3, options.length);
        Run run = run("", args);
        assertEquals(ExitStatus.USAGE, run.status(), run.err());
        String message = run.err().lines().findFirst().orElse("");
        if (expected != null) {
            assertEquals("cyberdb server: " + expected, message);
        }
        assertFalse(JAVA_WORDS.matcher(message).find(), "worded for Java callers: " + message);
        assertTrue(run.err().contains("Usage: ./cyberdb server"), "a wrong option shows the usage");
        return run;
    }

    @Test
    void optionsAreCheckedInTheirOwnWordsBeforeTheServerIsBuilt() throws IOException {
        refused("--backup-every needs --data: without a data file there is nothing to save", "--backup-every", "5m");
        refused("--fsync needs --data: without a data file there is nothing to journal", "--fsync", "always");
        refused("--plaintext on 0.0.0.0, beyond loopback, would send every value unencrypted: drop --plaintext,"
                + " or add --plaintext-beyond-loopback if the network is trusted", "--host", "0.0.0.0", "--plaintext");
        refused("--max-frame-bytes takes 64kb or more, up to 1gb, got 5", "--max-frame-bytes", "5");
        refused("--max-memory takes a size such as 512mb, 2gb or 65536 (bytes), got 'lots'", "--max-memory", "lots");
        refused("--max-memory takes 1mb or more, got 10kb", "--max-memory", "10kb");
        refused("--receive-bytes takes 1mb or more, got 0", "--receive-bytes", "0");
        refused("--io-threads takes 1 to 256, got 1000", "--io-threads", "1000");
        refused("--max-in-flight takes at least 1, got 0", "--max-in-flight", "0");
        refused("--max-connections takes at least 1, got 0", "--max-connections", "0");
        refused("--port takes 0 to 65535, got 70000", "--port", "70000");
        refused("--metrics-port takes 0 to 65535, got 70000", "--metrics-port", "70000");
        refused("--metrics-port must differ from --port (9980)", "--metrics-port", "9980");
        refused("--slowlog-micros takes at least 0, got -1", "--slowlog-micros", "-1");
        refused("--backup-every takes at least 1s, got 500ms", "--data", dir.resolve("d.cdb").toString(),
                "--backup-every", "500ms");
        refused("--idle-timeout must not be negative, got PT-5S", "--idle-timeout", "PT-5S");
        refused("--allow takes an IP address or a CIDR range such as 10.0.0.0/8 (not a host name), got 'example.com'",
                "--allow", "example.com");
        refused("--data takes a file name ending in .cdb, such as data.cdb; got 'data.txt'", "--data", "data.txt");
        refused("--port takes a whole number, got '-2.5'", "--port", "-2.5");
        refused("unknown option --colour", "--colour");
        assertFalse(Files.exists(dir.resolve("d.cdb")), "nothing was created");
    }

    @Test
    void theExampleConfigurationRunsAServerAndTheCommandLineWins() throws Exception {
        int[] ports = twoFreePorts();
        int port = ports[0];
        int metricsPort = ports[1];
        Path data = dir.resolve("configured.cdb");
        AtomicReference<Runnable> stop = new AtomicReference<>();
        String[] args = {"--config", "../docs/cyberdb.properties", "--port", String.valueOf(port), "--metrics-port",
                String.valueOf(metricsPort), "--data", data.toString(), "--password-file", passwordFile(PASSWORD).toString()};
        CompletableFuture<Integer> server = CompletableFuture.supplyAsync(
                () -> ServerCommand.run(args, CommandLine.printing(new ByteArrayOutputStream()), Map.of(), stop::set));
        await(() -> stop.get() != null || server.isDone(), DEADLINE, "the server to start");
        assertFalse(server.isDone(), "started");
        try (CyberClient client = CyberDB.connect("127.0.0.1", port, PASSWORD); CyberProxy proxy = client.proxy().connect()) {
            DatabaseInfo info = proxy.info();
            assertEquals(10_000L, info.section("clients").orElseThrow().get("max_connections"), "from the file");
            assertEquals(512L << 20, info.section("memory").orElseThrow().get("max_memory_bytes"), "from the file");
            assertEquals(10_000L, info.section("stats").orElseThrow().get("slowlog_micros"), "from the file");
            assertEquals(data.toString(), info.section("persistence").orElseThrow().get("data_file"), "the command line's");
            assertEquals("everysec", info.section("persistence").orElseThrow().get("durability"));
        } finally {
            stop.get().run();
        }
        assertEquals(0, server.get(DEADLINE.toSeconds(), TimeUnit.SECONDS));
    }

    @Test
    void aConfigurationFileIsCheckedKeyByKey() throws IOException {
        Path config = dir.resolve("cyberdb.properties");
        Files.writeString(config, "port=9980\npassword=hunter2hunter2\n");
        assertTrue(refused(config + ": the password is never kept in a configuration file, which is easily shared and"
                + " backed up: use password-file FILE (readable by the server's user only) or the CYBERDB_PASSWORD"
                + " environment variable", "--config", config.toString()).err().contains("Usage:"));
        Files.writeString(config, "prot=9980\n");
        String unknown = refused(null, "--config", config.toString()).err().lines().findFirst().orElseThrow();
        assertTrue(unknown.startsWith("cyberdb server: " + config + ": unknown key 'prot'; the keys are the server's"
                + " options without their dashes: allow, backup-every, data,"), unknown);
        assertTrue(unknown.contains(" port, "), unknown);
        Files.writeString(config, "plaintext=maybe\n");
        refused(config + ": plaintext takes true or false, got 'maybe'", "--config", config.toString());
        Files.writeString(config, "config=other.properties\n");
        refused(config + ": a configuration file cannot name another (config=other.properties)", "--config", config.toString());
        Files.writeString(config, "max-connections=0\n");
        refused("--max-connections takes at least 1, got 0", "--config", config.toString());
        refused("--config " + dir.resolve("missing.properties") + ": no such file", "--config",
                dir.resolve("missing.properties").toString());
        refused("--log-level takes error, warning, info or debug, got 'loud'", "--log-level", "loud");
    }

    @Test
    void theLogLevelIsTheServersLoggersLevel() throws IOException {
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        java.util.logging.Level before = root.getLevel();
        try {
            refused("--max-connections takes at least 1, got 0", "--log-level", "warning", "--max-connections", "0");
            assertFalse(System.getLogger("cyberdb.net").isLoggable(System.Logger.Level.INFO));
            assertTrue(System.getLogger("cyberdb.net").isLoggable(System.Logger.Level.WARNING));
            refused("--max-connections takes at least 1, got 0", "--log-level", "debug", "--max-connections", "0");
            assertTrue(System.getLogger("cyberdb.net").isLoggable(System.Logger.Level.DEBUG));
        } finally {
            root.setLevel(before);
        }
    }

    @Test
    void aShortPasswordIsToldWithItsSource() throws IOException {
        Run run = run("", "server", "--port", "0", "--password-file", passwordFile("short").toString());
        assertEquals(ExitStatus.USAGE, run.status());
        assertTrue(run.err().startsWith("cyberdb server: a server's password needs at least 8 characters; the password in "
                + dir.resolve("password") + " has 5"), run.err());
    }

    @Test
    void runTimeFailuresDoNotShowTheUsage() throws IOException {
        Run noPasswordFile = run("", "server", "--password-file", dir.resolve("nope").toString());
        assertEquals(ExitStatus.FAILED, noPasswordFile.status());
        assertEquals("cyberdb server: cannot read the password file " + dir.resolve("nope") + ": no such file",
                noPasswordFile.err().strip());

        Path damaged = Files.writeString(dir.resolve("damaged.cdb"), "not a snapshot");
        Run corrupt = run("", "server", "--port", "0", "--password-file", passwordFile(PASSWORD).toString(),
                "--data", damaged.toString());
        assertEquals(ExitStatus.DAMAGED_FILE, corrupt.status());
        assertFalse(corrupt.err().contains("Usage"), corrupt.err());
        assertFalse(corrupt.err().contains("damaged_backup.cdb"), "names no backup that does not exist: " + corrupt.err());
    }

    @Test
    void withoutDataItSaysNothingWillBeSavedAtStartAndAtStop() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        AtomicReference<Runnable> stop = new AtomicReference<>();
        String[] args = {"--port", "0", "--password-file", passwordFile(PASSWORD).toString()};
        CompletableFuture<Integer> server = CompletableFuture.supplyAsync(
                () -> ServerCommand.run(args, CommandLine.printing(err), Map.of(), stop::set));
        await(() -> stop.get() != null, DEADLINE, "the server to start");
        assertEquals("cyberdb server: no --data: nothing will be saved; the tables live in memory until the server stops",
                err.toString(StandardCharsets.UTF_8).strip());
        stop.get().run();
        assertEquals(0, server.get(DEADLINE.toSeconds(), TimeUnit.SECONDS));
        assertTrue(err.toString(StandardCharsets.UTF_8).endsWith("CyberDB stopped; nothing was saved (no --data)\n"),
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theLimitsGivenAreTheServersLimits() throws Exception {
        int[] ports = twoFreePorts();
        int port = ports[0];
        int metricsPort = ports[1];
        AtomicReference<Runnable> stop = new AtomicReference<>();
        String[] args = {"--port", String.valueOf(port), "--password-file", passwordFile(PASSWORD).toString(),
                "--max-memory", "1mb", "--io-threads", "1", "--max-frame-bytes", "128kb", "--slowlog-micros", "0",
                "--metrics-port", String.valueOf(metricsPort)};
        CompletableFuture<Integer> server = CompletableFuture.supplyAsync(
                () -> ServerCommand.run(args, CommandLine.printing(new ByteArrayOutputStream()), Map.of(), stop::set));
        await(() -> stop.get() != null, DEADLINE, "the server to start");
        try (CyberClient client = CyberDB.connect("127.0.0.1", port, PASSWORD); CyberProxy proxy = client.proxy().connect()) {
            CyberDict<Object, Object> dict = proxy.createDict("d");
            MemoryLimitException refused = assertThrows(MemoryLimitException.class, () -> {
                for (int i = 0; i < 1_000; i++) {
                    dict.set(i, "v".repeat(2_000));
                }
            });
            assertTrue(refused.getMessage().contains("limit of 1.0 MiB set by the server's --max-memory"), refused.getMessage());
            assertThrows(IllegalArgumentException.class, () -> dict.set("big", "v".repeat(200_000)),
                    "a request beyond --max-frame-bytes");
            assertEquals(0L, proxy.info().section("stats").orElseThrow().get("slowlog_micros"));
            assertEquals("INFO", proxy.slowRequests(1).getFirst().operation(), "every request is slow at 0");
            HttpURLConnection metrics = (HttpURLConnection) URI.create("http://127.0.0.1:" + metricsPort + "/metrics")
                    .toURL().openConnection();
            assertEquals(200, metrics.getResponseCode());
            try (InputStream body = metrics.getInputStream()) {
                assertTrue(new String(body.readAllBytes(), StandardCharsets.UTF_8).contains("cyberdb_requests_seconds_count"));
            }
        } finally {
            stop.get().run();
        }
        assertEquals(0, server.get(DEADLINE.toSeconds(), TimeUnit.SECONDS));
    }

    @Test
    void withDataItSaysWhereItSaved() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        AtomicReference<Runnable> stop = new AtomicReference<>();
        Path data = dir.resolve("data.cdb");
        String[] args = {"--port", "0", "--password-file", passwordFile(PASSWORD).toString(), "--data", data.toString()};
        CompletableFuture<Integer> server = CompletableFuture.supplyAsync(
                () -> ServerCommand.run(args, CommandLine.printing(err), Map.of(), stop::set));
        await(() -> stop.get() != null, DEADLINE, "the server to start");
        assertEquals("", err.toString(StandardCharsets.UTF_8), "no warning with --data");
        stop.get().run();
        assertEquals(0, server.get(DEADLINE.toSeconds(), TimeUnit.SECONDS));
        assertEquals("CyberDB stopped; the data is in " + data, err.toString(StandardCharsets.UTF_8).strip());
        assertFalse(Files.exists(data), "nothing changed, so nothing was written");
    }

    @Test
    void aDataFileAnotherProcessOwnsIsToldAsSuchAndLeftAlone() throws Exception {
        Path data = dir.resolve("owned.cdb");
        try (EmbeddedClient owner = CyberDB.embedded(data)) {
            owner.proxy().connect().createDict("d").put("k", "v");
            byte[] journal = Files.readAllBytes(dir.resolve("owned.journal"));
            Run second = run("", "server", "--port", "0", "--password-file", passwordFile(PASSWORD).toString(),
                    "--data", data.toString());
            assertEquals(ExitStatus.FAILED, second.status());
            assertEquals("cyberdb server: the data file " + data + " is in use by process " + ProcessHandle.current().pid()
                    + "; only one server at a time may own it. Stop that one first, or look into the file without changing"
                    + " it with ./cyberdb shell --file " + data + " --read-only", second.err().strip());
            assertArrayEquals(journal, Files.readAllBytes(dir.resolve("owned.journal")));
            assertFalse(Files.exists(data), "nothing was saved over the owner's file");
        }
    }

    @Test
    void anAddressThatIsNotThisMachinesIsNotCalledABusyPort() throws Exception {
        Run run = run("", "server", "--host", "192.0.2.1", "--port", "0", "--password-file", passwordFile(PASSWORD).toString());
        assertEquals(ExitStatus.FAILED, run.status());
        assertTrue(run.err().startsWith("cyberdb server: cannot listen on 192.0.2.1:0: ") && !run.err().contains("in use")
                && run.err().contains("is --host an address of this machine?"), run.err());
    }

    @Test
    void aPortInUseIsToldAsSuch() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Run second = run("", "server", "--port", String.valueOf(taken.getLocalPort()),
                    "--password-file", passwordFile(PASSWORD).toString());
            assertEquals(ExitStatus.FAILED, second.status());
            assertEquals("cyberdb server: cannot listen on 127.0.0.1:" + taken.getLocalPort()
                    + ": the port is in use; stop what uses it, or choose another --port", second.err().strip());
        }
    }
}
