package cyberdb.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Child processes of the harness: servers under load and the external tools. */
final class Processes {

    private Processes() {
    }

    /**
     * Starts a JVM on the harness's own class path, its output going to {@code log}.
     *
     * @param log       where the child's output goes
     * @param jvmArgs   options before the main class
     * @param mainClass the class to run
     * @param args      its arguments
     * @return the process
     */
    static Process java(Path log, List<String> jvmArgs, String mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(args);
        return start(command, log);
    }

    /**
     * Starts a program, its output going to {@code log}.
     *
     * @param command the program and its arguments
     * @param log     where the output goes
     * @return the process
     */
    static Process start(List<String> command, Path log) {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + command.getFirst(), e);
        }
    }

    /**
     * Runs a program to its end and returns what it printed.
     *
     * @param command the program and its arguments
     * @return its standard output and error
     * @throws IllegalStateException if it exits with a failure status
     */
    static String run(List<String> command) {
        try {
            Finished finished = execute(command);
            if (finished.status() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + finished.output());
            }
            return finished.output();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + command.getFirst(), e);
        }
    }

    /**
     * Returns the first line a command prints, for version strings.
     *
     * @param command the command
     * @return its first line, or "not installed"
     */
    static String firstLine(List<String> command) {
        try {
            // Some tools (wrk) print their version with a usage message and a failure status.
            return execute(command).output().lines().findFirst().orElse("").strip();
        } catch (IOException e) {
            return command.getFirst() + " not installed";
        }
    }

    private record Finished(int status, String output) {
    }

    private static Finished execute(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            return new Finished(process.waitFor(), output);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Stops a process and waits for it to end.
     *
     * @param process the process, or {@code null}
     */
    static void stop(Process process) {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Returns a port nobody listens on now, for servers whose port must be known before start.
     *
     * @return the port
     */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits until a process accepts connections on a loopback port.
     *
     * @param process the process, which must stay alive
     * @param port    the port
     * @param log     its log, quoted if it dies
     */
    static void awaitPort(Process process, int port, Path log) {
        await(process, log, () -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return true;
            } catch (IOException notYet) {
                return false;
            }
        });
    }

    /**
     * Waits for a condition while a process lives, up to a minute.
     *
     * @param process   the process
     * @param log       its log, quoted if it dies or the deadline passes
     * @param condition what to wait for
     */
    static void await(Process process, Path log, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (!condition.getAsBoolean()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException((process.isAlive() ? "Timed out" : "Died") + " waiting for "
                        + process.info().command().orElse("a process") + "; see " + log);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
