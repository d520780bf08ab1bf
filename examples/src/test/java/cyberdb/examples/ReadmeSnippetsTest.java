package cyberdb.examples;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every Java snippet in the README must be a tagged region ({@code // tag::name[]}) of code the
 * build compiles and runs: the examples here, or a test in another module, so the README cannot
 * drift from working code.
 */
class ReadmeSnippetsTest {

    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern TAGGED = Pattern.compile("// tag::([\\w-]+)\\[]\\n(.*?)\\n\\s*// end::\\1\\[]", Pattern.DOTALL);

    private static String normalize(String code) {
        return code.stripIndent().strip();
    }

    private static List<String> taggedRegions() throws IOException {
        List<String> regions = new ArrayList<>();
        try (Stream<Path> sources = Files.walk(Path.of(".."))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/") && !p.toString().contains("/target/")).toList()) {
                Matcher m = TAGGED.matcher(Files.readString(source, StandardCharsets.UTF_8));
                while (m.find()) {
                    regions.add(normalize(m.group(2)));
                }
            }
        }
        return regions;
    }

    @Test
    void everyJavaSnippetIsCompiledExampleCode() throws IOException {
        String readme = Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8);
        List<String> regions = taggedRegions();
        Matcher blocks = JAVA_BLOCK.matcher(readme);
        int count = 0;
        while (blocks.find()) {
            String snippet = normalize(blocks.group(1));
            assertTrue(regions.contains(snippet), "README snippet is not a tagged region of an example:\n" + snippet);
            count++;
        }
        assertFalse(count == 0, "the README shows Java code");
    }
}
