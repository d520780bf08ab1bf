package cyberdb.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cyberdb.cdi.extension.CyberExtension;
import java.io.File;
import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Using CyberDB in your own project", as a user follows it: the application's two
 * sources (the README shows these tagged regions), the shell commands copied from the README,
 * and the module path {@code ./cyberdb modulepath} prints from this build.
 */
class OwnApplicationTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern VERSION = Pattern.compile("<artifactId>cyberdb-parent</artifactId>\\s*<version>([^<]+)</version>");

    private static final String MODULE = """
            // tag::own-application-module[]
            module my.app {
                requires cyberdb.api;
            }
            // end::own-application-module[]
            """;

    private static final String MAIN = """
            // tag::own-application-main[]
            package my.app;

            import cyberdb.api.CyberDB;
            import cyberdb.api.CyberProxy;
            import cyberdb.api.EmbeddedClient;

            public class Main {
                public static void main(String[] args) {
                    try (EmbeddedClient db = CyberDB.embedded();
                         CyberProxy proxy = db.proxy().connect()) {
                        proxy.createDict("centre").put("content", "Hello CyberDB!");
                        System.out.println(proxy.dict("centre").get("content"));
                    }
                }
            }
            // end::own-application-main[]
            """;

    @TempDir
    Path app;

    private static String section() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
        int start = readme.indexOf("\n## Using CyberDB in your own project\n");
        assertTrue(start >= 0, "the README has the section");
        int end = readme.indexOf("\n## ", start + 1);
        return readme.substring(start, end);
    }

    private static String shellBlockWith(String section, String command) {
        Matcher blocks = Pattern.compile("```sh\\n(.*?)```", Pattern.DOTALL).matcher(section);
        while (blocks.find()) {
            if (blocks.group(1).contains(command)) {
                return blocks.group(1);
            }
        }
        throw new AssertionError("no sh block with " + command + " in:\n" + section);
    }

    @Test
    void theExampleCompilesAndRunsOnTheModulePathTheScriptPrints() throws Exception {
        Files.createDirectories(app.resolve("src/my/app"));
        Files.writeString(app.resolve("src/module-info.java"), MODULE, StandardCharsets.UTF_8);
        Files.writeString(app.resolve("src/my/app/Main.java"), MAIN, StandardCharsets.UTF_8);
        String commands = shellBlockWith(section(), "modulepath").replace("path/to/cyberdb/", ROOT + "/");
        // The build has just packaged everything: a Maven run now would be a second build in the same target/.
        Path bin = Files.createDirectories(app.resolve("bin"));
        Files.writeString(bin.resolve("mvn"), "#!/bin/sh\necho 'OwnApplicationTest: ./cyberdb wanted to build again' >&2\nexit 1\n",
                StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(bin.resolve("mvn"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Path javaHome = Path.of(System.getProperty("java.home"));
        ProcessBuilder builder = new ProcessBuilder("bash", "-euo", "pipefail", "-c", commands)
                .directory(app.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("PATH", bin + File.pathSeparator + javaHome.resolve("bin") + File.pathSeparator + env.get("PATH"));
        env.put("JAVA_HOME", javaHome.toString());
        Process shell = builder.start();
        assertTrue(shell.waitFor(120, TimeUnit.SECONDS), "the commands finished");
        String output = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, shell.exitValue(), output);
        assertEquals("Hello CyberDB!", output.strip());
    }

    @Test
    void theCoordinatesCarryThePomsVersion() throws IOException {
        Matcher pom = VERSION.matcher(Files.readString(ROOT.resolve("pom.xml"), StandardCharsets.UTF_8));
        assertTrue(pom.find());
        String section = section();
        assertTrue(section.contains("<groupId>org.cyberdb</groupId>"), section);
        List<String> versions = Pattern.compile("<version>([^<]+)</version>").matcher(section).results()
                .map(m -> m.group(1)).distinct().toList();
        assertEquals(List.of(pom.group(1)), versions);
    }

    @Test
    void cdiIsAnAutomaticModuleNamedCyberdbCdiThatProvidesTheExtension() throws IOException {
        Path jar = Path.of(CyberExtension.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        assertTrue(jar.toString().endsWith(".jar"), "cyberdb-cdi was packaged before this test (mvn verify): " + jar);
        Set<ModuleReference> modules = ModuleFinder.of(jar).findAll();
        assertEquals(1, modules.size());
        ModuleDescriptor cdi = modules.iterator().next().descriptor();
        assertEquals("cyberdb.cdi", cdi.name());
        assertTrue(cdi.isAutomatic(), "no module-info requiring MicroProfile's file-name module names");
        assertEquals(Map.of("jakarta.enterprise.inject.spi.Extension", List.of(CyberExtension.class.getName())),
                cdi.provides().stream().collect(Collectors.toMap(ModuleDescriptor.Provides::service, ModuleDescriptor.Provides::providers)));
    }
}
