package cyberdb.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A JVM on the harness's class path that the harness converses with line by line: it says when
 * it is ready and what it measured on standard output, and waits for orders on standard input.
 * Several of them act at the same moment when each is told "go" as soon as all are ready.
 */
final class ChildJvm implements AutoCloseable {

    private final Process process;
    private final BufferedReader output;
    private final Writer input;
    private final Path log;

    private ChildJvm(Process process, Path log) {
        this.process = process;
        this.log = log;
        this.output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.input = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    }

    /**
     * Starts one.
     *
     * @param log       where its standard error goes
     * @param jvmArgs   options before the main class
     * @param mainClass the class to run
     * @param args      its arguments
     * @return the running child
     */
    static ChildJvm start(Path log, List<String> jvmArgs, Class<?> mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(args);
        try {
            return new ChildJvm(new ProcessBuilder(command).redirectError(log.toFile()).start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + mainClass.getSimpleName(), e);
        }
    }

    /**
     * Reads the child's next line that starts with a word, skipping others.
     *
     * @param word what the line starts with
     * @return the rest of the line, after the word and a space
     * @throws IllegalStateException if the child ends first
     */
    String await(String word) {
        try {
            for (String line = output.readLine(); line != null; line = output.readLine()) {
                if (line.equals(word) || line.startsWith(word + " ")) {
                    return line.substring(word.length()).strip();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("A child JVM ended before saying '" + word + "'; see " + log);
    }

    /**
     * Sends the child one line.
     *
     * @param line the order
     */
    void tell(String line) {
        try {
            input.write(line + "\n");
            input.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("A child JVM stopped listening; see " + log, e);
        }
    }

    /** @return the child's process */
    Process process() {
        return process;
    }

    @Override
    public void close() {
        Processes.stop(process);
    }
}
