package cyberdb.bench;

import jakarta.json.Json;
import jakarta.json.JsonStructure;
import jakarta.json.JsonWriter;
import jakarta.json.stream.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** Writes a section's figures: JSON for machines, Markdown for the README. */
final class Results {

    private Results() {
    }

    /**
     * Writes {@code name.json} and {@code name.md}.
     *
     * @param dir      the results directory
     * @param name     the section's name
     * @param json     its figures
     * @param markdown its table(s)
     * @throws IOException if the files cannot be written
     */
    static void write(Path dir, String name, JsonStructure json, String markdown) throws IOException {
        Files.createDirectories(dir);
        StringWriter text = new StringWriter();
        try (JsonWriter writer = Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true)).createWriter(text)) {
            writer.write(json);
        }
        Files.writeString(dir.resolve(name + ".json"), text.toString().strip() + "\n");
        Files.writeString(dir.resolve(name + ".md"), markdown);
        System.out.println("Wrote " + dir.resolve(name + ".json") + " and " + name + ".md");
    }

    /**
     * Formats a throughput with its spread for a table cell.
     *
     * @param stats the figures
     * @return e.g. {@code 52,300 (51,900-53,100)}
     */
    static String throughput(Stats stats) {
        return String.format(Locale.ROOT, "%,.0f (%,.0f-%,.0f)", stats.opsPerSecond(), stats.minOps(), stats.maxOps());
    }

    /**
     * Formats latency percentiles for a table cell.
     *
     * @param stats the figures
     * @return e.g. {@code 41 / 95 / 310}
     */
    static String latency(Stats stats) {
        return String.format(Locale.ROOT, "%.0f / %.0f / %.0f", stats.p50Micros(), stats.p99Micros(), stats.p999Micros());
    }

    /**
     * Formats a ratio.
     *
     * @param ratio the ratio
     * @return e.g. {@code 0.93x}
     */
    static String ratio(double ratio) {
        return String.format(Locale.ROOT, "%.2fx", ratio);
    }
}
