package cyberdb.cdi.extension;

import cyberdb.api.Durability;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;

/**
 * The {@code cyberdb.*} configuration keys, read once at deployment. Embedded mode is the default,
 * so an application runs with no configuration at all. Values are parsed strictly, and an
 * unknown {@code cyberdb.*} key is refused, so a typo stops the boot instead of being ignored.
 *
 * @param mode           {@code cyberdb.mode}: embedded (default) or remote
 * @param host           {@code cyberdb.host}: the server, remote mode (default 127.0.0.1)
 * @param port           {@code cyberdb.port}: the server's port, remote mode (default 9980)
 * @param password       {@code cyberdb.password}: remote mode, or embedded with serving
 * @param encrypted      {@code cyberdb.encrypted}: remote mode, and serving (default true)
 * @param connections    {@code cyberdb.connections}: remote mode, connections to the server (default 2)
 * @param idleTimeout    {@code cyberdb.idle-timeout}: remote mode (default 900s)
 * @param connectTimeout {@code cyberdb.connect-timeout}: remote mode (default 10s)
 * @param dataFile       {@code cyberdb.data-file}: embedded mode, loaded at start and saved at stop
 * @param backupInterval {@code cyberdb.backup-interval}: embedded mode, periodic saves of the data file
 * @param durability     {@code cyberdb.durability}: embedded mode with a data file: off, none, everysec (default), always
 * @param servePort      {@code cyberdb.serve.port}: embedded mode, also serve TCP on this port
 * @param serveHost      {@code cyberdb.serve.host}: the address to serve on (default 127.0.0.1)
 * @param validateTables {@code cyberdb.validate-tables}: check at startup that injected tables exist
 * @param maxMemory      {@code cyberdb.max-memory}: embedded mode, the most heap the data may take (default half the heap)
 */
record Settings(String mode, String host, int port, Optional<String> password, boolean encrypted, int connections,
                Duration idleTimeout, Duration connectTimeout, Optional<Path> dataFile, Optional<Duration> backupInterval,
                Durability durability, Optional<Integer> servePort, String serveHost, boolean validateTables,
                Optional<Long> maxMemory) {

    static final String EMBEDDED = "embedded";
    static final String REMOTE = "remote";

    static final List<String> KEYS = List.of("cyberdb.mode", "cyberdb.host", "cyberdb.port", "cyberdb.password",
            "cyberdb.encrypted", "cyberdb.connections", "cyberdb.idle-timeout", "cyberdb.connect-timeout",
            "cyberdb.data-file", "cyberdb.backup-interval", "cyberdb.durability", "cyberdb.serve.port",
            "cyberdb.serve.host", "cyberdb.validate-tables", "cyberdb.max-memory");

    private static final Pattern SIZE = Pattern.compile("(\\d{1,15})\\s*([kmg])?(?:i?b)?");
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,12})(ms|s|m|h)?");

    /** Checks what no single key shows, before anything is opened with these settings. */
    Settings {
        if (mode.equals(EMBEDDED) && backupInterval.isPresent() && dataFile.isEmpty()) {
            throw new IllegalArgumentException("cyberdb.backup-interval needs cyberdb.data-file to save to");
        }
        if (mode.equals(REMOTE) && maxMemory.isPresent()) {
            throw new IllegalArgumentException("cyberdb.max-memory limits an embedded database; in remote mode the server"
                    + " sets its own (./cyberdb server --max-memory)");
        }
        if (backupInterval.filter(interval -> interval.compareTo(Duration.ofSeconds(1)) < 0).isPresent()) {
            throw new IllegalArgumentException("cyberdb.backup-interval must be at least 1s, got " + backupInterval.get());
        }
    }

    /**
     * Reads and checks every key.
     *
     * @throws IllegalArgumentException naming the key, the value found and what is accepted
     */
    static Settings from(Config config) {
        for (String name : config.getPropertyNames()) {
            if (name.startsWith("cyberdb.") && !KEYS.contains(name)) {
                throw new IllegalArgumentException("Unknown configuration key " + name + "; CyberDB reads "
                        + String.join(", ", KEYS));
            }
        }
        String mode = text(config, "cyberdb.mode").orElse(EMBEDDED).toLowerCase(Locale.ROOT);
        if (!mode.equals(EMBEDDED) && !mode.equals(REMOTE)) {
            throw new IllegalArgumentException("cyberdb.mode must be 'embedded' or 'remote', got '" + mode + "'");
        }
        return new Settings(mode,
                text(config, "cyberdb.host").orElse("127.0.0.1"),
                number(config, "cyberdb.port", 1, 65_535).orElse(9980),
                text(config, "cyberdb.password"),
                flag(config, "cyberdb.encrypted").orElse(true),
                number(config, "cyberdb.connections", 1, 64).orElse(2),
                duration(config, "cyberdb.idle-timeout").orElse(Duration.ofSeconds(900)),
                duration(config, "cyberdb.connect-timeout").orElse(Duration.ofSeconds(10)),
                text(config, "cyberdb.data-file").map(Path::of),
                duration(config, "cyberdb.backup-interval"),
                parsed(config, "cyberdb.durability", Durability::fromName).orElse(Durability.JOURNAL_FSYNC_EVERY_SECOND),
                number(config, "cyberdb.serve.port", 0, 65_535),
                text(config, "cyberdb.serve.host").orElse("127.0.0.1"),
                flag(config, "cyberdb.validate-tables").orElse(false),
                size(config, "cyberdb.max-memory"));
    }

    /** Where the data lives, in a sentence for the log. */
    String describe() {
        if (mode.equals(REMOTE)) {
            return "CyberDB remote: the server at " + host + ":" + port + (encrypted ? ", encrypted" : ", plaintext")
                    + ", " + connections + (connections == 1 ? " connection" : " connections");
        }
        String served = servePort.isPresent() ? ", also served over TCP" : "";
        if (dataFile.isEmpty()) {
            return "CyberDB embedded, in memory only: nothing is saved (set cyberdb.data-file to keep the data)" + served;
        }
        String journal = switch (durability) {
            case SNAPSHOT_ONLY -> "snapshots only";
            case JOURNAL_NO_FSYNC -> "journal, no fsync";
            case JOURNAL_FSYNC_EVERY_SECOND -> "journal, fsync every second";
            case JOURNAL_FSYNC_ALWAYS -> "journal, fsync always";
        };
        String saves = backupInterval.map(interval -> ", saved every " + interval.toSeconds() + " s").orElse("");
        return "CyberDB embedded, data in " + dataFile.get().toAbsolutePath() + " (" + journal + saves + ")" + served;
    }

    String requiredPassword(String why) {
        return password.orElseThrow(() -> new IllegalArgumentException("cyberdb.password is required " + why
                + "; set it in the configuration or as the environment variable CYBERDB_PASSWORD."));
    }

    private static Optional<String> text(Config config, String key) {
        return config.getOptionalValue(key, String.class).map(String::strip);
    }

    private static Optional<Integer> number(Config config, String key, int min, int max) {
        return text(config, key).map(text -> {
            try {
                int n = Integer.parseInt(text);
                if (n >= min && n <= max) {
                    return n;
                }
            } catch (NumberFormatException notANumber) {
                // Reported below with the accepted range.
            }
            throw new IllegalArgumentException(key + " must be a whole number from " + min + " to " + max
                    + ", got '" + text + "'");
        });
    }

    /** Only true or false: MicroProfile's own conversion reads any other word, such as a typo, as false. */
    private static Optional<Boolean> flag(Config config, String key) {
        return text(config, key).map(text -> switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(key + " must be true or false, got '" + text + "'");
        });
    }

    private static <T> Optional<T> parsed(Config config, String key, Function<String, T> parser) {
        return text(config, key).map(text -> {
            try {
                return parser.apply(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
            }
        });
    }

    /** A size as in Redis's configuration: 512mb, 2gb, or bytes; at least 1mb. */
    private static Optional<Long> size(Config config, String key) {
        return text(config, key).map(text -> {
            Matcher m = SIZE.matcher(text.toLowerCase(Locale.ROOT));
            if (m.matches()) {
                int shift = m.group(2) == null ? 0 : switch (m.group(2)) {
                    case "k" -> 10;
                    case "m" -> 20;
                    default -> 30;
                };
                long number = Long.parseLong(m.group(1));
                if (number <= Long.MAX_VALUE >> shift && number << shift >= 1 << 20) {
                    return number << shift;
                }
            }
            throw new IllegalArgumentException(key + " must be a size of at least 1mb, such as 512mb or 2gb, got '" + text + "'");
        });
    }

    private static Optional<Duration> duration(Config config, String key) {
        return text(config, key).map(text -> {
            Matcher m = SHORT_DURATION.matcher(text);
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                return switch (m.group(2) == null ? "s" : m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofSeconds(n);
                };
            }
            try {
                return Duration.parse(text);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(key + " must be a duration such as 300s, 5m or PT5M, got '" + text + "'", e);
            }
        });
    }
}
