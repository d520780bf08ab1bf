package cyberdb.api;

import java.nio.file.Path;

/**
 * Thrown when a database file is truncated, damaged, or not a CyberDB file at all. The
 * in-memory database is left as it was; the previous snapshot ({@code NAME_backup.cdb}) can be
 * loaded instead.
 */
public class CorruptFileException extends CyberDBException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    /**
     * Creates the exception.
     *
     * @param file    the file that was refused
     * @param problem what is wrong with it
     */
    public CorruptFileException(Path file, String problem) {
        super("Cannot load " + file + ": " + problem + ". Nothing was loaded; load the previous snapshot ("
                + backupName(file) + ") if this file cannot be repaired.");
        this.file = file;
    }

    private static String backupName(Path file) {
        String name = String.valueOf(file.getFileName());
        return name.endsWith(".cdb") ? name.substring(0, name.length() - 4) + "_backup.cdb" : "NAME_backup.cdb";
    }

    /**
     * Creates the exception with advice of its own, for files that are not snapshots.
     *
     * @param file    the file that was refused
     * @param problem what is wrong with it
     * @param advice  what the user can do
     */
    public CorruptFileException(Path file, String problem, String advice) {
        super("Cannot load " + file + ": " + problem + ". " + advice);
        this.file = file;
    }

    /**
     * Returns the file that was refused.
     *
     * @return the file
     */
    public Path file() {
        return file;
    }
}
