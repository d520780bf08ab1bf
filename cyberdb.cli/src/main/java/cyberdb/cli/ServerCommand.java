package cyberdb.cli;

import cyberdb.api.CorruptFileException;
import cyberdb.api.CyberDBException;
import cyberdb.api.Durability;
import cyberdb.api.FileInUseException;
import cyberdb.api.StorageException;
import cyberdb.net.CyberServer;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code ./cyberdb server}: runs a server in the foreground until SIGTERM or Ctrl-C, then stops
 * accepting, finishes in-flight requests and saves to the data file. Every option is checked
 * here, before the server is built, so a mistake is told in terms of options.
 */
final class ServerCommand {

    static final String USAGE = """
            Usage: ./cyberdb server [options]
              --host ADDRESS          address to listen on (default 127.0.0.1)
              --port PORT             port (default 9980; 0 picks a free one)
              --data FILE.cdb         data file: loaded at start, saved at exit and by --backup-every;
                                      without it, everything stays in memory and is lost at exit
              --backup-every TIME     save the data file periodically, e.g. 300s, 5m (needs --data)
              --journal on|off        journal every change beside the data file (default on; needs --data)
              --fsync always|everysec|none  when the journal is forced to disk (default everysec)
              --truncate-journal-at-error   start even if the journal is damaged, dropping its tail
              --password-file FILE    read the password from FILE (or set CYBERDB_PASSWORD)
              --plaintext             no encryption (loopback only unless --plaintext-beyond-loopback)
              --plaintext-beyond-loopback  allow a plaintext server on another address
              --allow CIDR            admit clients from this range; repeatable (default loopback only)
              --max-memory SIZE       most heap the data may take, e.g. 512mb, 2gb; writes beyond it are
                                      refused, reads and deletes go on (default half the heap, -Xmx)
              --max-connections N     most concurrent connections (default 10000)
              --idle-timeout TIME     close connections idle this long (default never)
              --max-frame-bytes SIZE  largest request or response (default 16mb, at least 64kb)
              --io-threads N          threads serving the connections (default: one per core)
              --max-in-flight N       requests one connection may have waiting for answers (default 1024)
              --max-output-bytes SIZE answers that may wait unread for one client before it is
                                      disconnected (default 256mb)
              --max-output-stall TIME a client that reads none of its answers this long is disconnected
                                      (default 60s)
              --receive-bytes SIZE    large requests still arriving, all clients together (default
                                      a sixteenth of the heap)
              --pending-handshakes N  new connections that may wait for their handshake (default 1024)
              --log                   log every request (operation and table, never values)
              --log-level LEVEL       error, warning, info (default) or debug
              --config FILE           read options from a properties file: each option a key without its
                                      dashes (port=9980, fsync=always, allow=10.0.0.0/8, 10.1.0.0/16,
                                      plaintext=true); the command line wins; never the password, which
                                      comes from password-file or CYBERDB_PASSWORD
              --slowlog-micros N      requests running this long or longer enter the slow log (shell:
                                      slowlog); default 10000 (10 ms), 0 logs every request
              --metrics-port PORT     serve Prometheus metrics at http://HOST:PORT/metrics (same host and
                                      allowlist as the server; 0 picks a free port)
              -h, --help              this text
            """ + ExitStatus.HELP;

    private static final String NAME = "cyberdb server: ";
    private static final int MIN_PASSWORD = 8;
    private static final int MIN_FRAME_BYTES = 65536;

    private static final Set<String> WITH_VALUE = Set.of("--host", "--port", "--data", "--backup-every",
            "--password-file", "--allow", "--max-connections", "--idle-timeout", "--max-frame-bytes", "--journal", "--fsync",
            "--max-memory", "--io-threads", "--max-in-flight", "--max-output-bytes", "--receive-bytes",
            "--pending-handshakes", "--max-output-stall", "--slowlog-micros", "--metrics-port", "--log-level", "--config");
    private static final Set<String> FLAGS = Set.of("--plaintext", "--plaintext-beyond-loopback", "--log",
            "--truncate-journal-at-error");
    /** Options that only mean something with a data file. */
    private static final List<String> NEED_DATA = List.of("--backup-every", "--journal", "--fsync",
            "--truncate-journal-at-error");

    private ServerCommand() {
    }

    static int run(String[] args, PrintStream err, Map<String, String> environment) {
        return run(args, err, environment, stop -> Runtime.getRuntime().addShutdownHook(new Thread(stop, "cyberdb-shutdown")));
    }

    /**
     * Runs the server until it is stopped.
     *
     * @param onExit told how to stop the server; the process calls that on SIGTERM or Ctrl-C
     * @return the exit status
     */
    static int run(String[] args, PrintStream err, Map<String, String> environment, Consumer<Runnable> onExit) {
        Optional<Path> data;
        CyberServer server;
        try {
            Options options = Options.parse(args, WITH_VALUE, FLAGS);
            Optional<String> config = options.value("--config");
            if (config.isPresent()) {
                options.withDefaults(ConfigFile.read(Path.of(config.get()), WITH_VALUE, FLAGS));
            }
            logLevel(options);
            data = dataFile(options);
            CyberServer.Builder builder = configure(options, data, environment);
            server = open(builder);
            listen(server, options);
        } catch (Options.UsageException e) {
            err.println(NAME + e.getMessage());
            err.print(USAGE);
            return ExitStatus.USAGE;
        } catch (CommandException e) {
            err.println(NAME + e.getMessage());
            return e.status();
        }
        if (data.isEmpty()) {
            err.println(NAME + "no --data: nothing will be saved; the tables live in memory until the server stops");
        }
        onExit.accept(() -> {
            server.close();
            // java.util.logging shuts itself down on SIGTERM, so the last word goes straight to stderr.
            err.println("CyberDB stopped; " + data.map(f -> "the data is in " + f).orElse("nothing was saved (no --data)"));
        });
        try {
            server.run();
            return ExitStatus.OK;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.close();
            return ExitStatus.FAILED;
        }
    }

    /** Sets how much the server logs: java.util.logging's root level, where System.Logger ends up by default. */
    private static void logLevel(Options options) {
        Optional<String> name = options.value("--log-level");
        if (name.isEmpty()) {
            return;
        }
        Level level = switch (name.get().toLowerCase(Locale.ROOT)) {
            case "error" -> Level.SEVERE;
            case "warning", "warn" -> Level.WARNING;
            case "info" -> Level.INFO;
            case "debug" -> Level.FINE;
            default -> throw new Options.UsageException("--log-level takes error, warning, info or debug, got '"
                    + name.get() + "'");
        };
        Logger root = Logger.getLogger("");
        root.setLevel(level);
        for (Handler handler : root.getHandlers()) {
            handler.setLevel(level);
        }
    }

    /** Checks every option in the command line's words, then configures the builder, which then has nothing to refuse. */
    private static CyberServer.Builder configure(Options options, Optional<Path> data, Map<String, String> environment) {
        if (!options.positional().isEmpty()) {
            throw new Options.UsageException("unexpected argument '" + options.positional().getFirst() + "'");
        }
        for (String option : NEED_DATA) {
            if (data.isEmpty() && options.given(option)) {
                throw new Options.UsageException(option + " needs --data: without a data file there is nothing to "
                        + (option.equals("--backup-every") ? "save" : "journal"));
            }
        }
        String host = options.value("--host").orElse("127.0.0.1");
        InetAddress address = address(host);
        int port = atLeast(options, "--port", 9980, 0);
        if (port > 65535) {
            throw new Options.UsageException("--port takes 0 to 65535, got " + port);
        }
        String password = options.password(environment);
        if (password.length() < MIN_PASSWORD) {
            throw new Options.UsageException("a server's password needs at least " + MIN_PASSWORD + " characters; "
                    + options.passwordSource() + " has " + password.length());
        }
        boolean plaintext = options.given("--plaintext");
        if (plaintext && !address.isLoopbackAddress() && !options.given("--plaintext-beyond-loopback")) {
            throw new Options.UsageException("--plaintext on " + host + ", beyond loopback, would send every value"
                    + " unencrypted: drop --plaintext, or add --plaintext-beyond-loopback if the network is trusted");
        }
        CyberServer.Builder builder = CyberServer.builder()
                .host(host)
                .port(port)
                .password(password)
                .encrypted(!plaintext)
                .plaintextBeyondLoopback(options.given("--plaintext-beyond-loopback"))
                .maxConnections(atLeast(options, "--max-connections", 10_000, 1))
                .maxFrameBytes(size(options, "--max-frame-bytes", MIN_FRAME_BYTES, 1L << 30).orElse(16L << 20).intValue())
                .maxInFlight(atLeast(options, "--max-in-flight", 1024, 1))
                .pendingHandshakes(atLeast(options, "--pending-handshakes", 1024, 1))
                .requestLog(options.given("--log"))
                .durability(durability(options))
                .truncateJournalAtError(options.given("--truncate-journal-at-error"));
        List<String> allowed = options.all("--allow");
        for (String range : allowed) {
            try {
                builder.allow(List.of(range));
            } catch (IllegalArgumentException e) {
                throw new Options.UsageException("--allow takes an IP address or a CIDR range such as 10.0.0.0/8"
                        + " (not a host name), got '" + range + "'");
            }
        }
        if (!allowed.isEmpty()) {
            builder.allow(allowed);
        }
        data.ifPresent(builder::dataFile);
        size(options, "--max-memory", 1 << 20, Long.MAX_VALUE).ifPresent(builder::maxMemory);
        size(options, "--max-output-bytes", 1 << 20, Long.MAX_VALUE).ifPresent(builder::maxOutputBytes);
        size(options, "--receive-bytes", 1 << 20, Long.MAX_VALUE).ifPresent(builder::receiveBytes);
        if (options.given("--io-threads")) {
            int threads = atLeast(options, "--io-threads", 1, 1);
            if (threads > 256) {
                throw new Options.UsageException("--io-threads takes 1 to 256, got " + threads);
            }
            builder.ioThreads(threads);
        }
        Optional<Duration> backupEvery = options.duration("--backup-every");
        if (backupEvery.isPresent() && backupEvery.get().compareTo(Duration.ofSeconds(1)) < 0) {
            throw new Options.UsageException("--backup-every takes at least 1s, got " + options.value("--backup-every").get());
        }
        backupEvery.ifPresent(builder::backupEvery);
        Optional<Duration> stall = options.duration("--max-output-stall");
        if (stall.isPresent() && stall.get().toMillis() < 100) {
            throw new Options.UsageException("--max-output-stall takes at least 100ms, got " + options.value("--max-output-stall").get());
        }
        stall.ifPresent(builder::maxOutputStall);
        if (options.given("--metrics-port")) {
            int metricsPort = options.integer("--metrics-port", 0);
            if (metricsPort < 0 || metricsPort > 65535) {
                throw new Options.UsageException("--metrics-port takes 0 to 65535, got " + metricsPort);
            }
            if (metricsPort != 0 && metricsPort == port) {
                throw new Options.UsageException("--metrics-port must differ from --port (" + port + ")");
            }
            builder.metricsPort(metricsPort);
        }
        if (options.given("--slowlog-micros")) {
            builder.slowlogThreshold(Duration.ofNanos(atLeast(options, "--slowlog-micros", 10_000, 0) * 1000L));
        }
        Optional<Duration> idleTimeout = options.duration("--idle-timeout");
        if (idleTimeout.isPresent() && idleTimeout.get().isNegative()) {
            throw new Options.UsageException("--idle-timeout must not be negative, got " + options.value("--idle-timeout").get());
        }
        idleTimeout.ifPresent(builder::idleTimeout);
        return builder;
    }

    private static Optional<Path> dataFile(Options options) {
        Optional<String> given = options.value("--data");
        if (given.isEmpty()) {
            return Optional.empty();
        }
        Path file = Path.of(given.get());
        Path name = file.getFileName();
        if (name == null || !name.toString().endsWith(".cdb") || name.toString().equals(".cdb")) {
            throw new Options.UsageException("--data takes a file name ending in .cdb, such as data.cdb; got '" + given.get() + "'");
        }
        Path folder = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(folder)) {
            throw new CommandException("--data " + file + ": the folder " + folder + " does not exist; create it first");
        }
        return Optional.of(file);
    }

    private static InetAddress address(String host) {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new Options.UsageException("--host: unknown host '" + host + "'; give an address such as 127.0.0.1,"
                    + " 0.0.0.0 (every interface) or a host name this machine can resolve");
        }
    }

    private static Optional<Long> size(Options options, String name, long least, long most) {
        Optional<Long> size = options.size(name);
        if (size.isPresent() && (size.get() < least || size.get() > most)) {
            throw new Options.UsageException(name + " takes " + written(least) + " or more"
                    + (most < Long.MAX_VALUE ? ", up to " + written(most) : "") + ", got " + options.value(name).orElseThrow());
        }
        return size;
    }

    /** A size as the options are written: 64kb, 1gb. */
    private static String written(long bytes) {
        for (String unit : List.of("gb", "mb", "kb")) {
            int shift = unit.equals("gb") ? 30 : unit.equals("mb") ? 20 : 10;
            if (bytes >= 1L << shift && bytes % (1L << shift) == 0) {
                return (bytes >> shift) + unit;
            }
        }
        return bytes + " bytes";
    }

    private static int atLeast(Options options, String name, int defaultValue, int least) {
        int value = options.integer(name, defaultValue);
        if (value < least) {
            throw new Options.UsageException(name + " takes at least " + least + ", got " + value);
        }
        return value;
    }

    private static Durability durability(Options options) {
        String journal = options.value("--journal").orElse("on");
        if (!journal.equals("on") && !journal.equals("off")) {
            throw new Options.UsageException("--journal takes on or off, got '" + journal + "'");
        }
        Optional<String> fsync = options.value("--fsync");
        if (journal.equals("off")) {
            if (fsync.isPresent()) {
                throw new Options.UsageException("--fsync has no effect with --journal off; give one or the other");
            }
            return Durability.SNAPSHOT_ONLY;
        }
        Durability durability;
        try {
            durability = Durability.fromName(fsync.orElse("everysec"));
        } catch (IllegalArgumentException unknown) {
            durability = Durability.SNAPSHOT_ONLY;
        }
        if (durability == Durability.SNAPSHOT_ONLY) {
            throw new Options.UsageException("--fsync takes always, everysec or none, got '" + fsync.orElse("")
                    + "'; use --journal off for snapshots only");
        }
        return durability;
    }

    /** Builds the server from checked options; nothing is opened yet. */
    private static CyberServer open(CyberServer.Builder builder) {
        try {
            return builder.build();
        } catch (CyberDBException | IllegalStateException e) {
            throw new CommandException("cannot configure the server: " + Messages.plain(e.getMessage()), e);
        }
    }

    /** Binds the port, then opens the data file: a failure leaves the files as they were. */
    private static void listen(CyberServer server, Options options) {
        String where = options.value("--host").orElse("127.0.0.1") + ":" + options.value("--port").orElse("9980");
        try {
            server.start();
        } catch (CorruptFileException e) {
            throw new CommandException(Messages.damagedFile(e, true), ExitStatus.DAMAGED_FILE, e);
        } catch (FileInUseException e) {
            throw new CommandException("the data file " + e.file() + " is in use by "
                    + e.ownerPid().stream().mapToObj(pid -> "process " + pid).findFirst().orElse("another process")
                    + "; only one server at a time may own it. Stop that one first, or look into the file without"
                    + " changing it with ./cyberdb shell --file " + e.file() + " --read-only", e);
        } catch (StorageException e) {
            boolean busy = e.getCause() instanceof BindException bind && String.valueOf(bind.getMessage()).contains("in use");
            throw new CommandException(busy
                    ? "cannot listen on " + where + ": the port is in use; stop what uses it, or choose another --port"
                    : e.getCause() instanceof BindException bind
                            ? "cannot listen on " + where + ": " + bind.getMessage() + "; is --host an address of this machine?"
                            : "cannot start: " + Messages.plain(e.getMessage()), e);
        } catch (CyberDBException e) {
            throw new CommandException("cannot start: " + Messages.plain(e.getMessage()), e);
        }
    }
}
