package cyberdb.bench;

import cyberdb.api.CyberDB;
import cyberdb.api.CyberDict;
import cyberdb.api.Durability;
import cyberdb.api.EmbeddedClient;
import java.io.IOException;
import java.lang.ref.Reference;
import java.nio.file.Path;

/**
 * Run in its own JVM by {@link DurabilityBench}: journals puts into a data file, says
 * {@code written}, and waits to be killed, so that the next open has a journal to replay and no
 * snapshot of it, as after a crash.
 */
public final class JournalWriter {

    private JournalWriter() {
    }

    /**
     * Writes, then blocks until the harness kills this process.
     *
     * @param args the data file and the number of records
     * @throws IOException if standard input fails
     */
    public static void main(String[] args) throws IOException {
        EmbeddedClient db = CyberDB.embedded(Path.of(args[0]), Durability.JOURNAL_NO_FSYNC);
        CyberDict<String, String> dict = db.proxy().connect().createDict("bench", String.class, String.class);
        String value = "y".repeat(100);
        int records = Integer.parseInt(args[1]);
        for (int i = 0; i < records; i++) {
            dict.put("key-" + i, value);
        }
        System.out.println("written");
        System.out.flush();
        // Never closed: the harness kills this process while it waits here.
        System.in.read();
        Reference.reachabilityFence(db);
    }
}
