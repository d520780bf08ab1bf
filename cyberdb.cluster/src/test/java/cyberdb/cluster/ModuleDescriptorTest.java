package cyberdb.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ModuleDescriptorTest {

    private static ModuleDescriptor descriptor() throws IOException {
        try (InputStream in = Files.newInputStream(Path.of("target/classes/module-info.class"))) {
            return ModuleDescriptor.read(in);
        }
    }

    @Test
    void ratisStaysInsideAndNothingIsExportedYet() throws IOException {
        ModuleDescriptor module = descriptor();
        assertEquals(Set.of(), module.exports(), "Ratis's types never reach an exported API");
        assertEquals(Set.of("java.base", "cyberdb.api", "cyberdb.client", "cyberdb.core", "cyberdb.engine", "cyberdb.net",
                        "cyberdb.ratis", "ratis.thirdparty.misc", "org.slf4j"),
                module.requires().stream().map(ModuleDescriptor.Requires::name).collect(Collectors.toSet()));
        assertEquals(Set.of(), module.requires().stream()
                .filter(r -> r.modifiers().contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE))
                .map(ModuleDescriptor.Requires::name).collect(Collectors.toSet()));
    }
}
