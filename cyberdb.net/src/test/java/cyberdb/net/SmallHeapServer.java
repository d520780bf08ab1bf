package cyberdb.net;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A server in a process of its own, for {@link MemoryTest}'s small heap: serves the data file
 * named by its argument with default limits, prints its port, and once its standard input closes
 * stops (saving) and prints {@code saved}.
 */
public final class SmallHeapServer {

    private SmallHeapServer() {
    }

    public static void main(String[] args) throws IOException {
        CyberServer server = CyberServer.builder().host("127.0.0.1").port(0).password(Servers.PASSWORD)
                .dataFile(Path.of(args[0])).build().start();
        System.out.println(server.port());
        System.out.flush();
        while (System.in.read() >= 0) {
            // Serves until the test lets go of this process.
        }
        server.close();
        System.out.println("saved");
        System.out.flush();
    }
}
