package cyberdb.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A CyberDB server started as {@code ./cyberdb server} starts one, in its own JVM. */
final class CyberServerProcess implements AutoCloseable {

    static final String PASSWORD = "benchmark password";

    private final Process process;
    private final int port;

    private CyberServerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts a server.
     *
     * @param dir       a scratch directory for its log and data
     * @param encrypted whether connections are encrypted
     * @param dataFile  {@code true}: data file with the default journal (fsync every second);
     *                  {@code false}: memory only
     * @return the running server
     * @throws Exception if it cannot start
     */
    static CyberServerProcess start(Path dir, boolean encrypted, boolean dataFile) throws Exception {
        return start(dir, encrypted, dataFile, List.of());
    }

    /**
     * Starts a server with more options.
     *
     * @param dir       a scratch directory for its log and data
     * @param encrypted whether connections are encrypted
     * @param dataFile  whether it has a data file with the default journal
     * @param options   further command-line options, such as {@code --max-connections}
     * @return the running server
     * @throws Exception if it cannot start
     */
    static CyberServerProcess start(Path dir, boolean encrypted, boolean dataFile, List<String> options) throws Exception {
        Files.createDirectories(dir);
        Path data = dir.resolve("bench.cdb");
        Files.deleteIfExists(data);
        Files.deleteIfExists(dir.resolve("bench.journal"));
        Path passwordFile = dir.resolve("password");
        Files.writeString(passwordFile, PASSWORD);
        int port = Processes.freePort();
        List<String> args = new ArrayList<>(List.of("server", "--port", Integer.toString(port),
                "--password-file", passwordFile.toString()));
        if (!encrypted) {
            args.add("--plaintext");
        }
        if (dataFile) {
            args.addAll(List.of("--data", data.toString()));
        }
        args.addAll(options);
        Path log = dir.resolve("server.log");
        Process process = Processes.java(log, List.of(), "cyberdb.cli.Main", args);
        // The server binds its port before it opens its data file, and turns connections away until
        // it has: it is ready when it says so.
        Processes.await(process, log, () -> {
            try {
                return Files.readString(log).contains("CyberDB listening on");
            } catch (IOException notYet) {
                return false;
            }
        });
        return new CyberServerProcess(process, port);
    }

    /** @return the port it listens on */
    int port() {
        return port;
    }

    /** @return its process id, for reading its threads and memory */
    long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        Processes.stop(process);
    }
}
