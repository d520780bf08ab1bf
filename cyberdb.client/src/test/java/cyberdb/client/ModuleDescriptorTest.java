package cyberdb.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import cyberdb.api.spi.ClientProvider;
import cyberdb.client.remote.RemoteClientProvider;
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

/**
 * Pins the module descriptor: the client is a service, its wire protocol is the server's alone to
 * see, and a remote-only application needs no engine.
 */
class ModuleDescriptorTest {

    private static ModuleDescriptor descriptor() throws IOException {
        try (InputStream in = Files.newInputStream(Path.of("target/classes/module-info.class"))) {
            return ModuleDescriptor.read(in);
        }
    }

    @Test
    void exportsTheMetersToAllAndTheWireProtocolOnlyToTheServerAndTheCluster() throws IOException {
        ModuleDescriptor module = descriptor();
        assertEquals("cyberdb.client", module.name());
        assertEquals(Set.of("cyberdb.client.wire to [cyberdb.cluster, cyberdb.net]", "cyberdb.client.metrics to []"),
                module.exports().stream().map(e -> e.source() + " to " + e.targets().stream().sorted().toList())
                        .collect(Collectors.toSet()));
        assertEquals(Set.of(), module.opens());
    }

    @Test
    void requiresTheApiCoreNettyAndBouncyCastleButNoEngine() throws IOException {
        Set<String> requires = descriptor().requires().stream().map(ModuleDescriptor.Requires::name).collect(Collectors.toSet());
        assertEquals(Set.of("java.base", "cyberdb.api", "cyberdb.core", "io.netty.buffer", "io.netty.codec",
                "io.netty.common", "io.netty.transport", "io.netty.transport.classes.epoll", "org.bouncycastle.provider",
                "micrometer.core"), requires);
        assertFalse(requires.contains("cyberdb.engine"));
        assertEquals(Set.of("micrometer.core"), descriptor().requires().stream()
                .filter(r -> r.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC))
                .map(ModuleDescriptor.Requires::name).collect(Collectors.toSet()), "meters are optional");
    }

    @Test
    void providesTheNetworkClient() throws IOException {
        Map<String, List<String>> provides = descriptor().provides().stream()
                .collect(Collectors.toMap(ModuleDescriptor.Provides::service, ModuleDescriptor.Provides::providers));
        assertEquals(Map.of(ClientProvider.class.getName(), List.of(RemoteClientProvider.class.getName())), provides);
        assertEquals(RemoteClientProvider.class.getName(), Files.readString(
                Path.of("target/classes/META-INF/services/" + ClientProvider.class.getName()), StandardCharsets.UTF_8).strip());
        assertEquals(RemoteClientProvider.class, ServiceLoader.load(ClientProvider.class).findFirst().orElseThrow().getClass());
    }
}
