/**
 * CyberDB's engine: tables in memory, the single writer that changes them through
 * deterministic commands, the journal and {@code .cdb} snapshots. Applications reach it through
 * {@code cyberdb.api} and {@link java.util.ServiceLoader}; the network server and the cluster's
 * members see one narrow interface of it, {@code cyberdb.engine.serve.ServedDatabase}.
 */
// The qualified export names cyberdb.net and cyberdb.cluster, which the reactor builds after this module.
@SuppressWarnings("module")
module cyberdb.engine {
    requires transitive cyberdb.core;
    // The bean that tells the G1 collector's region size, which large values are stored in whole
    // (see Footprint): registered only where this module is loaded.
    requires jdk.management;

    exports cyberdb.engine.serve to cyberdb.net, cyberdb.cluster;

    provides cyberdb.api.spi.EmbeddedProvider with cyberdb.engine.embedded.EmbeddedEngineProvider;
}
