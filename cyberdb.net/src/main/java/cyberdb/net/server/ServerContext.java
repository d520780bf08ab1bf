package cyberdb.net.server;

import cyberdb.engine.embedded.LocalClient;
import cyberdb.net.wire.Srp;
import java.time.Duration;

/** What a {@link ServerConnection} needs from its server. */
interface ServerContext {
    LocalClient database();

    Srp.Verifier verifier();

    boolean encrypted();

    int maxFrameBytes();

    Duration handshakeTimeout();

    /** Zero for none. */
    Duration idleTimeout();

    boolean requestLog();

    LoginThrottle throttle();

    void closed(ServerConnection connection);
}
