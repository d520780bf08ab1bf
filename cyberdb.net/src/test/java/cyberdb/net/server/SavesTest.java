package cyberdb.net.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SavesTest {

    @Test
    void requestsDuringASnapshotShareTheNextOneAndOnlyOneRunsAtATime() throws Exception {
        Saves saves = new Saves();
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger taken = new AtomicInteger();
        AtomicInteger concurrent = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        Runnable snapshot = () -> {
            mostAtOnce.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
            taken.incrementAndGet();
            concurrent.decrementAndGet();
        };
        CompletableFuture<Void> first = saves.request(() -> {
            running.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            snapshot.run();
        });
        assertTrue(running.await(10, TimeUnit.SECONDS));
        List<CompletableFuture<Void>> later = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            later.add(saves.request(snapshot));
        }
        later.forEach(f -> assertSame(later.getFirst(), f, "every request made meanwhile shares one snapshot"));
        assertNotSame(first, later.getFirst(), "one that started before them would miss their writes");
        release.countDown();
        first.get(10, TimeUnit.SECONDS);
        later.getFirst().get(10, TimeUnit.SECONDS);
        assertEquals(2, taken.get(), "two snapshots for 101 requests");
        assertEquals(1, mostAtOnce.get());
        saves.shutdown(1_000);
    }

    @Test
    void aFailedSnapshotFailsTheRequestsThatShareIt() {
        Saves saves = new Saves();
        CompletableFuture<Void> failed = saves.request(() -> {
            throw new IllegalStateException("disk full");
        });
        Throwable cause = org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.ExecutionException.class,
                () -> failed.get(10, TimeUnit.SECONDS)).getCause();
        assertEquals("disk full", cause.getMessage());
    }
}
