/**
 * The CyberDB server: {@link cyberdb.net.CyberServer} serves an engine's tables over TCP on
 * Netty's event loops, speaking the wire protocol of {@code cyberdb.client}. Its connections,
 * handshake and request execution stay internal.
 */
// Micrometer's jars are automatic modules (named in their manifests), which javac warns about; the
// qualified export names cyberdb.cluster, which the reactor builds after this module.
@SuppressWarnings({"requires-automatic", "module"})
module cyberdb.net {
    requires transitive cyberdb.api;
    requires cyberdb.client;
    requires cyberdb.core;
    requires cyberdb.engine;
    requires io.netty.buffer;
    requires io.netty.common;
    requires io.netty.transport;
    requires jdk.httpserver;
    // Metrics are optional: an application without Micrometer pays nothing, and the server asks
    // for them (metricsPort) only where they are on the path.
    requires static micrometer.core;
    requires static micrometer.registry.prometheus;

    exports cyberdb.net;
    // ReplicatedRequests, for the cluster's state machine: a member runs the log's requests as a connection would.
    exports cyberdb.net.server to cyberdb.cluster;
}
