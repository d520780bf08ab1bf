package cyberdb.net.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HandshakePoolTest {

    @Test
    void checksGoBeforeWaitingChallengesAndOnlyChallengesAreRefusedWhenFull() throws Exception {
        HandshakePool pool = new HandshakePool(1, 5);
        try {
            CountDownLatch running = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            List<String> order = new CopyOnWriteArrayList<>();
            CountDownLatch done = new CountDownLatch(6);
            pool.challenge(() -> {
                running.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                order.add("first");
                done.countDown();
            });
            assertTrue(running.await(10, TimeUnit.SECONDS));
            for (String step : List.of("challenge 1", "check 1", "challenge 2", "check 2", "challenge 3")) {
                Runnable work = () -> {
                    order.add(step);
                    done.countDown();
                };
                if (step.startsWith("check")) {
                    pool.check(work);
                } else {
                    pool.challenge(work);
                }
            }
            assertThrows(RejectedExecutionException.class, () -> pool.challenge(() -> { }), "five wait already");
            pool.check(() -> { });   // a check is never refused: its connection was admitted
            release.countDown();
            assertTrue(done.await(10, TimeUnit.SECONDS));
            assertEquals(List.of("first", "check 1", "check 2", "challenge 1", "challenge 2", "challenge 3"),
                    List.copyOf(order));
        } finally {
            pool.shutdownNow();
        }
    }
}
