package cyberdb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cyberdb.api.CyberClient;
import cyberdb.api.CyberDB;
import cyberdb.api.CyberDict;
import cyberdb.api.CyberProxy;
import cyberdb.api.EmbeddedClient;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The original's scenario end to end, with the server in its own JVM as {@code ./cyberdb server}
 * runs it: initialise {@code centre} and save {@code data.cdb}; serve it with a backup cycle;
 * read the greeting over an encrypted connection; stop with SIGTERM, which saves.
 */
class ReferenceScenarioTest {

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

        try (ServerProcess server = ServerProcess.start("--data", data.toString(), "--backup-every", "300s",
                "--password-file", passwordFile.toString(), "--max-connections", "10000")) {
            try (CyberClient client = CyberDB.client().port(server.port()).password(PASSWORD)
                    .idleTimeout(java.time.Duration.ofSeconds(900)).build();
                 CyberProxy proxy = client.proxy().connect()) {
                CyberDict<Object, Object> centre = proxy.dict("centre");
                assertEquals("Hello CyberDB!", centre.get("content"));
                centre.put("visits", 1);
            }
            assertTrue(server.stop(), "the server stops on SIGTERM");
        }
        try (EmbeddedClient after = CyberDB.embedded(data); CyberProxy proxy = after.proxy().connect()) {
            assertEquals(1L, proxy.dict("centre").get("visits"), "the final save on SIGTERM kept the last write");
        }
    }
}
