package cyberdb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cyberdb.api.ConnectionException;
import cyberdb.api.CyberClient;
import cyberdb.api.CyberDB;
import cyberdb.api.CyberDict;
import cyberdb.api.CyberProxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 during a write storm, the server in its own JVM: after a restart every write the client
 * saw acknowledged is there, and nothing else but the one write in flight.
 */
class CrashTest {

    private static final String PASSWORD = "crash test password";

    @TempDir
    Path dir;

    private record Outcome(long acknowledged, long recovered) {
    }

    private Outcome writeStormThenKill(String fsync) throws Exception {
        Path data = dir.resolve(fsync + ".cdb");
        Path passwordFile = Files.writeString(dir.resolve("password"), PASSWORD);
        AtomicLong acknowledged = new AtomicLong(-1);
        try (ServerProcess server = ServerProcess.start("--data", data.toString(), "--fsync", fsync,
                "--password-file", passwordFile.toString())) {
            Thread writer = Thread.ofPlatform().start(() -> {
                try (CyberClient client = CyberDB.connect("127.0.0.1", server.port(), PASSWORD);
                     CyberProxy proxy = client.proxy().connect()) {
                    CyberDict<Object, Object> storm = proxy.createDict("storm");
                    for (long i = 0; ; i++) {
                        storm.put(i, "value " + i);
                        acknowledged.set(i);
                    }
                } catch (ConnectionException killed) {
                    // The server died under the storm.
                }
            });
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (acknowledged.get() < 2000 && System.nanoTime() < deadline) {
                LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
            }
            server.kill();
            writer.join(30_000);
        }
        try (ServerProcess restarted = ServerProcess.start("--data", data.toString(), "--fsync", fsync,
                "--password-file", passwordFile.toString());
             CyberClient client = CyberDB.connect("127.0.0.1", restarted.port(), PASSWORD);
             CyberProxy proxy = client.proxy().connect()) {
            Map<Object, Object> storm = proxy.dict("storm").toMap();
            long acked = acknowledged.get();
            for (Map.Entry<Object, Object> entry : storm.entrySet()) {
                long key = (Long) entry.getKey();
                assertTrue(key <= acked + 1, "nothing invented: key " + key + " was never sent");
                assertEquals("value " + key, entry.getValue());
            }
            long present = storm.keySet().stream().filter(k -> (Long) k <= acked).count();
            restarted.stop();
            return new Outcome(acked + 1, present);
        }
    }

    @Test
    void fsyncAlwaysLosesNoAcknowledgedWrite() throws Exception {
        Outcome outcome = writeStormThenKill("always");
        assertTrue(outcome.acknowledged() >= 2000, "the storm ran: " + outcome.acknowledged());
        assertEquals(outcome.acknowledged(), outcome.recovered(), "every acknowledged write survived kill -9");
    }

    @Test
    void fsyncEverySecondLosesNothingWhenOnlyTheProcessDies() throws Exception {
        Outcome outcome = writeStormThenKill("everysec");
        assertTrue(outcome.acknowledged() >= 2000, "the storm ran: " + outcome.acknowledged());
        // A killed process leaves its writes in the OS page cache: what everysec risks (about a
        // second) is an OS crash or power cut, which a test on one machine cannot cause; the engine's
        // JournalTest checks that the journal is forced within that second.
        assertEquals(outcome.acknowledged(), outcome.recovered(), "a process crash loses nothing that reached the OS");
    }
}
