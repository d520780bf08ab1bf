package cyberdb.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import org.jline.reader.EOFError;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.ParsedLine;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;

/**
 * The shell at a terminal, with JLine's line editing and history, Tab completion, and a prompt
 * that tells where it is connected. Ctrl-C clears the line being typed; a second Ctrl-C on an
 * empty line, Ctrl-D or quit leaves.
 */
final class InteractiveShell {

    private final Shell shell;

    InteractiveShell(Shell shell) {
        this.shell = shell;
    }

    /**
     * Reads and runs commands until the person leaves.
     *
     * @param terminal the terminal
     * @param history  where to keep the history of commands, if anywhere
     * @return the exit status
     */
    int run(Terminal terminal, Optional<Path> history) {
        LineReaderBuilder builder = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("cyberdb")
                .parser(new CommandLineParser())
                .completer(new ShellCompletion(shell::tables))
                // A line continued inside brackets is prompted with dots as wide as the prompt.
                .variable(LineReader.SECONDARY_PROMPT_PATTERN, "%P...> ")
                // Event expansion would act on '!' and drop backslashes, changing JSON strings as typed.
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true);
        history.ifPresent(file -> builder.variable(LineReader.HISTORY_FILE, file));
        LineReader reader = builder.build();
        PrintWriter out = terminal.writer();
        out.println("CyberDB shell on " + shell.location() + ". Type help for the commands; Tab completes;"
                + " Ctrl-C clears the line; Ctrl-D or quit leaves.");
        boolean ctrlCQuits = false;
        while (true) {
            String line;
            try {
                line = reader.readLine(shell.location() + "> ");
            } catch (UserInterruptException ctrlC) {
                if (ctrlCQuits && ctrlC.getPartialLine().isEmpty()) {
                    return ExitStatus.OK;
                }
                if (!ctrlCQuits) {
                    out.println("(Ctrl-C again on an empty line, or Ctrl-D, quits)");
                }
                ctrlCQuits = true;
                continue;
            } catch (EndOfFileException ctrlD) {
                return ExitStatus.OK;
            }
            ctrlCQuits = false;
            if (runLine(line, out)) {
                return ExitStatus.OK;
            }
            out.flush();
        }
    }

    /** Runs the commands of one line; returns whether one of them was quit. */
    private boolean runLine(String line, PrintWriter out) {
        CommandReader commands = new CommandReader(new StringReader(line));
        try {
            for (Optional<String> command = commands.next(); command.isPresent(); command = commands.next()) {
                if (Shell.isQuit(command.get())) {
                    return true;
                }
                out.println(shell.execute(command.get()));
            }
        } catch (CommandException e) {
            out.println("(error) " + e.getMessage());
        } catch (IOException e) {
            // A StringReader fails only once closed.
            throw new UncheckedIOException(e);
        }
        return false;
    }

    /**
     * Splits words at white space only, for completion, and keeps a line whose {@code [} or
     * {@code {} is still open going on the next line, as piped input does.
     */
    private static final class CommandLineParser extends DefaultParser {

        CommandLineParser() {
            quoteChars(new char[0]);
            escapeChars(new char[0]);
        }

        @Override
        public ParsedLine parse(String line, int cursor, ParseContext context) {
            if (context == ParseContext.ACCEPT_LINE) {
                Nesting nesting = new Nesting();
                line.chars().forEach(c -> nesting.accept((char) c));
                if (nesting.inBrackets()) {
                    throw new EOFError(-1, -1, "a bracket is still open");
                }
            }
            return super.parse(line, cursor, context);
        }
    }
}
