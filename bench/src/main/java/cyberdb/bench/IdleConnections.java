package cyberdb.bench;

import cyberdb.api.CyberClient;
import cyberdb.api.CyberDB;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.Jedis;

/**
 * Run in its own JVM by {@link ConnectionsBench}: opens many authenticated connections to a
 * server, then holds them idle until told to close them.
 *
 * <p>For CyberDB it uses clients of 64 connections, the most one client opens, so that the
 * password is stretched once per 64 connections rather than once per connection, and pings each
 * connection once from a thread of {@link ConnectionSpread}.
 */
public final class IdleConnections {

    private static final int PER_CLIENT = 64;

    private IdleConnections() {
    }

    /**
     * Says {@code held COUNT}, waits for {@code close}, and says {@code closed}.
     *
     * @param args {@code cyberdb} or {@code redis}, the port, how many connections
     * @throws Exception if a connection fails
     */
    public static void main(String[] args) throws Exception {
        boolean cyber = args[0].equals("cyberdb");
        int port = Integer.parseInt(args[1]);
        int count = Integer.parseInt(args[2]);
        List<AutoCloseable> held = new ArrayList<>();
        if (cyber) {
            for (int remaining = count; remaining > 0; remaining -= PER_CLIENT) {
                held.add(cyberClient(port, Math.min(PER_CLIENT, remaining)));
            }
        } else {
            for (int i = 0; i < count; i++) {
                Jedis jedis = new Jedis("127.0.0.1", port);
                jedis.ping();
                held.add(jedis);
            }
        }
        System.out.println("held " + count);
        System.out.flush();
        BufferedReader orders = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String order = orders.readLine();
        if (!"close".equals(order)) {
            throw new IllegalStateException("Expected 'close', got " + order);
        }
        for (AutoCloseable connection : held) {
            connection.close();
        }
        System.out.println("closed");
        System.out.flush();
    }

    /** A client whose every connection is open and authenticated: each has answered a ping. */
    private static CyberClient cyberClient(int port, int connections) throws InterruptedException {
        CyberClient client = CyberDB.client().port(port).password(CyberServerProcess.PASSWORD)
                .connections(connections).build();
        long before = ConnectionSpread.sockets();
        Thread[] pings = ConnectionSpread.threads(connections, slot -> client::storageProblem);
        for (Thread ping : pings) {
            ping.start();
        }
        for (Thread ping : pings) {
            ping.join();
        }
        long opened = ConnectionSpread.sockets() - before;
        if (opened != connections) {
            throw new IllegalStateException("A client of " + connections + " connections opened " + opened
                    + ": ConnectionSpread no longer picks the client's connections as it does");
        }
        return client;
    }
}
