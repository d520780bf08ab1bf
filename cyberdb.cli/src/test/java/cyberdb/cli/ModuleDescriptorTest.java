package cyberdb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Pins the module descriptor: the command line exports nothing and uses only public entry points,
 * plus jdk.unsupported, which JLine needs to catch Ctrl-C.
 */
class ModuleDescriptorTest {

    @Test
    void exportsNothingAndRequiresOnlyPublicApis() throws IOException {
        ModuleDescriptor module;
        try (InputStream in = Files.newInputStream(Path.of("target/classes/module-info.class"))) {
            module = ModuleDescriptor.read(in);
        }
        assertEquals(Set.of(), module.exports());
        assertEquals(Set.of("java.base", "cyberdb.api", "cyberdb.net", "jakarta.json", "org.jline", "jdk.unsupported",
                        "micrometer.core", "micrometer.registry.prometheus", "java.logging"),
                module.requires().stream().map(ModuleDescriptor.Requires::name).collect(Collectors.toSet()));
    }
}
