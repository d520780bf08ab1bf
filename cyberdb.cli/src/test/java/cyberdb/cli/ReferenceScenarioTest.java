package cyberdb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cyberdb.api.CyberClient;
import cyberdb.api.CyberDB;
import cyberdb.api.CyberDict;
import cyberdb.api.CyberProxy;
import cyberdb.api.EmbeddedClient;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The original's scenario end to end, with the server in its own JVM as {@code ./cyberdb server}
 * runs it: initialise {@code centre} and save {@code data.cdb}; serve it with a backup cycle;
 * read the greeting over an encrypted connection; stop with SIGTERM, which saves.
 */
class ReferenceScenarioTest {

    private static final Pattern LISTENING = Pattern.compile("listening on /127\\.0\\.0\\.1:(\\d+)");
    private static final String PASSWORD = "scenario password";

    @TempDir
    Path dir;

    @Test
    void initialiseServeReadAndStopWithAFinalSave() throws Exception {
        Path data = dir.resolve("data.cdb");
        try (EmbeddedClient init = CyberDB.embedded(data); CyberProxy proxy = init.proxy().connect()) {
            proxy.createDict("centre").put("content", "Hello CyberDB!");
            init.save();
        }
        Path passwordFile = Files.writeString(dir.resolve("password"), PASSWORD + "\n");

        String modulePath = Path.of("target/classes").toAbsolutePath() + File.pathSeparator
                + Files.readString(Path.of("target/runtime-module-path.txt")).strip();
        Process server = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--module-path", modulePath, "-m", "cyberdb.cli/cyberdb.cli.Main", "server",
                "--port", "0", "--data", data.toString(), "--backup-every", "300s",
                "--password-file", passwordFile.toString(), "--max-connections", "10000"))
                .redirectErrorStream(true).start();
        try {
            BufferedReader log = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            int port = CompletableFuture.supplyAsync(() -> portFrom(log)).get(60, TimeUnit.SECONDS);

            try (CyberClient client = CyberDB.client().port(port).password(PASSWORD).idleTimeout(java.time.Duration.ofSeconds(900)).build();
                 CyberProxy proxy = client.proxy().connect()) {
                CyberDict<Object, Object> centre = proxy.dict("centre");
                assertEquals("Hello CyberDB!", centre.get("content"));
                centre.put("visits", 1);
            }

            server.destroy();
            assertTrue(server.waitFor(30, TimeUnit.SECONDS), "the server stops on SIGTERM");
        } finally {
            server.destroyForcibly();
        }
        try (EmbeddedClient after = CyberDB.embedded(data); CyberProxy proxy = after.proxy().connect()) {
            assertEquals(1L, proxy.dict("centre").get("visits"), "the final save on SIGTERM kept the last write");
        }
    }

    private static int portFrom(BufferedReader log) {
        try {
            for (String line = log.readLine(); line != null; line = log.readLine()) {
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    return Integer.parseInt(m.group(1));
                }
            }
            throw new AssertionError("The server exited without its start line");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
