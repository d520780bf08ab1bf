package cyberdb.core.typed;

import cyberdb.api.ValueNotStorableException;
import cyberdb.api.WrongValueKindException;
import cyberdb.core.value.Blob;
import cyberdb.core.value.Values;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonParser;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Streams JSON text to stored values and back, the bridge between JSON-B and the engine. */
final class JsonValues {

    /** Looked up once: {@code Json.createParser} would search for a provider on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private JsonValues() {
    }

    static Object parse(String json) {
        try (JsonParser parser = JSON.createParser(new StringReader(json))) {
            return read(parser, parser.next(), 0);
        }
    }

    private static Object read(JsonParser parser, JsonParser.Event event, int depth) {
        return switch (event) {
            case VALUE_NULL -> null;
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_STRING -> parser.getString();
            case VALUE_NUMBER -> number(parser.getBigDecimal());
            case START_ARRAY -> {
                checkDepth(depth);
                List<Object> list = new ArrayList<>();
                for (JsonParser.Event e = parser.next(); e != JsonParser.Event.END_ARRAY; e = parser.next()) {
                    list.add(read(parser, e, depth + 1));
                }
                yield Values.frozenList(list.toArray());
            }
            case START_OBJECT -> {
                checkDepth(depth);
                LinkedHashMap<Object, Object> map = new LinkedHashMap<>();
                for (JsonParser.Event e = parser.next(); e != JsonParser.Event.END_OBJECT; e = parser.next()) {
                    String key = parser.getString();
                    map.put(key, read(parser, parser.next(), depth + 1));
                }
                yield Values.frozenMap(map);
            }
            default -> throw new IllegalStateException("Unexpected JSON event " + event);
        };
    }

    private static void checkDepth(int depth) {
        if (depth >= Values.MAX_DEPTH) {
            throw new ValueNotStorableException("Value is nested deeper than " + Values.MAX_DEPTH + " levels.");
        }
    }

    private static Object number(BigDecimal number) {
        if (number.scale() <= 0) {
            try {
                return number.longValueExact();
            } catch (ArithmeticException outOfRange) {
                throw new ValueNotStorableException("Number " + number + " is outside the long range that CyberDB stores;"
                        + " map it to a String instead.", outOfRange);
            }
        }
        return number.doubleValue();
    }

    static String write(Object stored) {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = JSON.createGenerator(out)) {
            write(generator, stored);
        }
        return out.toString();
    }

    private static void write(JsonGenerator g, Object stored) {
        switch (stored) {
            case null -> g.writeNull();
            case Boolean b -> g.write(b);
            case Long l -> g.write(l);
            case Double d -> {
                if (d.isNaN() || d.isInfinite()) {
                    throw new WrongValueKindException("Stored float " + d + " has no JSON form");
                }
                g.write(d);
            }
            case String s -> g.write(s);
            case Blob blob -> {
                g.writeStartArray();
                for (byte b : blob.toByteArray()) {
                    g.write(b);
                }
                g.writeEnd();
            }
            case List<?> list -> {
                g.writeStartArray();
                list.forEach(element -> write(g, element));
                g.writeEnd();
            }
            case Map<?, ?> map -> {
                g.writeStartObject();
                map.forEach((key, value) -> {
                    g.writeKey(keyString(key));
                    write(g, value);
                });
                g.writeEnd();
            }
            default -> throw new IllegalArgumentException("Not a stored value: " + stored.getClass().getName());
        }
    }

    private static String keyString(Object key) {
        if (key instanceof String || key instanceof Long || key instanceof Double || key instanceof Boolean) {
            return key.toString();
        }
        throw new WrongValueKindException("A map key of kind " + Values.kindOf(key) + " has no JSON form");
    }
}
