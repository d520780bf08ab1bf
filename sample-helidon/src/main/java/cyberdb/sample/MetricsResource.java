package cyberdb.sample;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

/** {@code GET /metrics}: every meter of the service in Prometheus's text format. */
@Path("/metrics")
@ApplicationScoped
public class MetricsResource {

    /** Prometheus's text exposition format. */
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    @Inject
    PrometheusMeterRegistry registry;

    /**
     * Renders the meters.
     *
     * @return the text
     */
    @GET
    @Produces(PROMETHEUS_TEXT)
    public String scrape() {
        return registry.scrape();
    }
}
