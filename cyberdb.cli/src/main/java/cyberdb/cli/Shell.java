package cyberdb.cli;

import cyberdb.api.ConnectionException;
import cyberdb.api.CyberDict;
import cyberdb.api.CyberList;
import cyberdb.api.CyberProxy;
import cyberdb.api.DatabaseInfo;
import cyberdb.api.NoSuchTableException;
import cyberdb.api.ReadOnlyException;
import cyberdb.api.SlowRequest;
import cyberdb.api.TableExistsException;
import cyberdb.api.TableInfo;
import cyberdb.api.TableKind;
import cyberdb.api.WrongTableKindException;
import cyberdb.api.WrongValueKindException;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.SequencedMap;
import java.util.regex.Pattern;

/**
 * Executes shell commands against a proxy. Keys and values are read by {@link JsonToken}; every
 * command answers with one JSON value, and every failure is a {@link CommandException} worded
 * for the person at the shell.
 */
final class Shell {

    static final String HELP = """
            tables                      list tables and their kinds
            create dict|list NAME       create a table
            drop NAME                   delete a table; answers whether it existed
            len NAME                    number of entries or elements
            show NAME                   the whole table
            get NAME KEY|INDEX          one value (null if missing)
            set NAME KEY|INDEX VALUE    store a value; answers the previous one
            del NAME KEY|INDEX          remove; answers the removed value
            incr NAME KEY [DELTA]       add DELTA (default 1), a whole number, to an integer; missing counts as 0
            push NAME VALUE             append to a list; answers the new length
            pop NAME                    remove and answer a list's last element
            save                        save the database to its data file
            info [SECTION] [--json]     what the database says about itself: server, clients, memory,
                                        persistence, stats, tables (as Redis's INFO)
            slowlog [N]                 the last N (default 10) requests slower than the server's
                                        --slowlog-micros: when, how long, operation, table, client
            help                        this text
            quit                        leave the shell
            Keys and values are JSON: 42, 2.5, true, null, "text", [1, 2], {"a": 1}. A bare word such as
            centre or user_1 is a string: it starts with a letter or _ and has no spaces and none of
            " \\ [ ] { } , : (true, false and null are JSON). Anything else, such as 02134 or 12abc, is
            refused: quote it ("02134") to store it as text. A list INDEX counts from 0.
            NAME is a table's name as typed, or a JSON string for a name with spaces: "my table".
            Commands end at ; or at the end of a line; a [ or { left open continues on the next line.""";

    static final List<String> COMMANDS = List.of("tables", "create", "drop", "len", "show", "get", "set", "del",
            "incr", "push", "pop", "save", "info", "slowlog", "help", "quit", "exit");

    private static final JsonProvider JSON = JsonProvider.provider();
    private static final Pattern WHOLE_NUMBER = Pattern.compile("-?[0-9]{1,19}");
    private static final Pattern INDEX = Pattern.compile("[0-9]{1,10}");
    /** Characters that make a table name need quotes to be typed back: they split or start JSON. */
    private static final Pattern NEEDS_QUOTES = Pattern.compile("^\"|[\\s;\"\\[\\]{}\\\\\\p{Cntrl}]");

    private final CyberProxy proxy;
    private final String location;

    /**
     * Creates a shell.
     *
     * @param proxy    the tables
     * @param location where they are, as the prompt shows it: {@code 127.0.0.1:9980} or a file name
     */
    Shell(CyberProxy proxy, String location) {
        this.proxy = proxy;
        this.location = location;
    }

    String location() {
        return location;
    }

    /** Whether a command asks to leave the shell. */
    static boolean isQuit(String command) {
        String verb = command.strip().toLowerCase(Locale.ROOT);
        return verb.equals("quit") || verb.equals("exit");
    }

    /**
     * Runs one command.
     *
     * @param command the command line
     * @return the answer, as JSON text
     * @throws CommandException for a command that is not understood or that failed
     */
    String execute(String command) {
        List<String> t = Tokenizer.tokens(command);
        if (t.isEmpty()) {
            return "";
        }
        String verb = t.getFirst().toLowerCase(Locale.ROOT);
        if (verb.equals("help")) {
            return HELP;
        }
        connect();
        try {
            return run(verb, t);
        } catch (CommandException explained) {
            throw explained;
        } catch (RuntimeException e) {
            throw new CommandException(explain(verb, t, e), e);
        }
    }

    /** The tables, for completion; empty if they cannot be listed now. */
    List<TableInfo> tables() {
        try {
            connect();
            return proxy.tables();
        } catch (RuntimeException unavailable) {
            return List.of();
        }
    }

    /** Takes a connection again after a lost one; does nothing while connected. */
    private void connect() {
        try {
            proxy.connect();
        } catch (ConnectionException e) {
            throw new CommandException(Messages.cannotConnect(e, location), e);
        }
    }

    private String run(String verb, List<String> t) {
        return switch (verb) {
            case "tables" -> {
                args(t, 0, "tables");
                JsonArrayBuilder tables = JSON.createArrayBuilder();
                for (TableInfo table : proxy.tables()) {
                    tables.add(JSON.createObjectBuilder().add("name", table.name()).add("kind", kindName(table.kind())));
                }
                yield tables.build().toString();
            }
            case "create" -> {
                args(t, 2, "create dict|list NAME");
                switch (t.get(1).toLowerCase(Locale.ROOT)) {
                    case "dict" -> proxy.createDict(name(t.get(2)));
                    case "list" -> proxy.createList(name(t.get(2)));
                    default -> throw new CommandException("create takes dict or list, not '" + t.get(1) + "'");
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
                yield String.valueOf(kind(verb, name) == TableKind.DICT ? dict(name).size() : list(name).size());
            }
            case "show" -> {
                args(t, 1, "show NAME");
                String name = name(t.get(1));
                yield kind(verb, name) == TableKind.DICT ? show(dict(name).toMap()) : text(list(name).toList());
            }
            case "get" -> {
                args(t, 2, "get NAME KEY|INDEX");
                String name = name(t.get(1));
                yield kind(verb, name) == TableKind.DICT
                        ? text(dict(name).get(JsonToken.parse(t.get(2))))
                        : text(list(name).get(index(t.get(2))));
            }
            case "set" -> {
                args(t, 3, "set NAME KEY|INDEX VALUE");
                String name = name(t.get(1));
                if (kind(verb, name) == TableKind.DICT) {
                    JsonValue key = JsonToken.parse(t.get(2));
                    yield text(dict(name).put(key, JsonToken.parse(t.get(3))));
                }
                int index = index(t.get(2));
                yield text(list(name).set(index, JsonToken.parse(t.get(3))));
            }
            case "del" -> {
                args(t, 2, "del NAME KEY|INDEX");
                String name = name(t.get(1));
                yield kind(verb, name) == TableKind.DICT
                        ? text(dict(name).remove(JsonToken.parse(t.get(2))))
                        : text(list(name).remove(index(t.get(2))));
            }
            case "incr" -> {
                if (t.size() != 3 && t.size() != 4) {
                    throw new CommandException("Usage: incr NAME KEY [DELTA]");
                }
                String name = name(t.get(1));
                JsonValue key = JsonToken.parse(t.get(2));
                long delta = t.size() == 4 ? delta(t.get(3)) : 1;
                yield String.valueOf(dict(name).addAndGet(key, delta));
            }
            case "push" -> {
                args(t, 2, "push NAME VALUE");
                String name = name(t.get(1));
                JsonValue value = JsonToken.parse(t.get(2));
                CyberList<JsonValue> list = list(name);
                list.add(value);
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
            case "info" -> info(t);
            case "slowlog" -> slowlog(t);
            default -> throw new CommandException("unknown command '" + t.getFirst() + "'; type help for the list");
        };
    }

    private String info(List<String> t) {
        boolean json = false;
        String section = null;
        for (String token : t.subList(1, t.size())) {
            if (token.equals("--json")) {
                json = true;
            } else if (section == null && !token.startsWith("-")) {
                section = token.toLowerCase(Locale.ROOT);
            } else {
                throw new CommandException("Usage: info [SECTION] [--json]");
            }
        }
        DatabaseInfo info = proxy.info();
        SequencedMap<String, SequencedMap<String, Object>> shown = info.sections();
        if (section != null) {
            String name = section;
            shown = new LinkedHashMap<>();
            shown.put(name, info.section(name).orElseThrow(() -> new CommandException("no section '"
                    + Messages.abbreviate(name) + "'; the sections are " + String.join(", ", info.sections().keySet()))));
        }
        return json ? infoJson(shown) : infoText(shown);
    }

    /** As Redis prints it: a heading per section, then a field per line. */
    private static String infoText(SequencedMap<String, SequencedMap<String, Object>> sections) {
        StringBuilder text = new StringBuilder();
        sections.forEach((name, fields) -> {
            text.append(text.isEmpty() ? "" : "\n").append("# ").append(name).append('\n');
            fields.forEach((field, value) -> text.append(field).append(": ").append(plain(value)).append('\n'));
        });
        return text.toString().stripTrailing();
    }

    private static String plain(Object value) {
        if (value instanceof Map<?, ?> map) {
            StringBuilder text = new StringBuilder();
            map.forEach((k, v) -> text.append(text.isEmpty() ? "" : " ").append(k).append('=').append(v));
            return text.toString();
        }
        return String.valueOf(value);
    }

    private static String infoJson(SequencedMap<String, SequencedMap<String, Object>> sections) {
        JsonObjectBuilder object = JSON.createObjectBuilder();
        sections.forEach((name, fields) -> object.add(name, json(fields)));
        return object.build().toString();
    }

    private static JsonValue json(Object value) {
        return switch (value) {
            case Long n -> JSON.createValue(n);
            case Double d -> JSON.createValue(d);
            case Boolean b -> b ? JsonValue.TRUE : JsonValue.FALSE;
            case Map<?, ?> map -> {
                JsonObjectBuilder object = JSON.createObjectBuilder();
                map.forEach((k, v) -> object.add(String.valueOf(k), json(v)));
                yield object.build();
            }
            case null -> JsonValue.NULL;
            default -> JSON.createValue(value.toString());
        };
    }

    private String slowlog(List<String> t) {
        if (t.size() > 2) {
            throw new CommandException("Usage: slowlog [N]");
        }
        int max = t.size() == 2 ? count(t.get(1)) : 10;
        List<SlowRequest> slow = proxy.slowRequests(max);
        if (slow.isEmpty()) {
            return proxy.info().section("stats").map(stats -> "(no request was slower than "
                    + stats.get("slowlog_micros") + " µs, the server's --slowlog-micros)")
                    .orElse("(an embedded database serves no requests, so it keeps no slow log)");
        }
        StringBuilder text = new StringBuilder();
        for (SlowRequest request : slow) {
            text.append(text.isEmpty() ? "" : "\n").append(String.format(Locale.ROOT, "%s  %9.3f ms  %s%s  %s",
                    request.at(), request.took().toNanos() / 1e6, request.operation(),
                    request.table().isEmpty() ? "" : " " + typed(request.table()), request.client()));
        }
        return text.toString();
    }

    private static int count(String token) {
        if (!INDEX.matcher(token).matches() || Long.parseLong(token) > Integer.MAX_VALUE) {
            throw new CommandException("slowlog takes how many to list, a whole number from 0, got '"
                    + Messages.abbreviate(token) + "'");
        }
        return Integer.parseInt(token);
    }

    /** An API failure in the shell's words; the command's tokens were already checked. */
    private String explain(String verb, List<String> t, RuntimeException e) {
        String name = table(verb, t).orElse("");
        String shown = "'" + name + "'";
        return switch (e) {
            case NoSuchTableException x -> noSuchTable(verb, name);
            case WrongTableKindException x -> switch (verb) {
                case "incr" -> shown + " is a list; incr works on dicts";
                case "push", "pop" -> shown + " is a dict; " + verb + " works on lists";
                default -> shown + " changed kind while the command ran (another client replaced it); run it again";
            };
            case TableExistsException x -> "a table named " + shown + " already exists; drop it first (drop "
                    + typed(name) + ") or choose another name";
            case ConnectionException x -> Messages.lostConnection(x, location);
            case IndexOutOfBoundsException x -> outOfRange(name, t.get(2));
            case NoSuchElementException x -> shown + " is empty";
            case ArithmeticException x -> "incr would take the value beyond the whole numbers CyberDB stores ("
                    + Long.MIN_VALUE + " to " + Long.MAX_VALUE + "); nothing was changed";
            case WrongValueKindException x when verb.equals("incr") -> "incr adds to whole numbers only, and key "
                    + t.get(2) + " of " + shown + " holds " + current(name, t.get(2));
            case ReadOnlyException x -> location + " is open read-only (--read-only): nothing can be changed or saved;"
                    + " open it without --read-only to change it, once no other process owns it";
            case IllegalStateException x when verb.equals("save") -> "there is no data file to save to: the server at "
                    + location + " was started without --data";
            default -> Messages.plain(e.getMessage());
        };
    }

    /** The table a command names, if it names one. */
    private static Optional<String> table(String verb, List<String> t) {
        int at = verb.equals("create") ? 2 : 1;
        return verb.equals("tables") || verb.equals("save") || t.size() <= at ? Optional.empty() : Optional.of(name(t.get(at)));
    }

    private static String noSuchTable(String verb, String name) {
        String create = switch (verb) {
            case "push", "pop" -> "create list " + typed(name);
            case "incr" -> "create dict " + typed(name);
            default -> "create dict " + typed(name) + " (or create list " + typed(name) + ")";
        };
        return "no table named '" + name + "'; create it with: " + create;
    }

    /** What a dict holds under a key, for a message; the failure being explained comes first. */
    private String current(String name, String key) {
        try {
            return Messages.abbreviate(text(dict(name).get(JsonToken.parse(key))));
        } catch (RuntimeException unavailable) {
            return "something else";
        }
    }

    private String outOfRange(String name, String index) {
        int size;
        try {
            size = list(name).size();
        } catch (RuntimeException unavailable) {
            return "no index " + index + " in '" + name + "'";
        }
        return switch (size) {
            case 0 -> "'" + name + "' is empty; there is no index " + index;
            case 1 -> "no index " + index + " in '" + name + "': it has 1 element, at index 0";
            default -> "no index " + index + " in '" + name + "': it has " + size + " elements, at indexes 0 to " + (size - 1);
        };
    }

    /** A table name as it would be typed to mean that name. */
    static String typed(String name) {
        return NEEDS_QUOTES.matcher(name).find() ? JsonToken.quote(name) : name;
    }

    private static void args(List<String> tokens, int count, String usage) {
        if (tokens.size() != count + 1) {
            throw new CommandException("Usage: " + usage + (tokens.size() > count + 1
                    ? " (quote values that contain spaces: \"like this\")" : ""));
        }
    }

    private TableKind kind(String verb, String name) {
        return proxy.tables().stream().filter(t -> t.name().equals(name)).map(TableInfo::kind).findFirst()
                .orElseThrow(() -> new CommandException(noSuchTable(verb, name)));
    }

    private CyberDict<JsonValue, JsonValue> dict(String name) {
        return proxy.dict(name, JsonValue.class, JsonValue.class);
    }

    private CyberList<JsonValue> list(String name) {
        return proxy.list(name, JsonValue.class);
    }

    /** A table name: taken as typed, or read as a JSON string if it starts with a quote. */
    private static String name(String token) {
        return token.startsWith("\"") ? JsonToken.name(token) : token;
    }

    private static int index(String token) {
        if (!INDEX.matcher(token).matches() || Long.parseLong(token) > Integer.MAX_VALUE) {
            throw new CommandException("a list index is a whole number from 0, got '" + Messages.abbreviate(token) + "'");
        }
        return Integer.parseInt(token);
    }

    private static long delta(String token) {
        try {
            if (WHOLE_NUMBER.matcher(token).matches()) {
                return Long.parseLong(token);
            }
        } catch (NumberFormatException beyondLong) {
            // Refused below.
        }
        throw new CommandException("incr adds a whole number, such as 5 or -2, got '" + Messages.abbreviate(token) + "'");
    }

    private static String kindName(TableKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
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
