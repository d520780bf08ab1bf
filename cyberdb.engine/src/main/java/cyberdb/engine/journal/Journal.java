package cyberdb.engine.journal;

import cyberdb.api.Durability;
import cyberdb.api.StorageException;
import cyberdb.core.value.ValueWriter;
import cyberdb.engine.command.Command;
import cyberdb.engine.command.CommandCodec;
import cyberdb.engine.command.CommandLog;
import cyberdb.engine.snapshot.SnapshotFiles;
import cyberdb.engine.snapshot.SnapshotId;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The write-ahead journal: every command is appended (under the engine's write lock, before it
 * is applied) and forced to disk as the {@link Durability} says. With
 * {@link Durability#JOURNAL_FSYNC_ALWAYS}, a writer waits after releasing the engine lock until
 * its record is forced, and one force serves every writer waiting for it (group commit).
 *
 * <p>Opening a journal writes nothing: the file is created (or cut after its last whole record)
 * by the first record appended, so a database that is opened and closed without a change leaves
 * its files as they were.
 *
 * <p>A failed write is rolled back (the file is cut to its last whole record) and refuses the
 * change with a {@link StorageException}; the next write tries again, so writes resume when space
 * returns.
 */
public final class Journal implements CommandLog, AutoCloseable {

    private static final System.Logger LOG = System.getLogger("cyberdb.engine");

    /** Opens the channel a journal is written to; tests substitute one that fails. */
    @FunctionalInterface
    public interface ChannelOpener {
        /**
         * @param path the file
         * @return a channel open for reading and writing
         * @throws IOException if it cannot be opened
         */
        FileChannel open(Path path) throws IOException;
    }

    /** Opens real files, readable by their owner only. */
    public static final ChannelOpener FILES = path -> SnapshotFiles.openOwnerOnly(path, StandardOpenOption.CREATE,
            StandardOpenOption.READ, StandardOpenOption.WRITE);

    private static final int RECORD_BYTES = 4096;
    private static final int KEPT_RECORD_BYTES = 64 * 1024;

    private final Path path;
    private final Durability durability;
    private final ChannelOpener opener;
    /** A record's bytes; replaced after a large one, so that one large value does not keep its size in the heap. */
    private ValueWriter record = new ValueWriter(RECORD_BYTES);
    private final ReentrantLock forceLock = new ReentrantLock();
    private final Condition forced = forceLock.newCondition();
    private final Condition waiting = forceLock.newCondition();
    private boolean forcingNow;
    private final ScheduledExecutorService everySecond;
    /** Writers that asked not to wait, and the marks they need forced; see {@link #whenDurable}. */
    private final List<Waiter> waiters = new ArrayList<>();
    private Thread forcer;
    private volatile boolean closing;
    /** The snapshot a journal not yet on disk continues; {@code null} once the file exists. */
    private SnapshotId pendingBase;
    private volatile FileChannel channel;
    private volatile long written;
    private volatile long durable;
    private long markEnd = -1;
    private volatile String problem;
    /** Forces of the file for durability, and the time they took: written under {@link #forceLock}. */
    private volatile long forces;
    private volatile long forceNanos;

    private Journal(Path path, SnapshotId pendingBase, long written, Durability durability, ChannelOpener opener) {
        this.path = path;
        this.pendingBase = pendingBase;
        this.written = written;
        this.durable = written;
        this.durability = durability;
        this.opener = opener;
        this.everySecond = durability == Durability.JOURNAL_FSYNC_EVERY_SECOND
                ? Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("cyberdb-fsync").daemon(true).factory())
                : null;
        if (everySecond != null) {
            everySecond.scheduleWithFixedDelay(this::forceQuietly, 1, 1, TimeUnit.SECONDS);
        }
    }

    /**
     * Prepares a new, empty journal continuing a snapshot. The file is written (replacing any
     * file at {@code path}) when the first record is appended.
     *
     * @param path       the journal file
     * @param base       the snapshot it continues
     * @param durability when to force
     * @param opener     how to open files
     * @return the journal
     */
    public static Journal create(Path path, SnapshotId base, Durability durability, ChannelOpener opener) {
        return new Journal(path, base, JournalFormat.HEADER_SIZE, durability, opener);
    }

    /**
     * Prepares to continue an existing journal after its last whole record. Anything beyond it
     * (a torn record) is cut off when the next record is appended.
     *
     * @param path        the journal file
     * @param validLength where its last whole record ends
     * @param durability  when to force
     * @param opener      how to open files
     * @return the journal
     */
    public static Journal resume(Path path, long validLength, Durability durability, ChannelOpener opener) {
        return new Journal(path, null, validLength, durability, opener);
    }

    /** Opens the file for the first record; under the engine's write lock, like every append. */
    private FileChannel opened() throws IOException {
        if (channel != null) {
            return channel;
        }
        FileChannel opening = opener.open(path);
        try {
            if (pendingBase != null) {
                opening.truncate(0);
                writeFully(opening, JournalFormat.header(pendingBase), 0);
                opening.force(true);
                SnapshotFiles.forceDirectory(path.toAbsolutePath().getParent());
            } else if (opening.size() > written) {
                opening.truncate(written);
                opening.force(true);
            }
        } catch (IOException e) {
            opening.close();
            throw e;
        }
        pendingBase = null;
        channel = opening;
        return opening;
    }

    @Override
    public void append(Command command) {
        record.reset();
        record.writeByte(JournalFormat.COMMAND);
        CommandCodec.write(command, record);
        writeRecord();
    }

    /**
     * Records that a snapshot is being taken here: what follows is what the snapshot lacks.
     * Called with the engine's write lock held, at the instant the snapshot's image is copied.
     *
     * @param id the snapshot's identity
     */
    public void markSnapshot(SnapshotId id) {
        record.reset();
        record.writeByte(JournalFormat.MARK).fixedLong(id.created()).fixedLong(id.nonce());
        writeRecord();
        markEnd = written;
    }

    private void writeRecord() {
        ByteBuffer head = ByteBuffer.allocate(JournalFormat.RECORD_HEADER)
                .putInt(record.size()).putInt(JournalFormat.crc(record.buffer(), 0, record.size())).flip();
        // Appends run under the engine's write lock, which already orders them and excludes the
        // channel swap of compact(); they must not wait for a force in progress, or writers could
        // not share forces (group commit).
        long start = written;
        try {
            FileChannel file = opened();
            if (problem != null) {
                file.truncate(start);
            }
            long position = writeFully(file, head, start);
            writeFully(file, ByteBuffer.wrap(record.buffer(), 0, record.size()), position);
            written = start + JournalFormat.RECORD_HEADER + record.size();
            problem = null;
        } catch (IOException e) {
            fail(e);
            try {
                if (channel != null) {
                    channel.truncate(start);
                }
            } catch (IOException stillFailing) {
                // Cut again before the next record.
            }
            throw new StorageException("Cannot write to the journal " + path + " (" + e.getMessage()
                    + "); the change was not applied. Reads still work; writes resume once there is space.", e);
        } finally {
            if (record.buffer().length > KEPT_RECORD_BYTES) {
                record = new ValueWriter(RECORD_BYTES);
            }
        }
    }

    private static long writeFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        while (buffer.hasRemaining()) {
            position += channel.write(buffer, position);
        }
        return position;
    }

    @Override
    public long mark() {
        return written;
    }

    @Override
    public void awaitDurable(long mark) {
        if (durability == Durability.JOURNAL_FSYNC_ALWAYS && durable < mark) {
            forceUpTo(mark);
        }
    }

    private record Waiter(long mark, CompletableFuture<Void> durable) {
    }

    /**
     * With {@link Durability#JOURNAL_FSYNC_ALWAYS}, hands the force to a thread of the journal's
     * own, which forces once for every waiter that arrived meanwhile (group commit, as
     * {@link #awaitDurable} does for the threads that wait) and completes their futures.
     */
    @Override
    public CompletableFuture<Void> whenDurable(long mark) {
        if (durability != Durability.JOURNAL_FSYNC_ALWAYS || durable >= mark) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> future = new CompletableFuture<>();
        forceLock.lock();
        try {
            if (closing) {
                future.completeExceptionally(new StorageException("The journal " + path + " is closing; the change"
                        + " is not known to be durable.", null));
                return future;
            }
            waiters.add(new Waiter(mark, future));
            if (forcer == null) {
                forcer = Thread.ofPlatform().name("cyberdb-group-commit").daemon(true).start(this::forceForWaiters);
            }
            waiting.signalAll();
        } finally {
            forceLock.unlock();
        }
        return future;
    }

    /** The forcer thread: forces whatever waiters need, then completes them, until the journal closes. */
    private void forceForWaiters() {
        while (true) {
            List<Waiter> batch;
            forceLock.lock();
            try {
                while (waiters.isEmpty() && !closing) {
                    waiting.awaitUninterruptibly();
                }
                if (waiters.isEmpty()) {
                    return;
                }
                batch = new ArrayList<>(waiters);
                waiters.clear();
            } finally {
                forceLock.unlock();
            }
            long highest = batch.stream().mapToLong(Waiter::mark).max().orElseThrow();
            try {
                forceUpTo(highest);
                batch.forEach(w -> w.durable().complete(null));
            } catch (StorageException e) {
                batch.forEach(w -> w.durable().completeExceptionally(e));
            } catch (RuntimeException | Error unexpected) {
                // Whatever it was, the writers waiting must hear of it, and the thread goes on for the next ones.
                batch.forEach(w -> w.durable().completeExceptionally(new StorageException(
                        "Could not force the journal " + path + ": " + unexpected, unexpected)));
                LOG.log(Level.ERROR, "Forcing the journal " + path + " failed unexpectedly", unexpected);
            }
        }
    }

    private void forceQuietly() {
        try {
            forceUpTo(written);
        } catch (StorageException e) {
            LOG.log(Level.WARNING, e.getMessage());
        }
    }

    /**
     * Makes everything up to {@code mark} durable. One caller at a time forces, without holding
     * the lock while the disk works; callers that arrive meanwhile wait for that force and leave
     * if it covered them, so concurrent writers share forces.
     */
    private void forceUpTo(long mark) {
        forceLock.lock();
        try {
            while (durable < mark) {
                if (forcingNow) {
                    forced.awaitUninterruptibly();
                    continue;
                }
                forcingNow = true;
                long target = written;
                FileChannel forcingChannel = channel;
                IOException failure = null;
                forceLock.unlock();
                long start = System.nanoTime();
                try {
                    forcingChannel.force(false);
                } catch (IOException e) {
                    failure = e;
                } finally {
                    forceLock.lock();
                    forces++;
                    forceNanos += System.nanoTime() - start;
                    forcingNow = false;
                    forced.signalAll();
                }
                if (failure != null) {
                    fail(failure);
                    throw new StorageException("Cannot force the journal " + path + " to disk (" + failure.getMessage()
                            + "); the last change is not known to be durable.", failure);
                }
                durable = Math.max(durable, target);
            }
        } finally {
            forceLock.unlock();
        }
    }

    /** Runs {@code step} while no force is in progress or can start. */
    private void exclusive(Runnable step) {
        forceLock.lock();
        try {
            while (forcingNow) {
                forced.awaitUninterruptibly();
            }
            step.run();
        } finally {
            forceLock.unlock();
        }
    }

    private void fail(IOException e) {
        problem = "Journal " + path + ": " + e.getMessage();
    }

    /** @return how many times the journal was forced to disk for durability (group commits, every second) */
    public long forces() {
        return forces;
    }

    /** @return the time those forces took, in nanoseconds */
    public long forceNanos() {
        return forceNanos;
    }

    /**
     * Returns the storage problem that made the last write fail, while it lasts.
     *
     * @return the problem, or empty
     */
    public Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    /**
     * After the snapshot marked by {@link #markSnapshot} is safely written, replaces this
     * journal's file with one that continues the new snapshot and holds only what came after the
     * mark. Records are copied outside the engine lock, then the last few and the switch happen
     * under it, so writers are held up only briefly.
     *
     * @param base  the new snapshot
     * @param under runs a step with the engine's write lock held
     */
    public void compact(SnapshotId base, Consumer<Runnable> under) {
        if (markEnd < 0) {
            throw new IllegalStateException("compact() without markSnapshot()");
        }
        Path temp = path.resolveSibling("." + path.getFileName() + ".compact");
        FileChannel next = null;
        try {
            next = opener.open(temp);
            FileChannel target = next;
            next.truncate(0);
            writeFully(next, JournalFormat.header(base), 0);
            long[] copied = {markEnd};
            copied[0] += copy(copied[0], written, target);
            IOException[] failure = new IOException[1];
            boolean[] switched = new boolean[1];
            under.accept(() -> exclusive(() -> {
                try {
                    copy(copied[0], written, target);
                    target.force(true);
                    SnapshotFiles.move(temp, path);
                    switched[0] = true;
                    SnapshotFiles.forceDirectory(path.toAbsolutePath().getParent());
                    FileChannel old = channel;
                    channel = target;
                    written = target.size();
                    durable = written;
                    markEnd = -1;
                    closeReplaced(old);
                } catch (IOException e) {
                    failure[0] = e;
                }
            }));
            if (switched[0]) {
                next = null;
            }
            if (failure[0] != null) {
                throw failure[0];
            }
        } catch (IOException e) {
            closeAndDelete(next, temp);
            throw new StorageException("Cannot compact the journal " + path + " (" + e.getMessage()
                    + "); it keeps growing but stays correct, and the next snapshot tries again.", e);
        }
    }

    /** Closes the file a compaction replaced; it is done with, so a failure to close it is only logged. */
    private void closeReplaced(FileChannel old) {
        try {
            old.close();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Could not close the replaced journal of " + path + ": " + e);
        }
    }

    /** Lets go of a compaction that failed before its file replaced the journal. */
    private static void closeAndDelete(FileChannel channel, Path temp) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Could not remove the unfinished compaction " + temp + ": " + e);
        }
    }

    private long copy(long from, long to, FileChannel target) throws IOException {
        long done = 0;
        while (from + done < to) {
            done += channel.transferTo(from + done, to - from - done, target);
        }
        return done;
    }

    @Override
    public void close() {
        if (everySecond != null) {
            everySecond.shutdownNow();
        }
        Thread forcing;
        forceLock.lock();
        try {
            closing = true;
            waiting.signalAll();
            forcing = forcer;
        } finally {
            forceLock.unlock();
        }
        if (forcing != null) {
            // It forces and answers the waiters already queued, then ends.
            try {
                forcing.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        exclusive(() -> {
            if (channel == null) {
                return;
            }
            try {
                if (durability != Durability.JOURNAL_NO_FSYNC) {
                    channel.force(false);
                }
                channel.close();
            } catch (IOException e) {
                LOG.log(Level.WARNING, "Closing the journal " + path + " failed: " + e);
            }
        });
    }
}
