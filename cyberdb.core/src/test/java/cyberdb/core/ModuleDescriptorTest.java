package cyberdb.core;

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
 * Pins the module descriptor: what the engine and the network modules share, exported to them
 * alone, so that a client needs no engine and applications see only the API.
 */
class ModuleDescriptorTest {

    private static ModuleDescriptor descriptor() throws IOException {
        try (InputStream in = Files.newInputStream(Path.of("target/classes/module-info.class"))) {
            return ModuleDescriptor.read(in);
        }
    }

    @Test
    void exportsItsPackagesOnlyToTheImplementations() throws IOException {
        ModuleDescriptor module = descriptor();
        assertEquals("cyberdb.core", module.name());
        assertEquals(Set.of("cyberdb.core.value to [cyberdb.client, cyberdb.cluster, cyberdb.engine, cyberdb.net]",
                        "cyberdb.core.view to [cyberdb.client, cyberdb.engine, cyberdb.net]"),
                module.exports().stream().map(e -> e.source() + " to " + e.targets().stream().sorted().toList())
                        .collect(Collectors.toSet()));
        assertEquals(Set.of(), module.opens());
        assertEquals(Set.of(), module.provides());
    }

    @Test
    void requiresTheApiTransitivelyAndJsonBinding() throws IOException {
        Set<ModuleDescriptor.Requires> requires = descriptor().requires();
        assertEquals(Set.of("java.base", "cyberdb.api", "jakarta.json", "jakarta.json.bind"),
                requires.stream().map(ModuleDescriptor.Requires::name).collect(Collectors.toSet()));
        assertEquals(Set.of("cyberdb.api"), requires.stream()
                .filter(r -> r.modifiers().contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE))
                .map(ModuleDescriptor.Requires::name).collect(Collectors.toSet()));
    }
}
