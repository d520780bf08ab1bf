package cyberdb.cli;

import cyberdb.api.CyberDBException;
import cyberdb.api.Durability;
import cyberdb.net.CyberServer;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * {@code ./cyberdb server}: runs a server in the foreground until SIGTERM or Ctrl-C, then stops
 * accepting, finishes in-flight requests and saves to the data file.
 */
final class ServerCommand {

    static final String USAGE = """
            Usage: ./cyberdb server [options]
              --host ADDRESS          address to listen on (default 127.0.0.1)
              --port PORT             port (default 9980; 0 picks a free one)
              --data FILE.cdb         data file: loaded at start, saved at exit and by --backup-every
              --backup-every TIME     save the data file periodically, e.g. 300s, 5m
              --journal on|off        journal every change beside the data file (default on)
              --fsync always|everysec|none  when the journal is forced to disk (default everysec)
              --truncate-journal-at-error   start even if the journal is damaged, dropping its tail
              --password-file FILE    read the password from FILE (or set CYBERDB_PASSWORD)
              --plaintext             no encryption (loopback only unless --plaintext-beyond-loopback)
              --plaintext-beyond-loopback  allow a plaintext server on another address
              --allow CIDR            admit clients from this range; repeatable (default loopback only)
              --max-connections N     most concurrent connections (default 10000)
              --idle-timeout TIME     close connections idle this long (default never)
              --max-frame-bytes N     largest request or response (default 16777216)
              --log                   log every request (operation and table, never values)
            """;

    private static final Set<String> WITH_VALUE = Set.of("--host", "--port", "--data", "--backup-every",
            "--password-file", "--allow", "--max-connections", "--idle-timeout", "--max-frame-bytes", "--journal", "--fsync");
    private static final Set<String> FLAGS = Set.of("--plaintext", "--plaintext-beyond-loopback", "--log",
            "--truncate-journal-at-error");

    private ServerCommand() {
    }

    private static Durability durability(Options options) {
        String journal = options.value("--journal").orElse("on");
        if (!journal.equals("on") && !journal.equals("off")) {
            throw new Options.UsageException("--journal takes on or off, got '" + journal + "'");
        }
        if (journal.equals("off")) {
            if (options.value("--fsync").isPresent()) {
                throw new Options.UsageException("--fsync has no effect with --journal off");
            }
            return Durability.SNAPSHOT_ONLY;
        }
        Durability durability = Durability.fromName(options.value("--fsync").orElse("everysec"));
        if (durability == Durability.SNAPSHOT_ONLY) {
            throw new Options.UsageException("--fsync takes always, everysec or none; use --journal off for snapshots only");
        }
        return durability;
    }

    static int run(String[] args, PrintStream err, Map<String, String> environment) {
        CyberServer server;
        Options options;
        try {
            options = Options.parse(args, WITH_VALUE, FLAGS);
            if (!options.positional().isEmpty()) {
                throw new Options.UsageException("Unexpected argument " + options.positional().getFirst());
            }
            CyberServer.Builder builder = CyberServer.builder()
                    .host(options.value("--host").orElse("127.0.0.1"))
                    .port(options.integer("--port", 9980))
                    .password(options.password(environment))
                    .encrypted(!options.flag("--plaintext"))
                    .plaintextBeyondLoopback(options.flag("--plaintext-beyond-loopback"))
                    .maxConnections(options.integer("--max-connections", 10_000))
                    .maxFrameBytes(options.integer("--max-frame-bytes", 16 << 20))
                    .requestLog(options.flag("--log"))
                    .durability(durability(options))
                    .truncateJournalAtError(options.flag("--truncate-journal-at-error"));
            if (!options.all("--allow").isEmpty()) {
                builder.allow(options.all("--allow"));
            }
            options.value("--data").map(Path::of).ifPresent(builder::dataFile);
            options.duration("--backup-every").ifPresent(builder::backupEvery);
            options.duration("--idle-timeout").ifPresent(builder::idleTimeout);
            server = builder.build();
        } catch (Options.UsageException | IllegalArgumentException | IllegalStateException e) {
            err.println("cyberdb server: " + e.getMessage());
            err.print(USAGE);
            return 2;
        } catch (CyberDBException e) {
            err.println("cyberdb server: " + e.getMessage());
            return 1;
        }
        try {
            server.start();
        } catch (CyberDBException e) {
            err.println("cyberdb server: " + e.getMessage());
            return 1;
        }
        // java.util.logging shuts itself down on SIGTERM, so the last word goes straight to stderr.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            err.println("CyberDB stopped" + options.value("--data").map(f -> "; saved " + f).orElse(""));
        }, "cyberdb-shutdown"));
        try {
            server.run();
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.close();
            return 1;
        }
    }
}
