package cyberdb.engine.snapshot;

import cyberdb.api.CorruptFileException;
import cyberdb.api.StorageException;
import cyberdb.engine.store.TableImage;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Saves and loads {@code .cdb} snapshots. A save never leaves a half-written file under the
 * target's name: it writes a temporary file in the same directory, forces it to disk, keeps the
 * previous snapshot as {@code NAME_backup.cdb}, renames the new file over the target, and forces
 * the directory. A load reads and checks the whole file before returning anything.
 */
public final class SnapshotFiles {

    /** Opens the channel a snapshot is written to; tests substitute one that fails. */
    @FunctionalInterface
    interface ChannelOpener {
        FileChannel open(Path path) throws IOException;
    }

    private static final ChannelOpener FILES = path -> FileChannel.open(path, StandardOpenOption.WRITE);

    /** rw-------: the files hold the data in clear, so only their owner may read them. */
    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE);

    private SnapshotFiles() {
    }

    /**
     * Checks that a file name is a snapshot's.
     *
     * @param file the candidate
     * @throws IllegalArgumentException if its name does not end in {@code .cdb}
     */
    public static void checkName(Path file) {
        Path name = file.getFileName();
        if (name == null || !name.toString().endsWith(SnapshotFormat.SUFFIX) || name.toString().equals(SnapshotFormat.SUFFIX)) {
            throw new IllegalArgumentException("Snapshot file names end in " + SnapshotFormat.SUFFIX + ", got '" + file
                    + "'; use a name such as data.cdb.");
        }
    }

    /**
     * Returns where the previous snapshot of {@code file} is kept.
     *
     * @param file a snapshot file, {@code NAME.cdb}
     * @return {@code NAME_backup.cdb} beside it
     */
    public static Path backupOf(Path file) {
        String name = file.getFileName().toString();
        String stem = name.substring(0, name.length() - SnapshotFormat.SUFFIX.length());
        return file.resolveSibling(stem + "_backup" + SnapshotFormat.SUFFIX);
    }

    /**
     * Writes a snapshot atomically.
     *
     * @param images the tables, already copied consistently
     * @param target the snapshot file
     * @throws StorageException if writing fails; the previous file is left as it was
     */
    public static void save(List<TableImage> images, Path target) {
        save(images, target, SnapshotId.fresh(), FILES);
    }

    /**
     * Writes a snapshot atomically under an identity chosen beforehand, so a journal can name it.
     *
     * @param images the tables, already copied consistently
     * @param target the snapshot file
     * @param id     the snapshot's identity
     * @throws StorageException if writing fails; the previous file is left as it was
     */
    public static void save(List<TableImage> images, Path target, SnapshotId id) {
        save(images, target, id, FILES);
    }

    static void save(List<TableImage> images, Path target, SnapshotId id, ChannelOpener opener) {
        checkName(target);
        write(images, target, id, opener, true);
    }

    /**
     * Writes a snapshot atomically into a file whose name someone else chose, as a replicated
     * log's snapshot storage does: the same format and the same crash-safe write, without the
     * {@code .cdb} name or a backup beside it (the log keeps its own previous snapshots).
     *
     * @param images the tables, already copied consistently
     * @param target the file
     * @throws StorageException if writing fails; the previous file is left as it was
     */
    public static void saveAs(List<TableImage> images, Path target) {
        write(images, target, SnapshotId.fresh(), FILES, false);
    }

    private static void write(List<TableImage> images, Path target, SnapshotId id, ChannelOpener opener,
                              boolean keepPrevious) {
        Path absolute = target.toAbsolutePath();
        Path directory = absolute.getParent();
        Path temp = null;
        try {
            temp = Files.createTempFile(directory, "." + absolute.getFileName() + ".", ".tmp");
            try (FileChannel channel = opener.open(temp)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
                new SnapshotWriter(out).write(images, id);
                out.flush();
                channel.force(true);
            }
            if (keepPrevious && Files.exists(absolute)) {
                keepPrevious(absolute);
            }
            move(temp, absolute);
            temp = null;
            forceDirectory(directory);
        } catch (IOException e) {
            throw new StorageException("Could not save snapshot " + target + ": " + e
                    + ". The previous snapshot, if any, is unchanged.", e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // The save already failed; a stray temp file is harmless and named as such.
                }
            }
        }
    }

    /** Links (or, where links are not supported, copies) the current snapshot to its backup name. */
    private static void keepPrevious(Path current) throws IOException {
        Path backup = backupOf(current);
        Path staging = backup.resolveSibling("." + backup.getFileName() + ".tmp");
        Files.deleteIfExists(staging);
        try {
            Files.createLink(staging, current);
            // A link shares the snapshot's mode, which an older version may have left wider.
            restrictToOwner(staging);
        } catch (UnsupportedOperationException | IOException noLinks) {
            Files.copy(current, staging, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel channel = openOwnerOnly(staging, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
        }
        move(staging, backup);
    }

    /**
     * Opens a file that only its owner may read and write ({@code rw-------}), creating it so if
     * the options say so and tightening the permissions of a file that exists. On file systems
     * without POSIX permissions, the file gets what the platform gives.
     *
     * @param path    the file
     * @param options how to open it
     * @return the channel
     * @throws IOException if it cannot be opened
     */
    public static FileChannel openOwnerOnly(Path path, OpenOption... options) throws IOException {
        if (!posix(path)) {
            return FileChannel.open(path, options);
        }
        FileChannel channel = FileChannel.open(path, Set.of(options), PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        try {
            restrictToOwner(path);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        return channel;
    }

    /**
     * Makes an existing file readable and writable by its owner only, where the file system has
     * POSIX permissions.
     *
     * @param path the file
     * @throws IOException if the permissions cannot be set
     */
    public static void restrictToOwner(Path path) throws IOException {
        if (posix(path) && !Files.getPosixFilePermissions(path).equals(OWNER_ONLY)) {
            Files.setPosixFilePermissions(path, OWNER_ONLY);
        }
    }

    private static boolean posix(Path path) {
        Path parent = path.toAbsolutePath().getParent();
        return Files.getFileAttributeView(parent == null ? path : parent, PosixFileAttributeView.class) != null;
    }

    /**
     * Renames a file over another atomically where the file system can.
     *
     * @param from the file to rename
     * @param to   its new name, replaced if it exists
     * @throws IOException if the rename fails
     */
    public static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException notAtomic) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Forces a directory's entries to disk, so a rename in it survives a power cut; a no-op
     * where the platform cannot.
     *
     * @param directory the directory
     */
    public static void forceDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException unsupported) {
            // Some platforms cannot open or force a directory; the rename is then as durable as they allow.
        }
    }

    /**
     * Reads and checks a whole snapshot.
     *
     * @param file the snapshot file
     * @return its identity and tables
     * @throws CorruptFileException if it is damaged, truncated or not a snapshot
     * @throws StorageException     if it cannot be read
     */
    public static Snapshot load(Path file) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            return new SnapshotReader(file, in, Files.size(file)).read();
        } catch (NoSuchFileException e) {
            throw new StorageException("Cannot load " + file + ": no such file.", e);
        } catch (IOException e) {
            throw new StorageException("Cannot load " + file + ": " + e, e);
        }
    }
}
