package cyberdb.sample;

import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Times every HTTP request as {@code http.server.requests}, by method, route (the resource's
 * path template, never the path itself, which would make a meter per note id) and status, the
 * tags Spring and Helidon use.
 */
@Provider
@ApplicationScoped
public class HttpMetrics implements ContainerRequestFilter, ContainerResponseFilter {

    private static final String START = HttpMetrics.class.getName() + ".start";

    /** A timer per method, route and status, and a route per resource method: looked up once, not per request. */
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final Map<Method, String> routes = new ConcurrentHashMap<>();

    @Inject
    PrometheusMeterRegistry registry;

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(START, System.nanoTime());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(request.getProperty(START) instanceof Long start)) {
            return;
        }
        // Few values: Helidon answers a method it does not know itself (MetricsTest sends some), and an
        // unmatched path is one route, UNKNOWN, so clients cannot make meters without end.
        String method = request.getMethod().toUpperCase(Locale.ROOT);
        String route = route();
        int status = response.getStatus();
        timers.computeIfAbsent(method + " " + route + " " + status, key -> Timer.builder("http.server.requests")
                        .description("HTTP requests, by method, route and status")
                        .tag("method", method)
                        .tag("uri", route)
                        .tag("status", Integer.toString(status))
                        .register(registry))
                .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }

    /** The matched resource's path template, such as {@code /notes/{id}}; {@code UNKNOWN} when none matched. */
    private String route() {
        Class<?> type = resource == null ? null : resource.getResourceClass();
        Method method = resource == null ? null : resource.getResourceMethod();
        if (type == null || method == null) {
            return "UNKNOWN";
        }
        return routes.computeIfAbsent(method, m -> template(type, m));
    }

    private static String template(Class<?> type, Method method) {
        String base = type.isAnnotationPresent(jakarta.ws.rs.Path.class) ? type.getAnnotation(jakarta.ws.rs.Path.class).value() : "";
        String sub = method.isAnnotationPresent(jakarta.ws.rs.Path.class) ? method.getAnnotation(jakarta.ws.rs.Path.class).value() : "";
        String route = ("/" + base + "/" + sub).replaceAll("/+", "/");
        return route.length() > 1 && route.endsWith("/") ? route.substring(0, route.length() - 1) : route;
    }
}
