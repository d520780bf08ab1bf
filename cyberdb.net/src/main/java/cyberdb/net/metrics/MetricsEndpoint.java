package cyberdb.net.metrics;

import cyberdb.net.server.ServerStats;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.SequencedMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * {@code GET /metrics} in Prometheus's text format, on the JDK's own HTTP server: the server's
 * meters and the JVM's (memory, collections, threads, CPU, uptime). It answers the addresses the
 * server's allowlist admits, and nothing but {@code /metrics}.
 */
@SuppressForbidden(reason = "jdk.httpserver is a supported JDK module (com.sun.net.httpserver is @jdk.Exported), which"
        + " forbidden-apis lists with the internal com.sun packages")
public final class MetricsEndpoint implements AutoCloseable {

    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpServer http;
    private final ExecutorService executor;
    private final JvmGcMetrics gc;

    private MetricsEndpoint(HttpServer http, ExecutorService executor, JvmGcMetrics gc) {
        this.http = http;
        this.executor = executor;
        this.gc = gc;
    }

    /**
     * Starts serving a server's meters. Its signature names no Micrometer type, so that a server
     * class that calls it loads without Micrometer on the path, as long as it is not called.
     *
     * @param address  where to listen (port 0 picks a free one)
     * @param admitted which clients may read it
     * @param stats    the server's counters
     * @param open     how many connections are open
     * @param info     what {@code info} answers
     * @return the running endpoint
     * @throws IOException if the address cannot be bound
     */
    public static MetricsEndpoint start(InetSocketAddress address, Predicate<InetAddress> admitted, ServerStats stats,
                                        IntSupplier open, Supplier<SequencedMap<String, Object>> info) throws IOException {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        ServerMetrics metrics = ServerMetrics.bind(registry, stats, open, info);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        HttpServer http = HttpServer.create(address, 16);
        ExecutorService executor = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("cyberdb-metrics")
                .daemon(true).factory());
        http.setExecutor(executor);
        http.createContext("/", exchange -> answer(exchange, admitted, metrics, registry));
        http.start();
        return new MetricsEndpoint(http, executor, gc);
    }

    private static void answer(HttpExchange exchange, Predicate<InetAddress> admitted, ServerMetrics metrics,
                               PrometheusMeterRegistry registry) throws IOException {
        try (exchange) {
            if (!admitted.test(exchange.getRemoteAddress().getAddress())) {
                reply(exchange, 403, "Not in the server's allowlist\n");
            } else if (!exchange.getRequestURI().getPath().equals("/metrics")) {
                reply(exchange, 404, "Only /metrics is here\n");
            } else if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                reply(exchange, 405, "GET /metrics\n");
            } else {
                exchange.getResponseHeaders().set("Content-Type", PROMETHEUS_TEXT);
                metrics.refresh();
                byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
                boolean head = exchange.getRequestMethod().equals("HEAD");
                exchange.sendResponseHeaders(200, head ? -1 : body.length);
                if (!head) {
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                }
            }
        }
    }

    private static void reply(HttpExchange exchange, int status, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** @return the port it listens on */
    public int port() {
        return http.getAddress().getPort();
    }

    @Override
    public void close() {
        http.stop(0);
        executor.shutdownNow();
        gc.close();
    }
}
