package cyberdb.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./cyberdb} script's build step, in a checkout of its own: the real script, module
 * folders with a few sources, and stand-ins for Maven (it records each build and writes what a
 * package would) and for the JDK (it prints the command the script runs).
 */
class LauncherTest {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final String LIST = "/deps/cyberdb-api.jar:/deps/cyberdb-engine.jar";

    @TempDir
    Path root;

    private Path bin;
    private Path jdk;

    private static void executable(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @BeforeEach
    void checkout() throws IOException {
        Files.copy(Path.of("../cyberdb"), root.resolve("cyberdb"));
        Files.writeString(root.resolve("pom.xml"), "<project/>", StandardCharsets.UTF_8);
        for (String module : List.of("cyberdb.api", "cyberdb.net", "cyberdb.cdi", "sample-helidon")) {
            Files.createDirectories(root.resolve(module).resolve("src/main/java"));
            Files.writeString(root.resolve(module).resolve("pom.xml"), "<project/>", StandardCharsets.UTF_8);
            Files.writeString(root.resolve(module).resolve("src/main/java/Source.java"), "class Source { }", StandardCharsets.UTF_8);
        }
        bin = Files.createDirectories(root.resolve("stand-ins/bin"));
        // While the file 'hold' exists, a build waits: the test decides when it ends.
        executable(bin.resolve("mvn"), """
                #!/usr/bin/env bash
                set -eu
                while [ $# -gt 0 ]; do
                  case "$1" in -f) root=$(dirname "$2"); shift ;; -pl) module=$2; shift ;; esac
                  shift
                done
                echo "$module" >> "$root/builds.log"
                for _ in $(seq 600); do [ -e "$root/hold" ] || break; sleep 0.05; done
                mkdir -p "$root/$module/target"
                touch "$root/$module/target/$module-0.1.0-SNAPSHOT.jar"
                echo -n 'LIST' > "$root/$module/target/runtime-module-path.txt"
                echo -n 'LIST' > "$root/$module/target/runtime-class-path.txt"
                """.replace("LIST", LIST));
        executable(bin.resolve("flock"), String.format(Locale.ROOT, """
                #!/usr/bin/env bash
                echo "$$" >> '%s'
                exec '%s' "$@"
                """, root.resolve("locks.log"), realFlock()));
        jdk = Files.createDirectories(root.resolve("stand-ins/jdk/bin")).getParent();
        executable(jdk.resolve("bin/javac"), "#!/bin/sh\n");
        executable(jdk.resolve("bin/java"), """
                #!/usr/bin/env bash
                if [ "$1" = -XshowSettings:properties ]; then echo '    java.specification.version = 25' >&2; exit 0; fi
                printf '%s\\n' "$@"
                """);
    }

    private static Path realFlock() {
        for (String dir : System.getenv("PATH").split(File.pathSeparator)) {
            Path flock = Path.of(dir, "flock");
            if (Files.isExecutable(flock)) {
                return flock;
            }
        }
        throw new AssertionError("flock (util-linux) is not on the PATH; the script locks builds with it");
    }

    /** A running script and the file its standard output goes to. */
    private record Script(Process process, Path out) {

        /** Waits for a successful end and returns what the script printed. */
        List<String> printed() throws Exception {
            assertTrue(process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS), "the script finished");
            assertEquals(0, process.exitValue(), "exit status");
            return Files.readAllLines(out, StandardCharsets.UTF_8);
        }
    }

    private Script start(String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of("bash", root.resolve("cyberdb").toString()));
        command.addAll(List.of(arguments));
        Path out = Files.createTempFile(root, "out", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile())
                .redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        Map<String, String> env = builder.environment();
        env.put("PATH", bin + File.pathSeparator + env.get("PATH"));
        env.put("JAVA_HOME", jdk.toString());
        return new Script(builder.start(), out);
    }

    private List<String> run(String... arguments) throws Exception {
        return start(arguments).printed();
    }

    private List<String> builds() throws IOException {
        Path log = root.resolve("builds.log");
        return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
    }

    private int lines(String file) throws IOException {
        Path log = root.resolve(file);
        return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8).size() : 0;
    }

    private void touch(String file, FileTime time) throws IOException {
        Path path = root.resolve(file);
        Files.createDirectories(path.getParent());
        if (!Files.exists(path)) {
            Files.createFile(path);
        }
        Files.setLastModifiedTime(path, time);
    }

    @Test
    void modulepathBuildsOnceThenPrintsTheListWithoutBuilding() throws Exception {
        assertEquals(List.of(LIST), run("modulepath"));
        assertEquals(List.of("cyberdb.cdi"), builds());
        assertEquals(List.of(LIST), run("modulepath"));
        assertEquals(List.of("cyberdb.cdi"), builds(), "the second run found the build fresh");
    }

    @Test
    void onlyPomsAndMainSourcesMakeItRebuild() throws Exception {
        run("modulepath");
        FileTime later = FileTime.from(Instant.now().plusSeconds(60));
        for (String notASource : List.of("cyberdb.net/.jqwik-database", "cyberdb.net/target/surefire-reports/x.txt",
                "cyberdb.cdi/src/test/java/SomeTest.java", "README.md", "cyberdb.api/notes.txt")) {
            touch(notASource, later);
        }
        run("modulepath");
        assertEquals(List.of("cyberdb.cdi"), builds(), "test output and other files are not sources");
        touch("cyberdb.api/src/main/java/Source.java", later);
        run("modulepath");
        assertEquals(List.of("cyberdb.cdi", "cyberdb.cdi"), builds(), "a changed main source is");
    }

    @Test
    void twoLaunchesAtOnceRunOneBuild() throws Exception {
        Files.createFile(root.resolve("hold"));
        try (WatchService watcher = root.getFileSystem().newWatchService()) {
            root.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
            Script first = start("modulepath");
            await(watcher, () -> lines("builds.log") == 1);
            Script second = start("modulepath");
            // The second one is either waiting for the lock or, without one, building too.
            await(watcher, () -> lines("locks.log") == 2 || lines("builds.log") == 2);
            Files.delete(root.resolve("hold"));
            assertEquals(List.of(LIST), first.printed());
            assertEquals(List.of(LIST), second.printed());
        }
        assertEquals(List.of("cyberdb.cdi"), builds(), "one build; the second launch found it done");
    }

    @Test
    void sampleGivesTheJvmTheOptionsAndTheSampleItsArguments() throws Exception {
        List<String> command = run("sample", "-Dserver.port=8081", "-Xmx256m", "--help");
        String jar = root.resolve("sample-helidon/target/sample-helidon-0.1.0-SNAPSHOT.jar").toString();
        assertEquals(List.of("--enable-native-access=ALL-UNNAMED", "-cp", jar + ":" + LIST, "-Dserver.port=8081", "-Xmx256m",
                "cyberdb.sample.Main", "--help"), command);
    }

    /** Waits, with a deadline, until the condition holds, looking again whenever a file in the checkout changes. */
    private void await(WatchService watcher, IoCondition condition) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.holds()) {
            long left = deadline - System.nanoTime();
            assertTrue(left > 0, "condition met within " + DEADLINE);
            var key = watcher.poll(left, TimeUnit.NANOSECONDS);
            if (key != null) {
                key.pollEvents();
                key.reset();
            }
        }
    }

    private interface IoCondition {
        boolean holds() throws IOException;
    }
}
