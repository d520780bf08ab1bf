package cyberdb.client.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ReceiveBudgetTest {

    @Test
    void reservationsStayWithinTheLimitAndAFrameLargerThanItGetsInAlone() {
        ReceiveBudget budget = new ReceiveBudget(1_000);
        AtomicInteger woken = new AtomicInteger();
        assertTrue(budget.reserve(600, woken::incrementAndGet));
        assertFalse(budget.reserve(600, woken::incrementAndGet), "600 more would exceed 1,000");
        assertTrue(budget.reserve(400, woken::incrementAndGet), "400 more fits exactly");
        budget.release(600);
        assertEquals(1, woken.get(), "the waiting one was told to try again");
        budget.release(400);
        assertEquals(0, budget.used());
        assertTrue(budget.reserve(5_000, woken::incrementAndGet), "larger than the whole budget, alone");
        assertFalse(budget.reserve(1, woken::incrementAndGet), "but nothing beside it");
        budget.release(5_000);
        assertEquals(2, woken.get());
    }

    /** Many threads reserving and releasing: the limit is never exceeded and no waiter is forgotten. */
    @Test
    void underContentionTheLimitHoldsAndEveryWaiterIsWoken() throws Exception {
        ReceiveBudget budget = new ReceiveBudget(10_000);
        AtomicLong peak = new AtomicLong();
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            done.add(pool.submit(() -> {
                for (int i = 0; i < 2_000; i++) {
                    long size = 1_000 + (i * 37L) % 4_000;
                    CountDownLatch room = new CountDownLatch(1);
                    while (!budget.reserve(size, room::countDown)) {
                        if (!room.await(10, TimeUnit.SECONDS)) {
                            throw new AssertionError("a waiter was never woken");
                        }
                        room = new CountDownLatch(1);
                        CountDownLatch next = room;
                        if (budget.reserve(size, next::countDown)) {
                            break;
                        }
                    }
                    peak.accumulateAndGet(budget.used(), Math::max);
                    budget.release(size);
                }
                return null;
            }));
        }
        for (Future<?> future : done) {
            future.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertEquals(0, budget.used());
        assertTrue(peak.get() <= 10_000, "peak " + peak.get());
    }

    @Test
    void wakingRunsEveryCallbackOnce() {
        ReceiveBudget budget = new ReceiveBudget(100);
        ConcurrentLinkedQueue<Integer> woken = new ConcurrentLinkedQueue<>();
        assertTrue(budget.reserve(100, () -> woken.add(0)));
        for (int i = 1; i <= 3; i++) {
            int id = i;
            assertFalse(budget.reserve(50, () -> woken.add(id)));
        }
        budget.release(100);
        assertEquals(List.of(1, 2, 3), List.copyOf(woken));
        budget.release(0);
        assertEquals(3, woken.size(), "woken once");
    }
}
