package cyberdb.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * A server's configuration file ({@code --config cyberdb.properties}): Java properties whose keys
 * are the command's options without their dashes. Every key is checked: one the command does not
 * know is refused by name rather than ignored, and the password is refused wherever it is written,
 * as on the command line.
 */
final class ConfigFile {

    private ConfigFile() {
    }

    /**
     * Reads a configuration file into options.
     *
     * @param file      the file, UTF-8
     * @param withValue the command's options that take a value
     * @param flags     the command's flags, which the file sets with {@code true} or {@code false}
     * @return values by option name, {@code --port} style, as {@link Options#withDefaults} takes them
     * @throws Options.UsageException if the file cannot be read or holds a key or value the command refuses
     */
    static Map<String, List<String>> read(Path file, Set<String> withValue, Set<String> flags) {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (NoSuchFileException e) {
            throw new Options.UsageException("--config " + file + ": no such file");
        } catch (IOException | IllegalArgumentException e) {
            throw new Options.UsageException("--config " + file + ": cannot be read (" + e.getMessage() + ")");
        }
        Map<String, List<String>> options = new LinkedHashMap<>();
        for (String key : new TreeSet<>(properties.stringPropertyNames())) {
            String value = properties.getProperty(key).strip();
            String option = "--" + key;
            if (key.equals("password")) {
                throw new Options.UsageException(file + ": the password is never kept in a configuration file, which"
                        + " is easily shared and backed up: use password-file FILE (readable by the server's user only)"
                        + " or the CYBERDB_PASSWORD environment variable");
            } else if (key.equals("config")) {
                throw new Options.UsageException(file + ": a configuration file cannot name another (config=" + value + ")");
            } else if (flags.contains(option)) {
                switch (value.toLowerCase(Locale.ROOT)) {
                    case "true" -> options.put(option, List.of("true"));
                    case "false" -> { }
                    default -> throw new Options.UsageException(file + ": " + key + " takes true or false, got '"
                            + value + "'");
                }
            } else if (withValue.contains(option)) {
                List<String> values = option.equals("--allow")
                        ? Arrays.stream(value.split(",")).map(String::strip).filter(v -> !v.isEmpty()).toList()
                        : List.of(value);
                if (values.isEmpty() || values.getFirst().isEmpty()) {
                    throw new Options.UsageException(file + ": " + key + " has no value");
                }
                options.put(option, values);
            } else {
                TreeSet<String> known = new TreeSet<>();
                withValue.forEach(o -> known.add(o.substring(2)));
                flags.forEach(o -> known.add(o.substring(2)));
                known.remove("config");
                throw new Options.UsageException(file + ": unknown key '" + key + "'; the keys are the server's options"
                        + " without their dashes: " + String.join(", ", known));
            }
        }
        return options;
    }
}
