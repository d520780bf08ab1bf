package cyberdb.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * A closed-loop load: each client thread sends a request, waits for the answer, and sends the
 * next; or, asynchronously, keeps a fixed number of requests in flight, sending one as each
 * answer arrives. Every request's latency goes to a histogram; throughput is counted per
 * iteration.
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

    /** One thread's asynchronous connection: sends a request and returns before its answer. */
    interface Sender extends AutoCloseable {

        /**
         * Sends one request.
         *
         * @return its answer to come
         */
        CompletionStage<?> send();

        @Override
        void close();
    }

    /** Opens a sending thread's connection. */
    interface Senders {

        /**
         * @param index the thread's number, from 0
         * @return a connected sender
         * @throws Exception if it cannot connect
         */
        Sender open(int index) throws Exception;
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

    /**
     * Runs an asynchronous load: each thread keeps {@code inFlight} requests outstanding,
     * sending the next as soon as an answer frees a place.
     *
     * @param threads  how many sending threads
     * @param inFlight requests each keeps outstanding
     * @param opener   how each connects
     * @param plan     warm-up and iterations
     * @return throughput and latency (from send to answer, for every request)
     * @throws Exception if a request fails
     */
    static Stats runAsync(int threads, int inFlight, Senders opener, Plan plan) throws Exception {
        List<Sender> connected = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                connected.add(opener.open(i));
            }
            return driveAsync(connected, inFlight, plan);
        } finally {
            connected.forEach(Sender::close);
        }
    }

    private static Stats driveAsync(List<Sender> senders, int inFlight, Plan plan) throws Exception {
        LongAdder[] operations = new LongAdder[plan.iterations()];
        for (int i = 0; i < operations.length; i++) {
            operations[i] = new LongAdder();
        }
        // Answers arrive on the clients' I/O threads: a recorder takes their values without a lock.
        Recorder latency = new Recorder(3_600_000_000_000L, 3);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch ready = new CountDownLatch(senders.size());
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        long[] start = new long[1];
        for (Sender sender : senders) {
            threads.add(Thread.ofPlatform().start(() -> {
                Semaphore places = new Semaphore(inFlight);
                try {
                    ready.countDown();
                    go.await();
                    long measuredFrom = start[0] + plan.warmUp().toNanos();
                    long iteration = plan.iteration().toNanos();
                    long end = measuredFrom + iteration * plan.iterations();
                    while (failure.get() == null) {
                        places.acquire();
                        long before = System.nanoTime();
                        if (before >= end) {
                            places.release();
                            break;
                        }
                        sender.send().whenComplete((answer, error) -> {
                            long after = System.nanoTime();
                            if (error != null) {
                                failure.compareAndSet(null, error);
                            } else if (after >= measuredFrom && after < end) {
                                operations[(int) ((after - measuredFrom) / iteration)].increment();
                                latency.recordValue(after - before);
                            }
                            places.release();
                        });
                    }
                    // The answers still to come, so the next measurement starts on an idle connection.
                    places.acquire(inFlight);
                } catch (InterruptedException e) {
                    failure.compareAndSet(null, e);
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
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
            throw new IllegalStateException("An asynchronous request failed", failure.get());
        }
        double[] perSecond = new double[operations.length];
        for (int i = 0; i < operations.length; i++) {
            perSecond[i] = operations[i].sum() / (plan.iteration().toNanos() / 1e9);
        }
        return Stats.of(perSecond, latency.getIntervalHistogram());
    }
}
