package cyberdb.cli;

import cyberdb.api.CyberDict;
import cyberdb.api.CyberList;
import cyberdb.api.CyberProxy;
import cyberdb.api.NoSuchTableException;
import cyberdb.api.TableInfo;
import cyberdb.api.TableKind;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.util.List;
import java.util.Map;

/**
 * Executes shell commands against a proxy. Values are typed as JSON ({@code 42}, {@code "text"},
 * {@code [1, 2]}, {@code {"a": null}}); a bare word stands for a string. Every command answers
 * with one JSON value.
 */
final class Shell {

    static final String HELP = """
            tables                      list tables and their kinds
            create dict|list NAME       create a table
            drop NAME                   delete a table
            len NAME                    number of entries or elements
            show NAME                   the whole table
            get NAME KEY|INDEX          one value (null if missing)
            set NAME KEY|INDEX VALUE    store a value; answers the previous one
            del NAME KEY|INDEX          remove; answers the removed value
            incr NAME KEY [DELTA]       add to an integer (missing counts as 0)
            push NAME VALUE             append to a list; answers the new length
            pop NAME                    remove and answer a list's last element
            save                        save the database to its data file
            help                        this text
            quit                        leave the shell
            Values are JSON: 42, 2.5, true, null, "text", [1, 2], {"a": 1}. A bare word is a string.""";

    private static final JsonProvider JSON = JsonProvider.provider();

    private final CyberProxy proxy;

    Shell(CyberProxy proxy) {
        this.proxy = proxy;
    }

    /**
     * Runs one command.
     *
     * @param command the command line
     * @return the answer, as JSON text
     * @throws IllegalArgumentException for a command that is not understood
     * @throws RuntimeException         whatever the database raised
     */
    String execute(String command) {
        List<String> t = Tokenizer.tokens(command);
        if (t.isEmpty()) {
            return "";
        }
        String verb = t.getFirst().toLowerCase();
        return switch (verb) {
            case "tables" -> {
                args(t, 0, "tables");
                JsonArrayBuilder tables = JSON.createArrayBuilder();
                for (TableInfo table : proxy.tables()) {
                    tables.add(JSON.createObjectBuilder().add("name", table.name())
                            .add("kind", table.kind().name().toLowerCase()));
                }
                yield tables.build().toString();
            }
            case "create" -> {
                args(t, 2, "create dict|list NAME");
                switch (t.get(1).toLowerCase()) {
                    case "dict" -> proxy.createDict(name(t.get(2)));
                    case "list" -> proxy.createList(name(t.get(2)));
                    default -> throw new IllegalArgumentException("create takes dict or list, not '" + t.get(1) + "'");
                }
                yield quoted("OK");
            }
            case "drop" -> {
                args(t, 1, "drop NAME");
                yield String.valueOf(proxy.dropTable(name(t.get(1))));
            }
            case "len" -> {
                args(t, 1, "len NAME");
                String name = name(t.get(1));
                yield String.valueOf(kind(name) == TableKind.DICT ? dict(name).size() : list(name).size());
            }
            case "show" -> {
                args(t, 1, "show NAME");
                String name = name(t.get(1));
                yield kind(name) == TableKind.DICT ? show(dict(name).toMap()) : text(list(name).toList());
            }
            case "get" -> {
                args(t, 2, "get NAME KEY|INDEX");
                String name = name(t.get(1));
                yield kind(name) == TableKind.DICT ? text(dict(name).get(json(t.get(2)))) : text(list(name).get(index(t.get(2))));
            }
            case "set" -> {
                args(t, 3, "set NAME KEY|INDEX VALUE");
                String name = name(t.get(1));
                JsonValue value = json(t.get(3));
                yield kind(name) == TableKind.DICT
                        ? text(dict(name).put(json(t.get(2)), value))
                        : text(list(name).set(index(t.get(2)), value));
            }
            case "del" -> {
                args(t, 2, "del NAME KEY|INDEX");
                String name = name(t.get(1));
                yield kind(name) == TableKind.DICT ? text(dict(name).remove(json(t.get(2)))) : text(list(name).remove(index(t.get(2))));
            }
            case "incr" -> {
                if (t.size() != 3 && t.size() != 4) {
                    throw new IllegalArgumentException("Usage: incr NAME KEY [DELTA]");
                }
                long delta = t.size() == 4 ? Long.parseLong(t.get(3)) : 1;
                yield String.valueOf(dict(name(t.get(1))).addAndGet(json(t.get(2)), delta));
            }
            case "push" -> {
                args(t, 2, "push NAME VALUE");
                CyberList<JsonValue> list = list(name(t.get(1)));
                list.add(json(t.get(2)));
                yield String.valueOf(list.size());
            }
            case "pop" -> {
                args(t, 1, "pop NAME");
                yield text(list(name(t.get(1))).removeLast());
            }
            case "save" -> {
                args(t, 0, "save");
                proxy.save();
                yield quoted("OK");
            }
            case "help" -> HELP;
            default -> throw new IllegalArgumentException("Unknown command '" + t.getFirst() + "'; type help for the list.");
        };
    }

    private static void args(List<String> tokens, int count, String usage) {
        if (tokens.size() != count + 1) {
            throw new IllegalArgumentException("Usage: " + usage + (tokens.size() > count + 1
                    ? " (quote values that contain spaces: \"like this\")" : ""));
        }
    }

    private TableKind kind(String name) {
        return proxy.tables().stream().filter(t -> t.name().equals(name)).map(TableInfo::kind).findFirst()
                .orElseThrow(() -> new NoSuchTableException("No table named '" + name + "'; see tables"));
    }

    private CyberDict<JsonValue, JsonValue> dict(String name) {
        return proxy.dict(name, JsonValue.class, JsonValue.class);
    }

    private CyberList<JsonValue> list(String name) {
        return proxy.list(name, JsonValue.class);
    }

    private static String name(String token) {
        return token.startsWith("\"") ? ((JsonString) json(token)).getString() : token;
    }

    private static int index(String token) {
        try {
            return Integer.parseInt(token);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("A list index is a whole number, got '" + token + "'");
        }
    }

    /** Parses a token as JSON; anything that is not JSON is a string. */
    static JsonValue json(String token) {
        try {
            return JSON.createReader(new StringReader(token)).readValue();
        } catch (JsonException notJson) {
            if (token.startsWith("\"") || token.startsWith("[") || token.startsWith("{")) {
                throw new IllegalArgumentException("Not valid JSON: " + token);
            }
            return JSON.createValue(token);
        }
    }

    private static String text(Object value) {
        return switch (value) {
            case null -> "null";
            case JsonValue json -> json.toString();
            case List<?> list -> {
                JsonArrayBuilder array = JSON.createArrayBuilder();
                list.forEach(element -> array.add(element == null ? JsonValue.NULL : (JsonValue) element));
                yield array.build().toString();
            }
            default -> quoted(value.toString());
        };
    }

    /** A dict with string keys shows as a JSON object; with other keys, as a list of [key, value] pairs. */
    private static String show(Map<JsonValue, JsonValue> entries) {
        if (entries.keySet().stream().allMatch(k -> k instanceof JsonString)) {
            JsonObjectBuilder object = JSON.createObjectBuilder();
            entries.forEach((k, v) -> object.add(((JsonString) k).getString(), v == null ? JsonValue.NULL : v));
            return object.build().toString();
        }
        JsonArrayBuilder pairs = JSON.createArrayBuilder();
        entries.forEach((k, v) -> pairs.add(JSON.createArrayBuilder().add(k).add(v == null ? JsonValue.NULL : v)));
        return pairs.build().toString();
    }

    private static String quoted(String text) {
        return JSON.createValue(text).toString();
    }
}
