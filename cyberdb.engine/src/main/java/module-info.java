/**
 * CyberDB's engine: tables in memory, the single writer that changes them through
 * deterministic commands, {@code .cdb} snapshots, and the JSON-B mapping of typed tables.
 * Applications reach it through {@code cyberdb.api} and {@link java.util.ServiceLoader}; only the
 * network module sees the internals it serves and mirrors.
 */
// The qualified exports name cyberdb.net, which the reactor builds after this module.
@SuppressWarnings("module")
module cyberdb.engine {
    requires cyberdb.api;
    requires jakarta.json;
    requires jakarta.json.bind;

    exports cyberdb.engine.command to cyberdb.net;
    exports cyberdb.engine.embedded to cyberdb.net;
    exports cyberdb.engine.store to cyberdb.net;
    exports cyberdb.engine.value to cyberdb.net;
    exports cyberdb.engine.view to cyberdb.net;

    provides cyberdb.api.spi.EmbeddedProvider with cyberdb.engine.embedded.EmbeddedEngineProvider;
}
