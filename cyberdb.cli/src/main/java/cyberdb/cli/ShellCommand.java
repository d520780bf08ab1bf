package cyberdb.cli;

import cyberdb.api.CyberClient;
import cyberdb.api.CyberDB;
import cyberdb.api.CyberProxy;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * {@code ./cyberdb shell}: an interactive client with line editing and history when standard
 * input is a terminal; otherwise, or with {@code -c}, a script runner that prints one JSON
 * result per line and stops with status 1 at the first error.
 */
final class ShellCommand {

    static final String USAGE = """
            Usage: ./cyberdb shell [options] [-c 'COMMAND; COMMAND ...']
              --host ADDRESS          server address (default 127.0.0.1)
              --port PORT             server port (default 9980)
              --password-file FILE    read the password from FILE (or set CYBERDB_PASSWORD)
              --plaintext             the server does not encrypt
              --file FILE.cdb         open a snapshot file directly instead of a server (saved on exit)
              -c COMMANDS             run these commands, separated by ';', and exit
            """;

    private static final Set<String> WITH_VALUE = Set.of("--host", "--port", "--password-file", "--file", "-c");
    private static final Set<String> FLAGS = Set.of("--plaintext");

    private ShellCommand() {
    }

    static int run(String[] args, InputStream in, PrintStream out, PrintStream err, Map<String, String> environment) {
        Options options;
        CyberClient client;
        try {
            options = Options.parse(args, WITH_VALUE, FLAGS);
            if (!options.positional().isEmpty()) {
                throw new Options.UsageException("Unexpected argument " + options.positional().getFirst());
            }
            client = options.value("--file").isPresent()
                    ? CyberDB.embedded(Path.of(options.value("--file").get()))
                    : CyberDB.client()
                            .host(options.value("--host").orElse("127.0.0.1"))
                            .port(options.integer("--port", 9980))
                            .password(options.password(environment))
                            .encrypted(!options.flag("--plaintext"))
                            .poolSize(1)
                            .build();
        } catch (RuntimeException e) {
            err.println("cyberdb shell: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        try (client; CyberProxy proxy = client.proxy().connect()) {
            Shell shell = new Shell(proxy);
            if (options.value("-c").isPresent()) {
                return script(shell, Tokenizer.commands(options.value("-c").get()), out, err);
            }
            if (System.console() != null && in == System.in) {
                return interactive(shell, err);
            }
            return script(shell, readAll(in), out, err);
        } catch (RuntimeException e) {
            err.println("cyberdb shell: " + e.getMessage());
            return 1;
        }
    }

    private static List<String> readAll(InputStream in) {
        try {
            String text = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .reduce("", (a, b) -> a + "\n" + b);
            return Tokenizer.commands(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Cannot read commands: " + e.getMessage(), e);
        }
    }

    private static int script(Shell shell, List<String> commands, PrintStream out, PrintStream err) {
        for (String command : commands) {
            if (isQuit(command)) {
                return 0;
            }
            try {
                out.println(shell.execute(command));
            } catch (RuntimeException e) {
                err.println("error: " + command + ": " + e.getMessage());
                return 1;
            }
        }
        return 0;
    }

    private static boolean isQuit(String command) {
        String verb = command.strip().toLowerCase();
        return verb.equals("quit") || verb.equals("exit");
    }

    private static int interactive(Shell shell, PrintStream err) {
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            LineReader reader = LineReaderBuilder.builder()
                    .terminal(terminal)
                    .appName("cyberdb")
                    .variable(LineReader.HISTORY_FILE, Path.of(System.getProperty("user.home"), ".cyberdb_history"))
                    .build();
            terminal.writer().println("CyberDB shell. Type help for commands, quit to leave.");
            while (true) {
                String line;
                try {
                    line = reader.readLine("cyberdb> ");
                } catch (UserInterruptException ctrlC) {
                    continue;
                } catch (EndOfFileException ctrlD) {
                    return 0;
                }
                try {
                    for (String command : Tokenizer.commands(line)) {
                        if (isQuit(command)) {
                            return 0;
                        }
                        terminal.writer().println(shell.execute(command));
                    }
                } catch (RuntimeException e) {
                    terminal.writer().println("(error) " + e.getMessage());
                }
                terminal.flush();
            }
        } catch (IOException e) {
            err.println("cyberdb shell: cannot open the terminal: " + e.getMessage());
            return 1;
        }
    }
}
