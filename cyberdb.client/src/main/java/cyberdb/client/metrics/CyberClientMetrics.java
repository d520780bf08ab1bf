package cyberdb.client.metrics;

import cyberdb.api.CyberClient;
import cyberdb.api.CyberProxy;
import cyberdb.api.DatabaseInfo;
import cyberdb.client.remote.ClientStats;
import cyberdb.client.remote.RemoteClient;
import cyberdb.client.wire.Op;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A CyberDB client's meters, as a Micrometer {@link MeterBinder}:
 * {@code new CyberClientMetrics(client).bindTo(registry)}, or a bean of it where a framework binds
 * them. For a network client: every request timed by operation ({@code cyberdb.client.requests},
 * with p50, p99 and p999), errors by exception ({@code cyberdb.client.errors}), connections open
 * and their limit, requests in flight (its pool: in use, idle), connections opened and the time
 * it took, failed connects, and requests that waited for a connection and how long. For an
 * embedded database, whose calls are method calls: its tables, entries and data bytes.
 * Micrometer is optional for this module; only this package needs it.
 */
@SuppressWarnings("exports")
public final class CyberClientMetrics implements MeterBinder {

    private final CyberClient client;

    /**
     * Meters for a client.
     *
     * @param client a client from {@code CyberDB.client()}, {@code CyberDB.connect} or {@code CyberDB.embedded}
     */
    public CyberClientMetrics(CyberClient client) {
        this.client = client;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        if (client instanceof RemoteClient remote) {
            bindRemote(registry, remote);
        } else {
            bindEmbedded(registry);
        }
    }

    private static void bindRemote(MeterRegistry registry, RemoteClient remote) {
        ClientStats stats = remote.stats();
        Timer[] requests = new Timer[256];
        for (Op op : Op.values()) {
            requests[op.code()] = Timer.builder("cyberdb.client.requests")
                    .description("Requests answered, by operation: from sending to the answer")
                    .tag("op", op.name().toLowerCase(Locale.ROOT))
                    .publishPercentiles(0.5, 0.99, 0.999)
                    .register(registry);
        }
        Map<String, Counter> errors = new ConcurrentHashMap<>();
        stats.observeRequests((op, nanos, failure) -> {
            requests[op.code()].record(nanos, TimeUnit.NANOSECONDS);
            if (failure != null) {
                errors.computeIfAbsent(failure.getClass().getSimpleName(), type -> Counter.builder("cyberdb.client.errors")
                        .description("Requests that failed, by exception").tag("exception", type).register(registry))
                        .increment();
            }
        });
        Gauge.builder("cyberdb.client.connections.open", remote, RemoteClient::openConnections)
                .description("Connections open and authenticated now").register(registry);
        Gauge.builder("cyberdb.client.connections.max", remote, RemoteClient::maxConnections)
                .description("The most connections the client opens").register(registry);
        Gauge.builder("cyberdb.client.requests.in.flight", remote, RemoteClient::inFlight)
                .description("Requests waiting for their answers").register(registry);
        FunctionTimer.builder("cyberdb.client.connects", stats, ClientStats::connectionsOpened, ClientStats::connectNanos,
                        TimeUnit.NANOSECONDS)
                .description("Connections opened and authenticated (after the first ones: reconnects)").register(registry);
        FunctionCounter.builder("cyberdb.client.connects.failed", stats, ClientStats::failedConnects)
                .description("Attempts to connect that failed").register(registry);
        FunctionTimer.builder("cyberdb.client.connection.waits", stats, ClientStats::waits, ClientStats::waitNanos,
                        TimeUnit.NANOSECONDS)
                .description("Requests that waited for a connection to open, and how long").register(registry);
    }

    /**
     * An embedded database's figures, read from its info when the registry asks. The gauges hold
     * this binder strongly: nothing else may, and Micrometer's default, a weak reference, would
     * let them read NaN after the next collection.
     */
    private void bindEmbedded(MeterRegistry registry) {
        Gauge.builder("cyberdb.tables", this, m -> m.tables()).strongReference(true).description("Tables")
                .register(registry);
        Gauge.builder("cyberdb.entries", this, m -> m.figure("memory", "entries")).strongReference(true)
                .description("Entries and elements of all tables").register(registry);
        Gauge.builder("cyberdb.data", this, m -> m.figure("memory", "data_bytes")).strongReference(true)
                .baseUnit(BaseUnits.BYTES).description("The data's estimated heap, as the memory limit counts it")
                .register(registry);
    }

    private DatabaseInfo info() {
        try (CyberProxy proxy = client.proxy().connect()) {
            return proxy.info();
        }
    }

    private double tables() {
        return info().section("tables").map(Map::size).orElse(0);
    }

    private double figure(String section, String field) {
        return info().section(section).map(fields -> fields.get(field)).filter(Number.class::isInstance)
                .map(n -> ((Number) n).doubleValue()).orElse(Double.NaN);
    }
}
