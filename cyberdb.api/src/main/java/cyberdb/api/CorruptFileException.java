package cyberdb.api;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Thrown when a database file is truncated, damaged, or not a CyberDB file at all. The
 * in-memory database is left as it was; the message names the previous snapshot
 * ({@code NAME_backup.cdb}) when there is one to load instead.
 */
public class CorruptFileException extends CyberDBException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String problem;

    /**
     * Creates the exception.
     *
     * @param file    the file that was refused
     * @param problem what is wrong with it
     */
    public CorruptFileException(Path file, String problem) {
        super("Cannot load " + file + ": " + problem + ". Nothing was loaded" + backupAdvice(file));
        this.file = file;
        this.problem = problem;
    }

    /** Points at the previous snapshot only where there is one. */
    private static String backupAdvice(Path file) {
        String name = String.valueOf(file.getFileName());
        if (!name.endsWith(".cdb")) {
            return ".";
        }
        Path backup = file.resolveSibling(name.substring(0, name.length() - 4) + "_backup.cdb");
        return Files.isRegularFile(backup)
                ? "; the previous snapshot, " + backup + ", can be loaded instead if this file cannot be repaired."
                : ".";
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
        this.problem = problem;
    }

    /**
     * Returns the file that was refused.
     *
     * @return the file
     */
    public Path file() {
        return file;
    }

    /**
     * Returns what is wrong with the file, without the advice the message adds: for a caller that
     * words its own advice, such as a command line.
     *
     * @return the problem, such as {@code the record at offset 261 is damaged}
     */
    public String problem() {
        return problem;
    }
}
