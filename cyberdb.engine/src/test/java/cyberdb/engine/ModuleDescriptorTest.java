package cyberdb.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cyberdb.api.spi.EmbeddedProvider;
import cyberdb.engine.embedded.EmbeddedEngineProvider;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Pins the module descriptor: applications reach the engine only as a service. */
class ModuleDescriptorTest {

    private static ModuleDescriptor descriptor() throws IOException {
        try (InputStream in = Files.newInputStream(Path.of("target/classes/module-info.class"))) {
            return ModuleDescriptor.read(in);
        }
    }

    @Test
    void exportsOneNarrowInterfaceToTheServerAndTheClusterAndOpensNothing() throws IOException {
        ModuleDescriptor module = descriptor();
        assertEquals("cyberdb.engine", module.name());
        assertEquals(Set.of("cyberdb.engine.serve to [cyberdb.cluster, cyberdb.net]"),
                module.exports().stream().map(e -> e.source() + (e.isQualified() ? " to " + e.targets().stream().sorted().toList() : ""))
                        .collect(Collectors.toSet()));
        assertEquals(Set.of(), module.opens());
    }

    @Test
    void requiresWhatItSharesWithTheClientAndTheJvmsDiagnosticsOnly() throws IOException {
        assertEquals(Set.of("java.base", "cyberdb.core", "jdk.management"),
                descriptor().requires().stream().map(ModuleDescriptor.Requires::name).collect(Collectors.toSet()));
    }

    @Test
    void providesTheEmbeddedEngineOnModulePathAndClassPath() throws IOException {
        Map<String, List<String>> provides = descriptor().provides().stream()
                .collect(Collectors.toMap(ModuleDescriptor.Provides::service, ModuleDescriptor.Provides::providers));
        assertEquals(Map.of(EmbeddedProvider.class.getName(), List.of(EmbeddedEngineProvider.class.getName())), provides);

        String services = Files.readString(Path.of("target/classes/META-INF/services/" + EmbeddedProvider.class.getName()),
                StandardCharsets.UTF_8);
        assertEquals(EmbeddedEngineProvider.class.getName(), services.strip());
        assertEquals(EmbeddedEngineProvider.class,
                ServiceLoader.load(EmbeddedProvider.class).findFirst().orElseThrow().getClass());
    }
}
