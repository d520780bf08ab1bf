package cyberdb.net.server;

import java.util.concurrent.Future;

/** What a {@link ServerConnection} needs from its server. */
interface ServerContext {

    /** @return the server's configuration */
    ServerRuntime.Settings settings();

    /** @return the failed-login record shared by every connection */
    LoginThrottle throttle();

    /**
     * Runs an action when a new connection's handshake deadline passes, unless cancelled first.
     *
     * @param action what to do then: close the connection
     * @return the scheduled action, to cancel once the handshake is done
     */
    Future<?> atHandshakeDeadline(Runnable action);

    /**
     * Tells the server a connection ended.
     *
     * @param connection the connection
     */
    void closed(ServerConnection connection);
}
