package cyberdb.bench;

import cyberdb.api.CyberClient;
import cyberdb.api.CyberDB;
import cyberdb.api.CyberProxy;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import redis.clients.jedis.Jedis;

/**
 * Run in several JVMs at once by {@link ConnectionsBench}: each opens its share of the
 * connections at the same moment, as application instances starting together would, and
 * reports how long each took until it was served a get, keeping them open until told to close.
 *
 * <p>Three ways: {@code cyberdb}, a whole client per connection ({@code connections(1)}), as each
 * instance of an application has its own, so each stretches the password for the server's salt
 * itself (a client keeps that for its own connections only); {@code cyberdb-shared}, clients of
 * 64 connections, the most one opens, so a process stretches it a few times; {@code redis}, a
 * Jedis connection each.
 */
public final class ConnectionStorm {

    private static final int PER_CLIENT = 64;

    private ConnectionStorm() {
    }

    /**
     * Says {@code ready}, waits for {@code go}, opens the connections, says
     * {@code done REFUSED MICROS,MICROS,...}, waits for {@code close}, and says {@code closed}.
     *
     * @param args {@code cyberdb}, {@code cyberdb-shared} or {@code redis}, the port, how many connections
     * @throws Exception if the conversation breaks
     */
    public static void main(String[] args) throws Exception {
        String kind = args[0];
        int port = Integer.parseInt(args[1]);
        int count = Integer.parseInt(args[2]);
        BufferedReader orders = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        // One connection first, so the storm measures connecting, not loading classes.
        (kind.equals("redis") ? jedis(port) : client(port, 1)).close();
        long[] micros = new long[count];
        Arrays.fill(micros, -1);
        AtomicInteger refused = new AtomicInteger();
        ConcurrentLinkedQueue<AutoCloseable> opened = new ConcurrentLinkedQueue<>();
        CountDownLatch go = new CountDownLatch(1);
        long[] start = new long[1];
        List<Thread> threads = new ArrayList<>();
        if (kind.equals("cyberdb-shared")) {
            for (int first = 0; first < count; first += PER_CLIENT) {
                int from = first;
                int connections = Math.min(PER_CLIENT, count - first);
                threads.add(Thread.ofPlatform().unstarted(() -> {
                    CyberClient client = client(port, connections);
                    opened.add(client);
                    Thread[] spread = ConnectionSpread.threads(connections, slot -> () -> {
                        try (CyberProxy proxy = client.proxy().connect()) {
                            proxy.dict("bench").get(Work.KEY[0]);
                            micros[from + slot] = (System.nanoTime() - start[0]) / 1000;
                        } catch (RuntimeException e) {
                            refuse(refused, e);
                        }
                    });
                    join(spread);
                }));
            }
        } else {
            for (int i = 0; i < count; i++) {
                int index = i;
                threads.add(Thread.ofPlatform().unstarted(() -> {
                    try {
                        opened.add(kind.equals("redis") ? jedis(port) : client(port, 1));
                        micros[index] = (System.nanoTime() - start[0]) / 1000;
                    } catch (RuntimeException e) {
                        refuse(refused, e);
                    }
                }));
            }
        }
        List<Thread> waiting = threads.stream().map(thread -> Thread.ofPlatform().start(() -> {
            awaitQuietly(go);
            thread.run();
        })).toList();
        System.out.println("ready");
        System.out.flush();
        await(orders, "go");
        start[0] = System.nanoTime();
        go.countDown();
        for (Thread thread : waiting) {
            thread.join();
        }
        if (kind.equals("cyberdb-shared") && ConnectionSpread.sockets() < count - refused.get()) {
            throw new IllegalStateException("Fewer sockets than connections served: ConnectionSpread no longer picks "
                    + "the client's connections as it does");
        }
        StringJoiner times = new StringJoiner(",");
        Arrays.stream(micros).filter(t -> t >= 0).forEach(t -> times.add(Long.toString(t)));
        System.out.println("done " + refused.get() + " " + times);
        System.out.flush();
        await(orders, "close");
        for (AutoCloseable connection : opened) {
            connection.close();
        }
        System.out.println("closed");
        System.out.flush();
    }

    private static void refuse(AtomicInteger refused, RuntimeException e) {
        if (refused.getAndIncrement() == 0) {
            System.err.println("First refusal: " + e);
        }
    }

    private static void join(Thread[] threads) {
        for (Thread thread : threads) {
            thread.start();
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void awaitQuietly(CountDownLatch go) {
        try {
            go.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(BufferedReader orders, String order) throws Exception {
        String line = orders.readLine();
        if (!order.equals(line)) {
            throw new IllegalStateException("Expected '" + order + "', got " + line);
        }
    }

    /** A client whose first connection has been served a get (the others open when used). */
    private static CyberClient client(int port, int connections) {
        CyberClient client = CyberDB.client().port(port).password(CyberServerProcess.PASSWORD).connections(connections).build();
        if (connections == 1) {
            try (CyberProxy proxy = client.proxy().connect()) {
                proxy.dict("bench").get(Work.KEY[0]);
            } catch (RuntimeException e) {
                client.close();
                throw e;
            }
        }
        return client;
    }

    /** A Jedis connection that has been served a get. */
    private static Jedis jedis(int port) {
        Jedis jedis = new Jedis("127.0.0.1", port);
        try {
            jedis.get(Work.KEY[0]);
        } catch (RuntimeException e) {
            jedis.close();
            throw e;
        }
        return jedis;
    }
}
