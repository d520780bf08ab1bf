package cyberdb.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What a run was measured on: figures from different machines or versions must not be compared.
 *
 * @param cores    available processors
 * @param cpu      the CPU model, from /proc/cpuinfo
 * @param jdk      the JDK running the harness (and the CyberDB JVMs it starts)
 * @param os       operating system and architecture
 * @param redis    {@code redis-server --version}, or "not installed"
 * @param wrk      {@code wrk --version}'s first line, or "not installed"
 */
record Machine(int cores, String cpu, String jdk, String os, String redis, String wrk) {

    /**
     * Reads the current machine.
     *
     * @return its description
     */
    public static Machine current() {
        return new Machine(Runtime.getRuntime().availableProcessors(), cpuModel(),
                System.getProperty("java.vendor") + " " + System.getProperty("java.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                Processes.firstLine(List.of("redis-server", "--version")),
                Processes.firstLine(List.of("wrk", "--version")));
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).strip())
                    .findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /**
     * Returns this description as JSON.
     *
     * @return a JSON object
     */
    public JsonObject json() {
        return Json.createObjectBuilder().add("cores", cores).add("cpu", cpu).add("jdk", jdk).add("os", os)
                .add("redis", redis).add("wrk", wrk).build();
    }

    /**
     * Returns a one-line description for Markdown tables.
     *
     * @return the line
     */
    public String line() {
        return cores + " cores (" + cpu + "), " + jdk + ", " + os + "; " + redis + "; " + wrk;
    }
}
