package cyberdb.api;

import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Thrown when a data file is already open for writing elsewhere: by another process, or by
 * another database in this process. One owner per data file keeps two writers from replacing
 * each other's journal and losing acknowledged changes; the file was not touched.
 */
public class FileInUseException extends StorageException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long owner;

    /**
     * Creates the exception.
     *
     * @param file    the data file
     * @param owner   the owning process id, or -1 if unknown
     * @param message the whole message, naming the file and the owner
     */
    public FileInUseException(Path file, long owner, String message) {
        super(message, null);
        this.file = file;
        this.owner = owner;
    }

    /**
     * Returns the data file that is in use.
     *
     * @return the file
     */
    public Path file() {
        return file;
    }

    /**
     * Returns the id of the process that owns the file, when it is known.
     *
     * @return the process id, or empty
     */
    public OptionalLong ownerPid() {
        return owner < 0 ? OptionalLong.empty() : OptionalLong.of(owner);
    }
}
