package cyberdb.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Pins the module descriptor: the qualifier is the API; the extension is a service. */
class ModuleDescriptorTest {

    private static ModuleDescriptor descriptor() throws IOException {
        try (InputStream in = Files.newInputStream(Path.of("target/classes/module-info.class"))) {
            return ModuleDescriptor.read(in);
        }
    }

    @Test
    void exportsTheQualifierAndOpensTheBeansToTheContainer() throws IOException {
        ModuleDescriptor module = descriptor();
        assertEquals(Set.of("cyberdb.cdi"), module.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()));
        assertEquals(Set.of("cyberdb.cdi.extension"), module.opens().stream().map(ModuleDescriptor.Opens::source).collect(Collectors.toSet()));
    }

    @Test
    void requiresTheApiCdiAndConfigAndTheRestOnlyWhenPresent() throws IOException {
        Map<String, Boolean> requires = descriptor().requires().stream().collect(Collectors.toMap(ModuleDescriptor.Requires::name,
                r -> r.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC)));
        assertEquals(Map.of("java.base", false, "cyberdb.api", false, "jakarta.cdi", false, "jakarta.inject", false,
                "microprofile.config.api", false, "cyberdb.net", true, "microprofile.health.api", true), requires);
    }

    @Test
    void providesTheExtension() throws IOException {
        assertEquals(Map.of("jakarta.enterprise.inject.spi.Extension", List.of("cyberdb.cdi.extension.CyberExtension")),
                descriptor().provides().stream().collect(Collectors.toMap(ModuleDescriptor.Provides::service,
                        ModuleDescriptor.Provides::providers)));
    }
}
