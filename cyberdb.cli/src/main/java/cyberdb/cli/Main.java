package cyberdb.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Map;

/** {@code ./cyberdb COMMAND ...}: dispatches to the commands of the command line. */
public final class Main {

    private Main() {
    }

    /**
     * Runs a command and exits with its status.
     *
     * @param args the command and its arguments
     */
    public static void main(String[] args) {
        // One line per log record, as people expect from a server's console.
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tF %1$tT %4$s %5$s%6$s%n");
        }
        System.exit(run(args, System.in, System.out, System.err, System.getenv()));
    }

    static int run(String[] args, InputStream in, PrintStream out, PrintStream err, Map<String, String> environment) {
        if (args.length == 0) {
            err.println("Usage: cyberdb server|shell|import-python ...");
            return 2;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        if (Arrays.asList(rest).contains("--help")) {
            out.print(switch (args[0]) {
                case "server" -> ServerCommand.USAGE;
                case "shell" -> ShellCommand.USAGE;
                default -> "Usage: ./cyberdb import-python OLD.cdb NEW.cdb\n";
            });
            return 0;
        }
        return switch (args[0]) {
            case "server" -> ServerCommand.run(rest, err, environment);
            case "shell" -> ShellCommand.run(rest, in, out, err, environment);
            case "import-python" -> ImportPythonCommand.run(rest, out, err);
            default -> {
                err.println("Unknown command '" + args[0] + "'; expected server, shell or import-python.");
                yield 2;
            }
        };
    }
}
