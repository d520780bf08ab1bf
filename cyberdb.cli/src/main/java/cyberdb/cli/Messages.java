package cyberdb.cli;

import cyberdb.api.AuthenticationException;
import cyberdb.api.ConnectionException;
import cyberdb.api.CorruptFileException;
import java.io.IOException;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API's failures in the command line's words. The API words its messages for Java callers
 * ({@code call dataFile(...)}); a person at the command line is told about options and
 * commands instead, and never sees an exception's class name.
 */
final class Messages {

    /** How much of a long command or value an error message repeats. */
    private static final int SHOWN_CHARS = 100;

    /** A JDK exception's class name inside a message, followed by its own message or not. */
    private static final Pattern JDK_EXCEPTION = Pattern.compile(
            "\\b(?:java|javax|jdk|sun)\\.(?:[a-z0-9_]+\\.)+([A-Z]\\w*(?:Exception|Error))(: )?");

    private Messages() {
    }

    /** Shortens what an error message repeats of a long command or value. */
    static String abbreviate(String text) {
        return text.length() <= SHOWN_CHARS ? text
                : text.substring(0, SHOWN_CHARS) + "... (" + text.length() + " characters)";
    }

    /** {@code 1 table}, {@code 2 tables}. */
    static String count(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    /** A message with the JDK's exception class names turned into words or dropped. */
    static String plain(String message) {
        if (message == null) {
            return "an unexpected error";
        }
        Matcher m = JDK_EXCEPTION.matcher(message);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String words = switch (m.group(1)) {
                case "NoSuchFileException" -> "no such file";
                case "AccessDeniedException" -> "permission denied";
                case "FileAlreadyExistsException" -> "already exists";
                case "NotDirectoryException" -> "not a directory";
                case "DirectoryNotEmptyException" -> "directory not empty";
                case "UnknownHostException" -> "unknown host";
                default -> null;
            };
            String with = m.group(2) == null ? (words == null ? "an error" : words)
                    : (words == null ? "" : words + ": ");
            m.appendReplacement(out, Matcher.quoteReplacement(with));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Why an I/O operation failed, in words. */
    static String reason(IOException e) {
        return switch (e) {
            case NoSuchFileException x -> "no such file";
            case AccessDeniedException x -> "permission denied";
            case NotDirectoryException x -> "not a directory";
            case UnknownHostException x -> "unknown host " + e.getMessage();
            default -> e.getMessage() == null ? plain(e.getClass().getName()) : plain(e.getMessage());
        };
    }

    /** The reason a connection failed: its I/O cause if there is one, else its own message. */
    private static String reason(ConnectionException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException io) {
                return reason(io);
            }
        }
        return plain(e.getMessage());
    }

    /** The server could not be reached, or refused the login. */
    static String cannotConnect(ConnectionException e, String location) {
        if (e instanceof AuthenticationException) {
            return "the server at " + location + " refused the login: " + e.getMessage()
                    + " The shell reads the password from --password-file FILE or CYBERDB_PASSWORD.";
        }
        return "cannot connect to the server at " + location + " (" + reason(e) + "): check that it runs"
                + " (./cyberdb server), --host and --port, and that --plaintext is given exactly when the server has it";
    }

    /** A connection broke during a command. */
    static String lostConnection(ConnectionException e, String location) {
        return "lost the connection to " + location + " (" + reason(e) + "); the command may or may not have"
                + " been applied (a new command connects again)";
    }

    /**
     * A damaged snapshot or journal, with advice that names only files that exist and options
     * the command has.
     *
     * @param truncateOption whether the command has {@code --truncate-journal-at-error}
     */
    static String damagedFile(CorruptFileException e, boolean truncateOption) {
        Path file = e.file();
        if (file == null) {
            return plain(e.getMessage());
        }
        String problem = plain(e.problem());
        if (file.getFileName().toString().endsWith(".journal")) {
            // The engine names the option only where dropping the damaged tail would help.
            String advice = truncateOption && e.getMessage().contains("--truncate-journal-at-error")
                    ? "To start anyway, dropping the damaged part and the changes in it, add --truncate-journal-at-error;"
                            + " or move " + file + " aside to start from the snapshot alone."
                    : "Move " + file + " aside to start from the snapshot alone (the changes it holds are lost).";
            return "the journal " + file + " is damaged: " + problem + ". Nothing was changed. " + advice;
        }
        String name = file.getFileName().toString();
        if (!name.endsWith(".cdb")) {
            return "the file " + file + " is damaged: " + problem + ". Nothing was changed.";
        }
        Path backup = file.resolveSibling(name.substring(0, name.length() - ".cdb".length()) + "_backup.cdb");
        Path journal = file.resolveSibling(name.substring(0, name.length() - ".cdb".length()) + ".journal");
        String advice = Files.isRegularFile(backup)
                ? "The snapshot before it is kept in " + backup + ": to go back to it, copy it over " + file
                        + (Files.exists(journal) ? " and move " + journal + " aside." : ".")
                : "There is no earlier snapshot beside it; restore " + file + " from a copy if you have one.";
        return "the data file " + file + " is damaged: " + problem + ". Nothing was changed. " + advice;
    }
}
