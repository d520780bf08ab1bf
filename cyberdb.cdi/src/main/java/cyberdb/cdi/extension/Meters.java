package cyberdb.cdi.extension;

import cyberdb.api.CyberClient;
import cyberdb.client.metrics.CyberClientMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;

/**
 * Registers the client's meters ({@link CyberClientMetrics}) with the application's
 * {@code MeterRegistry} bean, when Micrometer is on the path and the application has one.
 * Micrometer is optional: its types are named only in {@link WithMicrometer}, loaded after the
 * check.
 */
final class Meters {

    private static final System.Logger LOG = System.getLogger("cyberdb.cdi");

    private Meters() {
    }

    static void bind(BeanManager beans, CyberClient client) {
        try {
            Class.forName("io.micrometer.core.instrument.MeterRegistry", false, Meters.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError absent) {
            return;
        }
        WithMicrometer.bind(beans, client);
    }

    private static final class WithMicrometer {
        static void bind(BeanManager beans, CyberClient client) {
            Instance<MeterRegistry> registries = beans.createInstance().select(MeterRegistry.class);
            if (registries.isResolvable()) {
                new CyberClientMetrics(client).bindTo(registries.get());
                LOG.log(System.Logger.Level.DEBUG, "CyberDB's meters are in the application's MeterRegistry");
            }
        }
    }
}
