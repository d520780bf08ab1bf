package cyberdb.net.server;

/** What a {@link ServerConnection} needs from its server. */
interface ServerContext {

    /** @return the server's configuration */
    ServerRuntime.Settings settings();

    /** @return the failed-login record shared by every connection */
    LoginThrottle throttle();

    /**
     * Tells the server a connection ended.
     *
     * @param connection the connection
     */
    void closed(ServerConnection connection);
}
