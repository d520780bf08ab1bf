package cyberdb.cli;

/** The statuses every command exits with, so scripts can tell a damaged file from a typo. */
final class ExitStatus {

    static final int OK = 0;
    /** Something failed at run time; the message says what and what to do. */
    static final int FAILED = 1;
    /** The command line itself is wrong; the usage text follows the message. */
    static final int USAGE = 2;
    /** A data file is damaged, or is not the kind of file it should be; nothing was changed. */
    static final int DAMAGED_FILE = 3;

    /** The lines each command's {@code --help} ends with. */
    static final String HELP = """
            Exit status: 0 done; 1 failed (the message says why); 2 wrong usage;
                         3 a data file is damaged or not a CyberDB file (nothing was changed).
            """;

    private ExitStatus() {
    }
}
