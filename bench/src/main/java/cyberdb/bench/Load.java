package cyberdb.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/**
 * A closed-loop load: each client thread sends a request, waits for the answer, and sends the
 * next. Every request's latency goes to a histogram; throughput is counted per iteration.
 */
final class Load {

    /** One client's connection and what it does per request. */
    interface Client extends AutoCloseable {

        /**
         * Sends one request (a whole batch when batching) and waits for the answer.
         *
         * @return how many operations the request carried
         * @throws Exception if the request fails, which ends the measurement
         */
        int request() throws Exception;

        @Override
        void close();
    }

    /** Opens a client's connection. */
    interface Clients {

        /**
         * @param index the client's number, from 0
         * @return a connected client
         * @throws Exception if it cannot connect
         */
        Client open(int index) throws Exception;
    }

    private Load() {
    }

    /**
     * Runs the load.
     *
     * @param clients how many concurrent clients
     * @param opener  how each connects
     * @param plan    warm-up and iterations
     * @return throughput and latency
     * @throws Exception if a client fails
     */
    static Stats run(int clients, Clients opener, Plan plan) throws Exception {
        List<Client> connected = new ArrayList<>();
        try {
            for (int i = 0; i < clients; i++) {
                connected.add(opener.open(i));
            }
            return drive(connected, plan);
        } finally {
            connected.forEach(Client::close);
        }
    }

    private static Stats drive(List<Client> clients, Plan plan) throws Exception {
        LongAdder[] operations = new LongAdder[plan.iterations()];
        for (int i = 0; i < operations.length; i++) {
            operations[i] = new LongAdder();
        }
        Histogram latency = Stats.histogram();
        AtomicReference<Exception> failure = new AtomicReference<>();
        CountDownLatch ready = new CountDownLatch(clients.size());
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        long[] start = new long[1];
        for (Client client : clients) {
            threads.add(Thread.ofPlatform().start(() -> {
                Histogram mine = Stats.histogram();
                try {
                    ready.countDown();
                    go.await();
                    long measuredFrom = start[0] + plan.warmUp().toNanos();
                    long iteration = plan.iteration().toNanos();
                    long end = measuredFrom + iteration * plan.iterations();
                    while (failure.get() == null) {
                        long before = System.nanoTime();
                        int done = client.request();
                        long after = System.nanoTime();
                        if (after >= end) {
                            break;
                        }
                        if (after >= measuredFrom) {
                            operations[(int) ((after - measuredFrom) / iteration)].add(done);
                            mine.recordValue(after - before);
                        }
                    }
                } catch (Exception e) {
                    failure.compareAndSet(null, e);
                } finally {
                    synchronized (latency) {
                        latency.add(mine);
                    }
                }
            }));
        }
        ready.await();
        start[0] = System.nanoTime();
        go.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        double[] perSecond = new double[operations.length];
        for (int i = 0; i < operations.length; i++) {
            perSecond[i] = operations[i].sum() / (plan.iteration().toNanos() / 1e9);
        }
        return Stats.of(perSecond, latency);
    }
}
