package cyberdb.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cyberdb.api.spi.ClientProvider;
import cyberdb.net.client.NetClientProvider;
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

/** Pins the module descriptor: only the server entry point is exported; the client is a service. */
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
        assertEquals(Set.of("cyberdb.net"), module.exports().stream().map(e -> e.source() + (e.isQualified() ? " to " + e.targets() : ""))
                .collect(Collectors.toSet()));
        assertEquals(Set.of(), module.opens());
    }

    @Test
    void requiresTheApiTheEngineAndBouncyCastle() throws IOException {
        assertEquals(Set.of("java.base", "cyberdb.api", "cyberdb.core", "cyberdb.engine", "org.bouncycastle.provider"),
                descriptor().requires().stream().map(ModuleDescriptor.Requires::name).collect(Collectors.toSet()));
        // CyberServer's methods take and return API types, so its users read the API too.
        assertEquals(Set.of("cyberdb.api"), descriptor().requires().stream()
                .filter(r -> r.modifiers().contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE))
                .map(ModuleDescriptor.Requires::name).collect(Collectors.toSet()));
    }

    @Test
    void providesTheNetworkClient() throws IOException {
        Map<String, List<String>> provides = descriptor().provides().stream()
                .collect(Collectors.toMap(ModuleDescriptor.Provides::service, ModuleDescriptor.Provides::providers));
        assertEquals(Map.of(ClientProvider.class.getName(), List.of(NetClientProvider.class.getName())), provides);
        assertEquals(NetClientProvider.class.getName(), Files.readString(
                Path.of("target/classes/META-INF/services/" + ClientProvider.class.getName()), StandardCharsets.UTF_8).strip());
        assertEquals(NetClientProvider.class, ServiceLoader.load(ClientProvider.class).findFirst().orElseThrow().getClass());
    }
}
