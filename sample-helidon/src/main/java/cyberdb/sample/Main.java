package cyberdb.sample;

import cyberdb.api.CorruptFileException;
import io.helidon.microprofile.server.Server;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Runs the sample service; {@code ./cyberdb sample} starts this class. Settings are MicroProfile
 * Config keys, given as JVM options ({@code -Dserver.port=8081}) or in
 * {@code microprofile-config.properties}.
 *
 * <p>It prints the address it really serves, and CyberDB logs the database it really opened. A
 * start that fails (the port in use, a bad setting, a damaged data file or one another process
 * owns) prints one line saying why and exits with status 1 (3 for a damaged data file), after
 * stopping the container, which
 * closes the database before anything was written to it.
 */
public final class Main {

    private static final String USAGE = """
            Usage: ./cyberdb sample [-Dkey=value ...]

            Runs the CyberDB sample service (Helidon MP) until Ctrl-C. Each -Dkey=value sets a
            configuration key, for example:
              -Dserver.port=8081              the HTTP port (default 8080; 0 picks a free one)
              -Dserver.host=0.0.0.0           the HTTP address (default 127.0.0.1)
              -Dcyberdb.data-file=other.cdb   the embedded database's file (default data.cdb, here)
              -Dcyberdb.mode=remote           use a ./cyberdb server instead, at cyberdb.host and
                                              cyberdb.port, with the password in CYBERDB_PASSWORD
            README.md, "CDI and Helidon MP", lists every cyberdb.* key.

            Exit status: 1 it could not start (the message says why); 2 wrong usage;
                         3 the data file is damaged (nothing was changed).
            """;

    private Main() {
    }

    /**
     * Starts the service, or explains in one line why it cannot.
     *
     * @param args {@code --help}, or nothing: settings are system properties
     */
    @SuppressForbidden(reason = "a failed start ends the process with a status, as a command should")
    public static void main(String[] args) {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.print(USAGE);
            return;
        }
        if (args.length > 0) {
            System.err.println("cyberdb sample: unexpected argument '" + args[0]
                    + "'; settings are JVM options such as -Dserver.port=8081 (see ./cyberdb sample --help)");
            System.exit(2);
        }
        StartupLog log = StartupLog.hold();
        String problem;
        int status = 1;
        try {
            Server server = Server.builder().build().start();
            if (server.port() >= 0) {
                log.release();
                System.out.println("cyberdb sample: serving http://" + host() + ":" + server.port() + "/ (Ctrl-C stops it)");
                return;
            }
            problem = cannotListen(log);
            server.stop();
        } catch (RuntimeException failure) {
            // A failed deployment has stopped the container, closing the database if it was opened.
            problem = StartupLog.reason(failure);
            status = damaged(failure) ? 3 : 1;
        }
        System.err.println("cyberdb sample: " + problem);
        System.exit(status);
    }

    /** Whether a failure comes from a damaged data file, which has its own exit status, as at the command line. */
    private static boolean damaged(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CorruptFileException) {
                return true;
            }
            for (Throwable suppressed : cause.getSuppressed()) {
                if (damaged(suppressed)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Helidon logs a listener that cannot bind, stops its web server and returns; the container,
     * and with it the database, stays up until the caller stops it.
     */
    private static String cannotListen(StartupLog log) {
        String port = ConfigProvider.getConfig().getOptionalValue("server.port", String.class).orElse("8080");
        String why = log.firstFailure().orElse("the HTTP server did not start");
        return "cannot listen on " + host() + ":" + port + ": " + why + ". Stop whatever uses it (another"
                + " sample?), or choose another port with -Dserver.port=N (0 picks a free one).";
    }

    /** The address the server binds, as configured; Helidon's own {@code Server.host()} says localhost. */
    private static String host() {
        return ConfigProvider.getConfig().getOptionalValue("server.host", String.class).orElse("0.0.0.0");
    }
}
