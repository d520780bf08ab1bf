package cyberdb.sample;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The service's meters, in Prometheus's format: the JVM's, the HTTP requests' ({@link HttpMetrics})
 * and CyberDB's, which the CyberDB extension registers here because this is the application's
 * {@link MeterRegistry} bean. Helidon's own MicroProfile Metrics cannot be fetched here, and
 * Micrometer is what it would be built on.
 */
@ApplicationScoped
public class Metrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();

    /** Binds the JVM's meters. */
    public Metrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        gc.bindTo(registry);
    }

    /**
     * The application's registry: a singleton, not application-scoped, because a CDI client
     * proxy of it would break Micrometer's final methods, which a proxy cannot forward.
     *
     * @return the Prometheus registry, as a MeterRegistry for whoever records
     */
    @Produces
    @Singleton
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    @PreDestroy
    void close() {
        gc.close();
        registry.close();
    }
}
