package cyberdb.client.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes that frames still arriving may hold, across every connection that shares it: a frame
 * announced by its header but not yet received whole reserves its size here before more of it is
 * read, so a thousand clients each sending half of a large value cannot fill the heap between
 * them. A connection that finds no room stops reading (the kernel's flow control holds its
 * sender back) until another frame completes. A frame that arrives whole in one read costs
 * nothing here: it is already in memory and is handled at once.
 */
public final class ReceiveBudget {

    private final long limit;
    private final AtomicLong used = new AtomicLong();
    private final List<Runnable> waiting = new ArrayList<>();

    /**
     * Creates a budget.
     *
     * @param limit the bytes that partly received frames may hold together
     */
    public ReceiveBudget(long limit) {
        this.limit = limit;
    }

    /**
     * Reserves room for a frame, or registers to be told when to try again.
     *
     * @param bytes    the frame's size
     * @param whenRoom run (once, on any thread) after room was freed, if this returns {@code false}
     * @return whether the room is reserved
     */
    boolean reserve(long bytes, Runnable whenRoom) {
        if (tryReserve(bytes)) {
            return true;
        }
        synchronized (waiting) {
            waiting.add(whenRoom);
        }
        // Room freed between the failed try and the registration would wake nobody: try once more.
        if (tryReserve(bytes)) {
            synchronized (waiting) {
                waiting.remove(whenRoom);
            }
            return true;
        }
        return false;
    }

    private boolean tryReserve(long bytes) {
        while (true) {
            long now = used.get();
            // A frame larger than the whole budget still gets in, alone.
            if (now > 0 && now + bytes > limit) {
                return false;
            }
            if (used.compareAndSet(now, now + bytes)) {
                return true;
            }
        }
    }

    /**
     * Gives back a reservation and wakes the connections that wait for room.
     *
     * @param bytes what {@link #reserve} reserved
     */
    void release(long bytes) {
        used.addAndGet(-bytes);
        List<Runnable> wake;
        synchronized (waiting) {
            if (waiting.isEmpty()) {
                return;
            }
            wake = new ArrayList<>(waiting);
            waiting.clear();
        }
        wake.forEach(Runnable::run);
    }

    /**
     * Returns the bytes reserved now.
     *
     * @return bytes
     */
    long used() {
        return used.get();
    }
}
