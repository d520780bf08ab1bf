package cyberdb.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Command-line options: {@code --name value}, repeatable ones, and flags, checked against what a
 * command accepts so a typo is an error rather than a silent default.
 */
final class Options {

    /** Thrown for a usage error; the message is shown with the command's usage. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)?");

    private final Map<String, List<String>> values = new HashMap<>();
    private final List<String> positional = new ArrayList<>();

    private Options() {
    }

    static Options parse(String[] args, Set<String> withValue, Set<String> flags) {
        Options options = new Options();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--password")) {
                throw new UsageException("Passwords are never given on the command line, where other users and the shell"
                        + " history can see them: use --password-file FILE or the CYBERDB_PASSWORD environment variable.");
            }
            if (withValue.contains(arg)) {
                if (i + 1 == args.length) {
                    throw new UsageException(arg + " needs a value");
                }
                options.values.computeIfAbsent(arg, k -> new ArrayList<>()).add(args[++i]);
            } else if (flags.contains(arg)) {
                options.values.computeIfAbsent(arg, k -> new ArrayList<>()).add("true");
            } else if (arg.startsWith("--")) {
                throw new UsageException("Unknown option " + arg);
            } else {
                options.positional.add(arg);
            }
        }
        return options;
    }

    Optional<String> value(String name) {
        List<String> given = values.get(name);
        if (given != null && given.size() > 1) {
            throw new UsageException(name + " was given " + given.size() + " times");
        }
        return given == null ? Optional.empty() : Optional.of(given.getFirst());
    }

    List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    boolean flag(String name) {
        return values.containsKey(name);
    }

    List<String> positional() {
        return positional;
    }

    int integer(String name, int defaultValue) {
        return value(name).map(v -> {
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new UsageException(name + " expects a whole number, got '" + v + "'");
            }
        }).orElse(defaultValue);
    }

    Optional<Duration> duration(String name) {
        return value(name).map(v -> parseDuration(name, v));
    }

    static Duration parseDuration(String name, String text) {
        Matcher m = DURATION.matcher(text);
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
            throw new UsageException(name + " expects a duration such as 300s, 5m, 1h or 250ms, got '" + text + "'");
        }
    }

    /** The password from --password-file or CYBERDB_PASSWORD, never from the command line. */
    String password(Map<String, String> environment) {
        Optional<String> file = value("--password-file");
        if (file.isPresent()) {
            try {
                String content = Files.readString(Path.of(file.get()), StandardCharsets.UTF_8);
                String firstLine = content.lines().findFirst().orElse("");
                if (firstLine.isEmpty()) {
                    throw new UsageException("The password file " + file.get() + " is empty");
                }
                return firstLine;
            } catch (IOException e) {
                throw new UsageException("Cannot read the password file " + file.get() + ": " + e.getMessage());
            }
        }
        String fromEnvironment = environment.get("CYBERDB_PASSWORD");
        if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
            return fromEnvironment;
        }
        throw new UsageException("A password is required: use --password-file FILE or set CYBERDB_PASSWORD.");
    }
}
