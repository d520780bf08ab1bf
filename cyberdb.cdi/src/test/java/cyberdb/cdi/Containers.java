package cyberdb.cdi;

import cyberdb.cdi.extension.CyberExtension;
import jakarta.enterprise.inject.se.SeContainer;
import jakarta.enterprise.inject.se.SeContainerInitializer;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;

/** Starts bare CDI SE containers with only the extension and the given beans. */
final class Containers {

    private Containers() {
    }

    static SeContainer start(Map<String, String> config, Class<?>... beans) {
        Map<String, String> all = new HashMap<>(config);
        all.put("mp.initializer.allow", "true");
        all.put("mp.initializer.no-warn", "true");
        ConfigProviderResolver resolver = ConfigProviderResolver.instance();
        resolver.registerConfig(resolver.getBuilder()
                        .withSources(new MapSource(all))
                        .build(),
                Thread.currentThread().getContextClassLoader());
        return SeContainerInitializer.newInstance()
                .disableDiscovery()
                .addExtensions(new CyberExtension())
                .addBeanClasses(beans)
                .initialize();
    }

    /** Configuration for one test. */
    record MapSource(Map<String, String> values) implements org.eclipse.microprofile.config.spi.ConfigSource {
        @Override
        public java.util.Set<String> getPropertyNames() {
            return values.keySet();
        }

        @Override
        public String getValue(String name) {
            return values.get(name);
        }

        @Override
        public String getName() {
            return "test";
        }

        @Override
        public int getOrdinal() {
            return 1000;
        }
    }
}
