package cyberdb.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Pins the module descriptor, so a new export or dependency is a decision, not an accident. */
class ModuleDescriptorTest {

    private static ModuleDescriptor descriptor() throws IOException {
        try (InputStream in = Files.newInputStream(Path.of("target/classes/module-info.class"))) {
            return ModuleDescriptor.read(in);
        }
    }

    @Test
    void exportsOnlyTheApiAndItsSpi() throws IOException {
        ModuleDescriptor module = descriptor();
        assertEquals("cyberdb.api", module.name());
        assertEquals(Set.of("cyberdb.api", "cyberdb.api.spi"),
                module.exports().stream().map(e -> e.source() + (e.isQualified() ? " to " + e.targets() : ""))
                        .collect(Collectors.toSet()));
        assertEquals(Set.of(), module.opens());
    }

    @Test
    void dependsOnNothingButTheJdkBase() throws IOException {
        assertEquals(Set.of("java.base"),
                descriptor().requires().stream().map(ModuleDescriptor.Requires::name).collect(Collectors.toSet()));
    }

    @Test
    void usesTheEngineProviderAndProvidesNothing() throws IOException {
        ModuleDescriptor module = descriptor();
        assertEquals(Set.of("cyberdb.api.spi.EmbeddedProvider", "cyberdb.api.spi.ClientProvider"), module.uses());
        assertEquals(Set.of(), module.provides());
    }
}
