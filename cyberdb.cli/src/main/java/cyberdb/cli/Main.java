package cyberdb.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Map;

/** {@code ./cyberdb COMMAND ...}: dispatches to the commands of the command line. */
public final class Main {

    static final String USAGE = """
            Usage: cyberdb server|shell|import-python [options]
              cyberdb COMMAND --help   the options of one command
            """ + ExitStatus.HELP;

    /** One line per log record, as people expect from a server's console: date, time, level, message. */
    static final String LOG_FORMAT = "%1$tF %1$tT %4$s %5$s%6$s%n";

    private Main() {
    }

    /**
     * Runs a command and exits with its status.
     *
     * @param args the command and its arguments
     */
    @SuppressForbidden(reason = "the one place that ends the process, with the command's status")
    public static void main(String[] args) {
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", LOG_FORMAT);
        }
        System.exit(run(args, System.in, System.out, System.err, System.getenv()));
    }

    static int run(String[] args, InputStream in, PrintStream out, PrintStream err, Map<String, String> environment) {
        if (args.length == 0) {
            err.print(USAGE);
            return ExitStatus.USAGE;
        }
        if (isHelp(args[0])) {
            out.print(USAGE);
            return ExitStatus.OK;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        if (Arrays.stream(rest).anyMatch(Main::isHelp)) {
            switch (args[0]) {
                case "server" -> out.print(ServerCommand.USAGE);
                case "shell" -> out.print(ShellCommand.USAGE);
                case "import-python" -> out.print(ImportPythonCommand.USAGE);
                default -> {
                    return unknown(args[0], err);
                }
            }
            return ExitStatus.OK;
        }
        return switch (args[0]) {
            case "server" -> ServerCommand.run(rest, err, environment);
            case "shell" -> ShellCommand.run(rest, in, out, err, environment);
            case "import-python" -> ImportPythonCommand.run(rest, out, err);
            default -> unknown(args[0], err);
        };
    }

    private static boolean isHelp(String arg) {
        return arg.equals("-h") || arg.equals("--help");
    }

    private static int unknown(String command, PrintStream err) {
        err.println("cyberdb: unknown command '" + command + "'; expected server, shell or import-python");
        err.print(USAGE);
        return ExitStatus.USAGE;
    }
}
