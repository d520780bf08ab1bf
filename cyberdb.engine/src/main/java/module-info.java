/**
 * CyberDB's engine: tables in memory, the single writer that changes them through
 * deterministic commands, {@code .cdb} snapshots, and the JSON-B mapping of typed tables.
 * It exports nothing: applications reach it through {@code cyberdb.api} and
 * {@link java.util.ServiceLoader}.
 */
module cyberdb.engine {
    requires cyberdb.api;
    requires jakarta.json;
    requires jakarta.json.bind;

    provides cyberdb.api.spi.EmbeddedProvider with cyberdb.engine.embedded.EmbeddedEngineProvider;
}
