package cyberdb.engine.embedded;

import cyberdb.api.FileInUseException;
import cyberdb.api.StorageException;
import cyberdb.engine.snapshot.SnapshotFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Ownership of a data file: an exclusive lock on {@code NAME.lock} beside {@code NAME.cdb},
 * holding the owner's process id. The operating system releases the lock when its owner dies,
 * however it dies, so there is nothing stale to clean up; the lock file itself stays, empty of
 * meaning while unlocked, because deleting it would let two openers lock two different files
 * (one still holding the deleted file open), and an opener cannot check which file it locked:
 * reading the file again by name would open a second descriptor, and closing that one releases
 * the process's {@code fcntl} locks on the file.
 */
final class DataFileLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private DataFileLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes ownership of a data file, or says who has it.
     *
     * @param dataFile the {@code .cdb} file
     * @return the held lock
     * @throws FileInUseException if another process, or another database in this one, owns it
     * @throws StorageException   if the lock file cannot be opened
     */
    static DataFileLock acquire(Path dataFile) {
        Path lockFile = lockOf(dataFile);
        FileChannel channel;
        try {
            channel = SnapshotFiles.openOwnerOnly(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
        } catch (NoSuchFileException e) {
            throw new StorageException("Cannot open " + dataFile + ": the directory "
                    + lockFile.toAbsolutePath().getParent() + " does not exist.", e);
        } catch (IOException e) {
            throw new StorageException("Cannot open " + dataFile + ": its lock file " + lockFile + " cannot be opened ("
                    + e + ").", e);
        }
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                long owner = owner(channel);
                channel.close();
                throw new FileInUseException(dataFile, owner, "The data file " + dataFile + " is in use by "
                        + (owner < 0 ? "another process" : "process " + owner) + " (it holds " + lockFile.getFileName()
                        + "); only one process at a time may open a data file for writing.");
            }
            byte[] pid = (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII);
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(pid), 0);
            return new DataFileLock(channel, lock);
        } catch (OverlappingFileLockException sameProcess) {
            closeQuietly(channel);
            throw new FileInUseException(dataFile, ProcessHandle.current().pid(), "The data file " + dataFile
                    + " is already open in this process; close that database first, or share it.");
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StorageException("Cannot lock " + lockFile + ": " + e, e);
        }
    }

    /**
     * Returns where a data file's lock lives.
     *
     * @param dataFile {@code NAME.cdb}
     * @return {@code NAME.lock} beside it
     */
    static Path lockOf(Path dataFile) {
        String name = dataFile.getFileName().toString();
        return dataFile.resolveSibling(name.substring(0, name.length() - ".cdb".length()) + ".lock");
    }

    /** Reads the owner's process id, which it wrote after locking; -1 if it cannot be read. */
    private static long owner(FileChannel channel) {
        try {
            ByteBuffer content = ByteBuffer.allocate(32);
            channel.read(content, 0);
            return Long.parseLong(new String(content.array(), 0, content.position(), StandardCharsets.US_ASCII).strip());
        } catch (IOException | NumberFormatException unreadable) {
            return -1;
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Only a lock attempt was open; nothing to lose.
        }
    }

    /** Gives up ownership; the lock file stays. */
    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // Closing the channel releases the lock as well.
        }
        closeQuietly(channel);
    }
}
