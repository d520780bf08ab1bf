/**
 * The CyberDB server: {@link cyberdb.net.CyberServer} serves an engine's tables over TCP on
 * Netty's event loops, speaking the wire protocol of {@code cyberdb.client}. Its connections,
 * handshake and request execution stay internal.
 */
module cyberdb.net {
    requires transitive cyberdb.api;
    requires cyberdb.client;
    requires cyberdb.core;
    requires cyberdb.engine;
    requires io.netty.buffer;
    requires io.netty.common;
    requires io.netty.transport;

    exports cyberdb.net;
}
