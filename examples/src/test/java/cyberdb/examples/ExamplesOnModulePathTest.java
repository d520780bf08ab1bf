package cyberdb.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the examples as a user would: a fresh JVM, every jar on the module path, none on the
 * class path, the examples module requiring only {@code cyberdb.api}, and the engine found
 * through its {@code provides} clause.
 */
class ExamplesOnModulePathTest {

    @TempDir
    Path dir;

    private static String modulePath() throws IOException {
        String dependencies = Files.readString(Path.of("target/runtime-module-path.txt"), StandardCharsets.UTF_8).strip();
        return Path.of("target/classes").toAbsolutePath() + File.pathSeparator + dependencies;
    }

    private String run(String mainClass) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "--module-path", modulePath(),
                "-m", "cyberdb.examples/" + mainClass, dir.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "example finished");
        assertEquals(0, process.exitValue(), "exit status; output:\n" + output);
        return output;
    }

    @Test
    void helloExampleSavesAndReadsBackTheGreeting() throws Exception {
        String output = run("cyberdb.examples.HelloEmbedded");
        assertEquals("Hello CyberDB!", output.strip());
        assertTrue(Files.size(dir.resolve("data.cdb")) > 0);
    }

    @Test
    void tourRunsEverySection() throws Exception {
        List<String> lines = run("cyberdb.examples.Tour").strip().lines().toList();
        assertEquals(List.of(
                "dict {alice=4, bob=0, visits=1} visits=1 popped=tags some={alice=4}",
                "list [b, a, start] last=c slice=[start, a] count=1",
                "typed Ada raw={age=37, emails=[ada@example.org], name=Ada}",
                "snapshot tables 3"), lines);
        assertTrue(Files.exists(dir.resolve("tour.cdb")));
    }
}
