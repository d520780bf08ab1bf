package cyberdb.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Pins the module descriptor: only the server's entry point is exported. */
class ModuleDescriptorTest {

    private static ModuleDescriptor descriptor() throws IOException {
        try (InputStream in = Files.newInputStream(Path.of("target/classes/module-info.class"))) {
            return ModuleDescriptor.read(in);
        }
    }

    @Test
    void exportsOnlyTheServerPackage() throws IOException {
        ModuleDescriptor module = descriptor();
        assertEquals("cyberdb.net", module.name());
        assertEquals(Set.of("cyberdb.net", "cyberdb.net.server to [cyberdb.cluster]"),
                module.exports().stream().map(e -> e.source() + (e.isQualified() ? " to " + e.targets() : ""))
                .collect(Collectors.toSet()));
        assertEquals(Set.of(), module.opens());
        assertEquals(Set.of(), module.provides(), "the client is cyberdb.client's");
    }

    @Test
    void requiresTheEngineTheClientsWireAndNetty() throws IOException {
        assertEquals(Set.of("java.base", "cyberdb.api", "cyberdb.client", "cyberdb.core", "cyberdb.engine", "io.netty.buffer",
                        "io.netty.common", "io.netty.transport", "jdk.httpserver", "micrometer.core",
                        "micrometer.registry.prometheus"),
                descriptor().requires().stream().map(ModuleDescriptor.Requires::name).collect(Collectors.toSet()));
        // Metrics are optional: a server without Micrometer on its path starts, as long as it serves none.
        assertEquals(Set.of("micrometer.core", "micrometer.registry.prometheus"), descriptor().requires().stream()
                .filter(r -> r.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC))
                .map(ModuleDescriptor.Requires::name).collect(Collectors.toSet()));
        // CyberServer's methods take and return API types, so its users read the API too.
        assertEquals(Set.of("cyberdb.api"), descriptor().requires().stream()
                .filter(r -> r.modifiers().contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE))
                .map(ModuleDescriptor.Requires::name).collect(Collectors.toSet()));
    }
}
