package cyberdb.cdi.extension;

import cyberdb.api.Durability;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;

/**
 * The {@code cyberdb.*} configuration keys, read once at startup. Embedded mode is the default,
 * so an application runs with no configuration at all.
 *
 * @param mode           {@code cyberdb.mode}: embedded (default) or remote
 * @param host           {@code cyberdb.host}: the server, remote mode (default 127.0.0.1)
 * @param port           {@code cyberdb.port}: the server's port, remote mode (default 9980)
 * @param password       {@code cyberdb.password}: remote mode, or embedded with serving
 * @param encrypted      {@code cyberdb.encrypted}: remote mode, and serving (default true)
 * @param poolSize       {@code cyberdb.pool-size}: remote mode (default 16)
 * @param idleTimeout    {@code cyberdb.idle-timeout}: remote mode (default 900s)
 * @param connectTimeout {@code cyberdb.connect-timeout}: remote mode (default 10s)
 * @param dataFile       {@code cyberdb.data-file}: embedded mode, loaded at start and saved at stop
 * @param backupInterval {@code cyberdb.backup-interval}: embedded mode, periodic saves of the data file
 * @param durability     {@code cyberdb.durability}: embedded mode with a data file: off, none, everysec (default), always
 * @param servePort      {@code cyberdb.serve.port}: embedded mode, also serve TCP on this port
 * @param serveHost      {@code cyberdb.serve.host}: the address to serve on (default 127.0.0.1)
 * @param validateTables {@code cyberdb.validate-tables}: check at startup that injected tables exist
 */
record Settings(String mode, String host, int port, Optional<String> password, boolean encrypted, int poolSize,
                Duration idleTimeout, Duration connectTimeout, Optional<Path> dataFile, Optional<Duration> backupInterval,
                Durability durability, Optional<Integer> servePort, String serveHost, boolean validateTables) {

    static final String EMBEDDED = "embedded";
    static final String REMOTE = "remote";

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)(ms|s|m|h)?");

    static Settings from(Config config) {
        String mode = config.getOptionalValue("cyberdb.mode", String.class).orElse(EMBEDDED).toLowerCase(Locale.ROOT);
        if (!mode.equals(EMBEDDED) && !mode.equals(REMOTE)) {
            throw new IllegalArgumentException("cyberdb.mode must be 'embedded' or 'remote', got '" + mode + "'");
        }
        return new Settings(mode,
                config.getOptionalValue("cyberdb.host", String.class).orElse("127.0.0.1"),
                config.getOptionalValue("cyberdb.port", Integer.class).orElse(9980),
                config.getOptionalValue("cyberdb.password", String.class),
                config.getOptionalValue("cyberdb.encrypted", Boolean.class).orElse(true),
                config.getOptionalValue("cyberdb.pool-size", Integer.class).orElse(16),
                duration(config, "cyberdb.idle-timeout").orElse(Duration.ofSeconds(900)),
                duration(config, "cyberdb.connect-timeout").orElse(Duration.ofSeconds(10)),
                config.getOptionalValue("cyberdb.data-file", String.class).map(Path::of),
                duration(config, "cyberdb.backup-interval"),
                Durability.fromName(config.getOptionalValue("cyberdb.durability", String.class).orElse("everysec")),
                config.getOptionalValue("cyberdb.serve.port", Integer.class),
                config.getOptionalValue("cyberdb.serve.host", String.class).orElse("127.0.0.1"),
                config.getOptionalValue("cyberdb.validate-tables", Boolean.class).orElse(false));
    }

    String requiredPassword(String why) {
        return password.orElseThrow(() -> new IllegalArgumentException("cyberdb.password is required " + why
                + "; set it in the configuration or as the environment variable CYBERDB_PASSWORD."));
    }

    private static Optional<Duration> duration(Config config, String key) {
        return config.getOptionalValue(key, String.class).map(text -> {
            Matcher m = SHORT_DURATION.matcher(text.strip());
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
                return Duration.parse(text.strip());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(key + " must be a duration such as 300s, 5m or PT5M, got '" + text + "'", e);
            }
        });
    }
}
