/**
 * CyberDB's network client, behind {@code CyberDB.connect} and {@code CyberDB.client()}: a few
 * connections that every thread shares, requests multiplexed over them on Netty's event loops,
 * SRP-6a authentication and AES-GCM frames. A remote-only application needs this module, the API
 * and {@code cyberdb.core}, never the engine. The wire protocol is exported only to the server.
 */
// The qualified export names cyberdb.net, which the reactor builds after this module; Micrometer
// names its module only in its manifest (an automatic module).
@SuppressWarnings({"module", "requires-automatic"})
module cyberdb.client {
    requires transitive cyberdb.api;
    requires cyberdb.core;
    requires io.netty.buffer;
    requires io.netty.codec;
    requires io.netty.common;
    requires io.netty.transport;
    requires io.netty.transport.classes.epoll;
    requires org.bouncycastle.provider;
    // Meters are optional: only cyberdb.client.metrics needs Micrometer, and only where it is on the path.
    requires static micrometer.core;

    exports cyberdb.client.metrics;
    exports cyberdb.client.wire to cyberdb.net, cyberdb.cluster;

    provides cyberdb.api.spi.ClientProvider with cyberdb.client.remote.RemoteClientProvider;
}
