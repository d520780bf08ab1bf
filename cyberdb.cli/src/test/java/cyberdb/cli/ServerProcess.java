package cyberdb.cli;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A server in a JVM of its own, as {@code ./cyberdb server} runs it, on port 0. */
final class ServerProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");

    private final Process process;
    private final int port;

    private ServerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static ServerProcess start(String... arguments) throws Exception {
        String modulePath = Path.of("target/classes").toAbsolutePath() + File.pathSeparator
                + Files.readString(Path.of("target/runtime-module-path.txt")).strip();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--module-path", modulePath, "-m", "cyberdb.cli/cyberdb.cli.Main", "server", "--port", "0"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader log = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        int port = CompletableFuture.supplyAsync(() -> portFrom(log)).get(60, TimeUnit.SECONDS);
        // Keep draining the log so the server never blocks on a full pipe, until the process ends.
        Thread.ofPlatform().daemon().start(() -> {
            try {
                while (log.readLine() != null) {
                    // Discarded: only the start line matters.
                }
            } catch (IOException ended) {
                // The process was killed and its pipe closed.
            }
        });
        return new ServerProcess(process, port);
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

    int port() {
        return port;
    }

    /** SIGTERM: the server finishes in-flight requests and saves. */
    boolean stop() throws InterruptedException {
        process.destroy();
        return process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGKILL: the process dies at once, as in a crash. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
