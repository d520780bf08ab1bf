package cyberdb.net.metrics;

import cyberdb.client.wire.Op;
import cyberdb.client.wire.Status;
import cyberdb.net.server.ServerStats;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.BaseUnits;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.SequencedMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * A server's meters, on Micrometer: every request timed by operation, errors by status, and the
 * figures {@code info} reports (connections, logins, bytes, tables, entries, memory, journal,
 * snapshots) read when the registry asks. Loaded only when metrics are asked for, since
 * Micrometer is an optional dependency of this module.
 *
 * <p>Names follow Prometheus's conventions once the registry renders them:
 * {@code cyberdb.requests} becomes {@code cyberdb_requests_seconds}, and counters end in
 * {@code _total}.
 */
public final class ServerMetrics implements ServerStats.RequestObserver {

    private final Timer[] requests = new Timer[256];
    private final Counter[] errors = new Counter[256];
    private final Supplier<SequencedMap<String, Object>> info;
    private SequencedMap<String, Object> figures;

    private ServerMetrics(Supplier<SequencedMap<String, Object>> info) {
        this.info = info;
    }

    /**
     * Registers a server's meters and starts timing its requests.
     *
     * @param registry where the meters go
     * @param stats    the server's counters, which will report every request to the meters
     * @param open     how many connections are open
     * @param info     what {@code info} answers, read for the gauges (see {@link #refresh})
     * @return the meters, to be refreshed before each scrape
     */
    public static ServerMetrics bind(MeterRegistry registry, ServerStats stats, IntSupplier open,
                            Supplier<SequencedMap<String, Object>> info) {
        ServerMetrics metrics = new ServerMetrics(info);
        for (Op op : Op.values()) {
            metrics.requests[op.code()] = Timer.builder("cyberdb.requests")
                    .description("Requests served, by operation: the server's own time, not the network's")
                    .tag("op", op.name().toLowerCase(Locale.ROOT))
                    .publishPercentiles(0.5, 0.99, 0.999)
                    .register(registry);
        }
        for (Status status : Status.values()) {
            if (status != Status.OK) {
                metrics.errors[status.code()] = Counter.builder("cyberdb.errors")
                        .description("Requests answered with an error, by status")
                        .tag("status", status.name().toLowerCase(Locale.ROOT))
                        .register(registry);
            }
        }
        // Micrometer keeps a weak reference to what a gauge reads unless told otherwise: this lambda has no other.
        Gauge.builder("cyberdb.connections.open", open, IntSupplier::getAsInt).strongReference(true)
                .description("Connections open now").register(registry);
        FunctionCounter.builder("cyberdb.connections.accepted", stats, ServerStats::acceptedTotal)
                .description("Connections accepted").register(registry);
        FunctionCounter.builder("cyberdb.connections.refused", stats, ServerStats::refusedTotal)
                .description("Connections refused: over the limit or outside the allowlist").register(registry);
        FunctionCounter.builder("cyberdb.logins.failed", stats, ServerStats::failedLoginsTotal)
                .description("Failed logins").register(registry);
        FunctionCounter.builder("cyberdb.received", stats, ServerStats::bytesInTotal).baseUnit(BaseUnits.BYTES)
                .description("Bytes of requests received, decrypted").register(registry);
        FunctionCounter.builder("cyberdb.sent", stats, ServerStats::bytesOutTotal).baseUnit(BaseUnits.BYTES)
                .description("Bytes of answers sent, before encryption").register(registry);

        metrics.gauge(registry, "cyberdb.tables", null, "Tables", m -> m.section("tables").size());
        metrics.gauge(registry, "cyberdb.entries", null, "Entries and elements of all tables",
                m -> m.number("memory", "entries"));
        metrics.gauge(registry, "cyberdb.data", BaseUnits.BYTES, "The data's estimated heap, as the memory limit counts it",
                m -> m.number("memory", "data_bytes"));
        metrics.gauge(registry, "cyberdb.memory.limit", BaseUnits.BYTES, "The memory limit for data (-1: none)",
                m -> m.number("memory", "max_memory_bytes"));
        metrics.gauge(registry, "cyberdb.journal.size", BaseUnits.BYTES, "The journal's size on disk",
                m -> m.number("persistence", "journal_bytes"));
        metrics.gauge(registry, "cyberdb.snapshot.duration", "seconds", "How long the last snapshot took",
                m -> m.number("persistence", "last_snapshot_seconds"));
        metrics.gauge(registry, "cyberdb.snapshot.last.success", "seconds",
                "When the last snapshot that succeeded ended, in seconds since the epoch (NaN: none yet)",
                m -> m.instant("persistence", "last_good_snapshot"));
        metrics.gauge(registry, "cyberdb.changes.unsaved", null, "Changes since the last snapshot (the journal holds them)",
                m -> m.number("persistence", "changes_since_snapshot"));
        FunctionTimer.builder("cyberdb.journal.fsync", metrics,
                        m -> (long) m.number("persistence", "journal_fsyncs_total"),
                        m -> m.number("persistence", "journal_fsync_seconds_total"), TimeUnit.SECONDS)
                .description("Forces of the journal to disk").register(registry);
        stats.observeRequests(metrics);
        return metrics;
    }

    private void gauge(MeterRegistry registry, String name, String unit, String description,
                       ToDoubleFunction<ServerMetrics> value) {
        Gauge.builder(name, this, value).baseUnit(unit).description(description).register(registry);
    }

    @Override
    public void served(Op op, long nanos, int status) {
        requests[op.code()].record(nanos, TimeUnit.NANOSECONDS);
        if (status != 0) {
            Counter counter = errors[status & 0xFF];
            if (counter != null) {
                counter.increment();
            }
        }
    }

    /**
     * Reads the figures of {@code info} that the gauges report: once per scrape, rather than
     * once per gauge, since a read holds the engine's writer off for a moment.
     */
    public synchronized void refresh() {
        figures = info.get();
    }

    private synchronized SequencedMap<String, Object> figures() {
        if (figures == null) {
            figures = info.get();
        }
        return figures;
    }

    private Map<?, ?> section(String name) {
        return figures().get(name) instanceof Map<?, ?> section ? section : Map.of();
    }

    private double number(String section, String field) {
        return section(section).get(field) instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private double instant(String section, String field) {
        try {
            return section(section).get(field) instanceof String text && !text.equals("never")
                    ? Instant.parse(text).toEpochMilli() / 1000.0 : Double.NaN;
        } catch (DateTimeParseException notAnInstant) {
            return Double.NaN;
        }
    }
}
