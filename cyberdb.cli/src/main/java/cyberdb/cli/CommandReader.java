package cyberdb.cli;

import java.io.IOException;
import java.io.Reader;
import java.util.Optional;

/**
 * Reads shell commands one at a time, so each runs as soon as it has arrived, as redis-cli
 * does with a pipe. A command ends at {@code ;} or at a line break; one with a {@code [} or
 * {@code {} still open continues on the next line. A JSON string ends on the line it starts
 * on, as JSON has no line breaks inside strings. Memory stays bounded: a command longer than
 * {@link #MAX_CHARS} is refused as soon as it gets that long.
 */
final class CommandReader {

    /** The longest command accepted, in characters. */
    static final int MAX_CHARS = 1 << 20;

    private final Reader in;

    CommandReader(Reader in) {
        this.in = in;
    }

    /**
     * Reads the next command.
     *
     * @return the command without surrounding white space, or empty at the end of the input
     * @throws CommandException for a string left open at a line break or at the end, or a
     *                          command longer than {@link #MAX_CHARS}
     * @throws IOException      if the input cannot be read
     */
    Optional<String> next() throws IOException {
        StringBuilder command = new StringBuilder();
        Nesting nesting = new Nesting();
        for (int c = in.read(); c >= 0; c = in.read()) {
            char ch = (char) c;
            if (nesting.atTopLevel() && (ch == ';' || ch == '\n')) {
                String complete = command.toString().strip();
                if (!complete.isEmpty()) {
                    return Optional.of(complete);
                }
                command.setLength(0);
                continue;
            }
            if (ch == '\n' && nesting.inString()) {
                throw unterminated(command);
            }
            if (command.length() == MAX_CHARS) {
                throw new CommandException("a command longer than " + MAX_CHARS + " characters was refused: "
                        + Messages.abbreviate(command.toString()) + "; store large values from Java instead");
            }
            nesting.accept(ch);
            command.append(ch);
        }
        if (nesting.inString()) {
            throw unterminated(command);
        }
        String last = command.toString().strip();
        return last.isEmpty() ? Optional.empty() : Optional.of(last);
    }

    private static CommandException unterminated(StringBuilder command) {
        return new CommandException("unterminated string in: " + Messages.abbreviate(command.toString().strip())
                + "; a JSON string ends on the line it starts on (write a line break inside it as \\n)");
    }
}
