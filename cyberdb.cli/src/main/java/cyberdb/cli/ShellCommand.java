package cyberdb.cli;

import cyberdb.api.ConnectionException;
import cyberdb.api.CorruptFileException;
import cyberdb.api.CyberClient;
import cyberdb.api.CyberDB;
import cyberdb.api.CyberDBException;
import cyberdb.api.CyberProxy;
import cyberdb.api.DatabaseInfo;
import cyberdb.api.EmbeddedClient;
import cyberdb.api.FileInUseException;
import cyberdb.api.StorageException;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * {@code ./cyberdb shell}: an interactive client when standard input is a terminal; otherwise,
 * or with {@code -c}, a script runner that runs each command as it arrives, prints one JSON
 * answer per line and stops with status 1 at the first error.
 */
final class ShellCommand {

    static final String USAGE = """
            Usage: ./cyberdb shell [options] [-c 'COMMAND; COMMAND ...']
              --host ADDRESS          server address (default 127.0.0.1)
              --port PORT             server port (default 9980)
              --password-file FILE    read the password from FILE (or set CYBERDB_PASSWORD)
              --plaintext             the server does not encrypt
              --file FILE.cdb         open a database's data file directly instead of a server; changes are
                                      journaled and saved on exit. Only one process may own a file: while a
                                      server runs on it, use --read-only, or connect to the server
              --create                with --file: start a new database if FILE.cdb does not exist
              --read-only             with --file: look without changing anything, even while a server owns it
              --truncate-journal-at-error  with --file: open even if the journal is damaged, dropping its tail
              -c COMMANDS             run these commands, separated by ';', and exit
              --stat                  print a line a second: requests/s, connections, entries, heap (as
                                      redis-cli --stat), until interrupted
              --count N               with --stat: stop after N lines
              -h, --help              this text
            At a terminal the shell is interactive. Otherwise it runs the commands on standard input as
            they arrive, prints one JSON answer per line, and stops at the first error. Type help in the
            shell for its commands.
            """ + ExitStatus.HELP;

    private static final String NAME = "cyberdb shell: ";
    private static final Set<String> WITH_VALUE = Set.of("--host", "--port", "--password-file", "--file", "-c", "--count");
    private static final Set<String> FLAGS = Set.of("--plaintext", "--create", "--read-only", "--truncate-journal-at-error",
            "--stat");
    private static final List<String> FILE_OPTIONS = List.of("--create", "--read-only", "--truncate-journal-at-error");
    private static final List<String> SERVER_OPTIONS = List.of("--host", "--port", "--password-file", "--plaintext");

    private ShellCommand() {
    }

    static int run(String[] args, InputStream in, PrintStream out, PrintStream err, Map<String, String> environment) {
        try {
            Options options = Options.parse(args, WITH_VALUE, FLAGS);
            if (!options.positional().isEmpty()) {
                throw new Options.UsageException("unexpected argument '" + options.positional().getFirst()
                        + "'; to run commands, give them with -c 'COMMAND; COMMAND'");
            }
            String location = location(options);
            long count = options.integer("--count", 0);
            if (options.given("--count") && (!options.given("--stat") || count < 1)) {
                throw new Options.UsageException(options.given("--stat") ? "--count takes a whole number from 1, got " + count
                        : "--count goes with --stat");
            }
            if (options.given("--stat") && options.given("-c")) {
                throw new Options.UsageException("--stat and -c exclude each other: --stat runs no commands");
            }
            try (CyberClient client = open(options, environment); CyberProxy proxy = connect(client, location)) {
                if (options.given("--stat")) {
                    return stat(proxy, out, count);
                }
                Shell shell = new Shell(proxy, location);
                if (options.value("-c").isPresent()) {
                    return script(shell, new CommandReader(new StringReader(options.value("-c").get())), out, err);
                }
                if (in == System.in && atTerminal()) {
                    return interactive(shell);
                }
                return script(shell, new CommandReader(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))),
                        out, err);
            }
        } catch (Options.UsageException e) {
            err.println(NAME + e.getMessage());
            err.print(USAGE);
            return ExitStatus.USAGE;
        } catch (CommandException e) {
            err.println(NAME + e.getMessage());
            return e.status();
        } catch (CyberDBException e) {
            // Closing the database saves a --file; that is all that is left to fail here.
            err.println(NAME + Messages.plain(e.getMessage()));
            return ExitStatus.FAILED;
        }
    }

    /**
     * Tells whether standard input and output are a terminal. On JDK 21 a console exists only
     * then; from JDK 22 one exists with redirected streams too, and {@code Console.isTerminal()}
     * (looked up, since this code is built for 21) tells.
     */
    private static boolean atTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException jdk21) {
            return true;
        } catch (ReflectiveOperationException unexpected) {
            return false;
        }
    }

    /** Where the shell works, as its prompt shows it: {@code 127.0.0.1:9980}, or the file's name. */
    private static String location(Options options) {
        return options.value("--file").map(file -> String.valueOf(Path.of(file).getFileName()))
                .orElseGet(() -> options.value("--host").orElse("127.0.0.1") + ":" + options.value("--port").orElse("9980"));
    }

    private static CyberClient open(Options options, Map<String, String> environment) {
        Optional<String> file = options.value("--file");
        if (file.isPresent()) {
            for (String option : SERVER_OPTIONS) {
                if (options.given(option)) {
                    throw new Options.UsageException(option + " is for a server, and --file opens a data file directly;"
                            + " give one or the other");
                }
            }
            if (options.given("--create") && options.given("--read-only")) {
                throw new Options.UsageException("--create and --read-only exclude each other: a read-only look creates nothing");
            }
            return embedded(Path.of(file.get()), options);
        }
        for (String option : FILE_OPTIONS) {
            if (options.given(option)) {
                throw new Options.UsageException(option + " goes with --file FILE.cdb; a server's own options decide this for it");
            }
        }
        int port = options.integer("--port", 9980);
        if (port < 1 || port > 65535) {
            throw new Options.UsageException("--port takes 1 to 65535, got " + port);
        }
        return CyberDB.client()
                .host(options.value("--host").orElse("127.0.0.1"))
                .port(port)
                .password(options.password(environment))
                .encrypted(!options.given("--plaintext"))
                .connections(1)
                .build();
    }

    private static CyberClient embedded(Path file, Options options) {
        Path name = file.getFileName();
        if (name == null || !name.toString().endsWith(".cdb") || name.toString().equals(".cdb")) {
            throw new Options.UsageException("--file takes a file name ending in .cdb, such as data.cdb; got '" + file + "'");
        }
        Path folder = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(folder)) {
            throw new CommandException("--file " + file + ": the folder " + folder + " does not exist; create it first");
        }
        boolean creating = options.given("--create") && !Files.exists(file) && !Files.exists(journalOf(file));
        try {
            EmbeddedClient db = CyberDB.embeddedBuilder(file)
                    .createIfMissing(options.given("--create"))
                    .readOnly(options.given("--read-only"))
                    .truncateJournalAtError(options.given("--truncate-journal-at-error"))
                    .build();
            if (creating) {
                // Created now, not at the first change: the next --file finds it even if nothing is stored.
                db.save();
            }
            return db;
        } catch (CorruptFileException e) {
            throw new CommandException(Messages.damagedFile(e, true), ExitStatus.DAMAGED_FILE, e);
        } catch (FileInUseException e) {
            throw new CommandException(file + " is in use by " + e.ownerPid().stream().mapToObj(pid -> "process " + pid)
                    .findFirst().orElse("another process") + " (a running server?), which owns it: connect to that server"
                    + " instead, or look without changing anything with --file " + file + " --read-only", e);
        } catch (StorageException e) {
            if (!Files.exists(file) && !options.given("--create")) {
                throw new CommandException("there is no database in " + file + " (no such file): check the name"
                        + (options.given("--read-only") ? "" : ", or add --create to start a new one"), e);
            }
            throw new CommandException("cannot " + (creating ? "create " : "open ") + file + ": "
                    + Messages.plain(e.getMessage()), e);
        } catch (CyberDBException e) {
            throw new CommandException("cannot open " + file + ": " + Messages.plain(e.getMessage()), e);
        }
    }

    private static Path journalOf(Path file) {
        String name = file.getFileName().toString();
        return file.resolveSibling(name.substring(0, name.length() - ".cdb".length()) + ".journal");
    }

    private static CyberProxy connect(CyberClient client, String location) {
        try {
            return client.proxy().connect();
        } catch (ConnectionException e) {
            throw new CommandException(Messages.cannotConnect(e, location), e);
        }
    }

    /**
     * Prints a line a second, as {@code redis-cli --stat} does: the time, requests a second (the
     * server's count, this shell's own one a second included), connections, entries and heap.
     */
    private static int stat(CyberProxy proxy, PrintStream out, long count) {
        String columns = "%-8s %12s %12s %12s %10s%n";
        out.printf(Locale.ROOT, columns, "time", "requests/s", "connections", "entries", "heap");
        long previousRequests = -1;
        long previousNanos = 0;
        for (long line = 0; count == 0 || line < count; line++) {
            if (line > 0) {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return ExitStatus.OK;
                }
            }
            DatabaseInfo info = proxy.info();
            long now = System.nanoTime();
            Optional<Long> requests = figure(info, "stats", "requests_total");
            String rate = "-";
            if (requests.isPresent() && previousRequests >= 0) {
                rate = String.format(Locale.ROOT, "%.0f", (requests.get() - previousRequests) / ((now - previousNanos) / 1e9));
            }
            previousRequests = requests.orElse(-1L);
            previousNanos = now;
            out.printf(Locale.ROOT, columns, LocalTime.now(ZoneId.systemDefault()).truncatedTo(ChronoUnit.SECONDS), rate,
                    figure(info, "clients", "connected").map(String::valueOf).orElse("-"),
                    figure(info, "memory", "entries").map(String::valueOf).orElse("-"),
                    figure(info, "memory", "heap_used_bytes").map(bytes -> String.format(Locale.ROOT, "%.1f MiB",
                            bytes / (1024.0 * 1024.0))).orElse("-"));
            out.flush();
            if (out.checkError()) {
                return ExitStatus.FAILED;
            }
        }
        return ExitStatus.OK;
    }

    private static Optional<Long> figure(DatabaseInfo info, String section, String field) {
        return info.section(section).map(fields -> fields.get(field)).filter(Long.class::isInstance).map(Long.class::cast);
    }

    private static int script(Shell shell, CommandReader commands, PrintStream out, PrintStream err) {
        while (true) {
            Optional<String> command;
            try {
                command = commands.next();
            } catch (CommandException e) {
                err.println("error: " + e.getMessage());
                return ExitStatus.FAILED;
            } catch (IOException e) {
                err.println(NAME + "cannot read the commands: " + Messages.reason(e));
                return ExitStatus.FAILED;
            }
            if (command.isEmpty() || Shell.isQuit(command.get())) {
                return ExitStatus.OK;
            }
            try {
                out.println(shell.execute(command.get()));
            } catch (CommandException e) {
                err.println("error: " + Messages.abbreviate(command.get()) + ": " + e.getMessage());
                return ExitStatus.FAILED;
            }
            // Each answer leaves before the next command is read, so a program can converse through pipes.
            out.flush();
            if (out.checkError()) {
                // Whoever read the answers has gone.
                return ExitStatus.FAILED;
            }
        }
    }

    private static int interactive(Shell shell) {
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            return new InteractiveShell(shell).run(terminal, privateHistory(Path.of(System.getProperty("user.home"),
                    ".cyberdb_history")));
        } catch (IOException e) {
            throw new CommandException("cannot open the terminal: " + Messages.reason(e), e);
        }
    }

    /**
     * The history holds every command typed, values included: readable by its owner only, like the
     * data files. Without a history where that cannot be made so.
     */
    static Optional<Path> privateHistory(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            }
            return Optional.of(file);
        } catch (IOException | UnsupportedOperationException cannot) {
            return Optional.empty();
        }
    }
}
