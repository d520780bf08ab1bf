package cyberdb.api;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * A client over an in-process engine, from {@link CyberDB#embedded()} or
 * {@link CyberDB#embedded(Path)}. Besides proxies it offers what the original CyberDB server
 * does with its data: snapshots to and from {@code .cdb} files and a periodic backup.
 *
 * <p>A snapshot is a consistent point-in-time image of all tables. Saving writes a temporary
 * file beside the target, forces it to disk, keeps the previous snapshot as
 * {@code NAME_backup.cdb}, and renames the new one into place atomically, so a crash at any
 * moment leaves a complete snapshot behind.
 */
public interface EmbeddedClient extends CyberClient {

    /**
     * Returns the file this database was opened with, if any.
     *
     * @return the data file given to {@link CyberDB#embedded(Path)}
     */
    Optional<Path> file();

    /**
     * Saves a snapshot to the data file this database was opened with.
     *
     * @throws IllegalStateException if it was opened without one; use {@link #save(Path)}
     * @throws StorageException      if the file cannot be written; the previous one is intact
     */
    void save();

    /**
     * Saves a snapshot of all tables to {@code file}.
     *
     * @param file the target, whose name ends in {@code .cdb}
     * @throws IllegalArgumentException if the name does not end in {@code .cdb}
     * @throws StorageException         if the file cannot be written; the previous one is intact
     */
    void save(Path file);

    /**
     * Replaces the whole in-memory database with a snapshot's content. The file is read and
     * checked completely before anything changes.
     *
     * @param file the snapshot to load
     * @throws CorruptFileException if the file is damaged or not a snapshot; nothing changes
     * @throws StorageException     if it cannot be read; nothing changes
     */
    void load(Path file);

    /**
     * Replaces the whole in-memory database with the tables of a Python CyberDB {@code .cdb}
     * file (a pickle). The file is read by a reader that understands plain data only; anything
     * that would run code or name a class is refused, and nothing from the file is executed. The
     * old server's {@code config} section, password included, is ignored. Tables that are not a
     * dict or a list, and dict entries with a {@code None} key, are skipped and reported.
     *
     * @param pythonFile the file the Python CyberDB saved
     * @return what was imported and what was skipped
     * @throws CorruptFileException       if the file is not a plain-data pickle of a CyberDB database
     * @throws ValueNotStorableException if a value cannot be stored (an integer beyond the long range)
     */
    ImportReport importPython(Path pythonFile);

    /**
     * Saves a snapshot to {@code file} every {@code interval}, replacing any earlier schedule:
     * CyberDB's {@code set_backup}. A failed backup is logged and retried at the next tick.
     *
     * @param file     the target, whose name ends in {@code .cdb}
     * @param interval the time between backups, at least one second
     * @throws IllegalArgumentException if the name or the interval is wrong
     */
    void backupEvery(Path file, Duration interval);

    /** Cancels the periodic backup, if one is scheduled. */
    void stopBackup();

    /**
     * Stops any backup and, if this database was opened with a data file, saves to it.
     *
     * @throws StorageException if the final save fails
     */
    @Override
    void close();
}
