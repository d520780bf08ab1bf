package cyberdb.engine.embedded;

import cyberdb.api.CyberDB;
import cyberdb.api.EmbeddedClient;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A second process for {@link DataFileOwnershipTest}: opens the data file named by its argument,
 * writes one entry, prints {@code open}, and keeps the file until its standard input closes.
 */
public final class DataFileHolder {

    private DataFileHolder() {
    }

    public static void main(String[] args) throws IOException {
        try (EmbeddedClient db = CyberDB.embedded(Path.of(args[0]))) {
            db.proxy().connect().createDict("held").put("by", ProcessHandle.current().pid());
            System.out.println("open");
            System.out.flush();
            while (System.in.read() >= 0) {
                // Holds the file until the test lets go of this process.
            }
        }
    }
}
