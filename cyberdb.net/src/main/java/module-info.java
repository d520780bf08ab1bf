/**
 * CyberDB over the network: {@link cyberdb.net.CyberServer} serves an engine's tables over TCP,
 * and the pooled client behind {@code CyberDB.connect} reaches them. Frames, the handshake and
 * the request codec stay internal.
 */
module cyberdb.net {
    requires transitive cyberdb.api;
    requires cyberdb.core;
    requires cyberdb.engine;
    requires org.bouncycastle.provider;

    exports cyberdb.net;

    provides cyberdb.api.spi.ClientProvider with cyberdb.net.client.NetClientProvider;
}
