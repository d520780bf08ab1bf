package cyberdb.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
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

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmg])?(?:i?b)?");
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
                throw new UsageException("passwords are never given on the command line, where other users and the shell"
                        + " history can see them: use --password-file FILE or the CYBERDB_PASSWORD environment variable");
            }
            if (withValue.contains(arg)) {
                if (i + 1 == args.length) {
                    throw new UsageException(arg + " needs a value");
                }
                options.values.computeIfAbsent(arg, k -> new ArrayList<>()).add(args[++i]);
            } else if (flags.contains(arg)) {
                options.values.computeIfAbsent(arg, k -> new ArrayList<>()).add("true");
            } else if (arg.startsWith("-") && arg.length() > 1) {
                throw new UsageException("unknown option " + arg);
            } else {
                options.positional.add(arg);
            }
        }
        return options;
    }

    /**
     * Adds options read elsewhere (a configuration file) for every option the command line does
     * not give: the command line wins.
     *
     * @param defaults values by option name, {@code --port} style; a flag's value is {@code true}
     * @return these options
     */
    Options withDefaults(Map<String, List<String>> defaults) {
        defaults.forEach((name, given) -> values.putIfAbsent(name, List.copyOf(given)));
        return this;
    }

    Optional<String> value(String name) {
        List<String> given = values.get(name);
        if (given != null && given.size() > 1) {
            throw new UsageException(name + " was given " + given.size() + " times; give it once");
        }
        return given == null ? Optional.empty() : Optional.of(given.getFirst());
    }

    List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    /** Whether an option, with a value or not, is on the command line. */
    boolean given(String name) {
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
                throw new UsageException(name + " takes a whole number, got '" + v + "'");
            }
        }).orElse(defaultValue);
    }

    Optional<Duration> duration(String name) {
        return value(name).map(v -> parseDuration(name, v));
    }

    Optional<Long> size(String name) {
        return value(name).map(v -> parseSize(name, v));
    }

    /** A size as people write it: {@code 512mb}, {@code 2g}, {@code 65536}; units are powers of 1024, as Redis reads them. */
    static long parseSize(String name, String text) {
        Matcher m = SIZE.matcher(text.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            try {
                long n = Long.parseLong(m.group(1));
                int shift = switch (m.group(2) == null ? "" : m.group(2)) {
                    case "k" -> 10;
                    case "m" -> 20;
                    case "g" -> 30;
                    default -> 0;
                };
                if (n <= Long.MAX_VALUE >> shift) {
                    return n << shift;
                }
            } catch (NumberFormatException tooLong) {
                // Told below, like any other size that does not parse.
            }
        }
        throw new UsageException(name + " takes a size such as 512mb, 2gb or 65536 (bytes), got '" + text + "'");
    }

    static Duration parseDuration(String name, String text) {
        Matcher m = DURATION.matcher(text);
        try {
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                return switch (m.group(2) == null ? "s" : m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofSeconds(n);
                };
            }
            return Duration.parse(text);
        } catch (DateTimeParseException | NumberFormatException | ArithmeticException e) {
            throw new UsageException(name + " takes a duration such as 300s, 5m, 1h or 250ms, got '" + text + "'");
        }
    }

    /**
     * The password from --password-file or CYBERDB_PASSWORD, never from the command line.
     *
     * @throws UsageException   if neither gives one
     * @throws CommandException if the file cannot be read or its first line is empty
     */
    String password(Map<String, String> environment) {
        Optional<String> file = value("--password-file");
        if (file.isPresent()) {
            String content;
            try {
                content = Files.readString(Path.of(file.get()), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new CommandException("cannot read the password file " + file.get() + ": " + Messages.reason(e), e);
            }
            String firstLine = content.lines().findFirst().orElse("");
            if (firstLine.isEmpty()) {
                throw new CommandException("the password file " + file.get() + " is empty; put the password on its first line");
            }
            return firstLine;
        }
        String fromEnvironment = environment.get("CYBERDB_PASSWORD");
        if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
            return fromEnvironment;
        }
        throw new UsageException("a password is required: use --password-file FILE or set CYBERDB_PASSWORD");
    }

    /** Where {@link #password} found the password, for messages about it. */
    String passwordSource() {
        return value("--password-file").map(file -> "the password in " + file).orElse("CYBERDB_PASSWORD");
    }
}
