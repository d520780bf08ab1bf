package cyberdb.cli;

import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.NoSuchElementException;

/**
 * A key, value or quoted table name as typed at the shell: one complete JSON text, or a bare
 * word that stands for the string it spells. Anything else is refused, so the shell never
 * stores something other than what was typed ({@code 12abc} is not 12).
 *
 * <p>A bare word starts with a letter or {@code _} and contains no white space, no control
 * character and none of {@code " \ [ ] { } , :}; {@code true}, {@code false} and {@code null}
 * are JSON, not bare words. Numbers must also survive storage unchanged: whole numbers fit a
 * long, and others are exactly what a double holds.
 */
final class JsonToken {

    private static final JsonProvider JSON = JsonProvider.provider();
    private static final String JSON_PUNCTUATION = "\"\\[]{},:";

    private JsonToken() {
    }

    /**
     * Reads a key or value.
     *
     * @param token one token of a command
     * @return the value it stands for
     * @throws CommandException if it is neither one JSON text nor a bare word, or holds a number
     *                          that would not be stored as typed
     */
    static JsonValue parse(String token) {
        if (isBareWord(token)) {
            return JSON.createValue(token);
        }
        JsonValue value = json(token);
        checkNumbers(value, token);
        return value;
    }

    /**
     * Reads a table name given as a JSON string.
     *
     * @param token a token that starts with {@code "}
     * @return the name
     * @throws CommandException if the token is not exactly one JSON string
     */
    static String name(String token) {
        try {
            if (json(token) instanceof JsonString name) {
                return name.getString();
            }
        } catch (CommandException notJson) {
            // Explained below, in terms of names.
        }
        throw new CommandException("not a valid table name: " + Messages.abbreviate(token)
                + "; a quoted name is one JSON string, such as \"my table\"");
    }

    static boolean isBareWord(String token) {
        if (token.isEmpty() || token.equals("true") || token.equals("false") || token.equals("null")) {
            return false;
        }
        int first = token.codePointAt(0);
        if (!Character.isLetter(first) && first != '_') {
            return false;
        }
        return token.codePoints().noneMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c)
                || JSON_PUNCTUATION.indexOf(c) >= 0);
    }

    /** The JSON string that stands for {@code text}, which the shell reads back as {@code text}. */
    static String quote(String text) {
        return JSON.createValue(text).toString();
    }

    /** Parses one whole JSON text: the parser must reach the end, or trailing content would be dropped. */
    private static JsonValue json(String token) {
        try (JsonParser parser = JSON.createParser(new StringReader(token))) {
            if (parser.hasNext()) {
                parser.next();
                JsonValue value = parser.getValue();
                if (!parser.hasNext()) {
                    return value;
                }
            }
        } catch (JsonException | IllegalStateException | NoSuchElementException invalid) {
            // Refused below.
        }
        throw new CommandException("not valid JSON: " + Messages.abbreviate(token) + quoteHint(token));
    }

    private static String quoteHint(String token) {
        return Messages.abbreviate(token).equals(token) ? "; to store text, quote it: " + quote(token) : "";
    }

    private static void checkNumbers(JsonValue value, String token) {
        switch (value) {
            case JsonNumber number -> checkNumber(number.bigDecimalValue(), token);
            case JsonArray array -> array.forEach(element -> checkNumbers(element, token));
            case JsonObject object -> object.values().forEach(member -> checkNumbers(member, token));
            default -> { }
        }
    }

    /** Mirrors how the engine stores a JSON number: no exponent or fraction means a long, else a double. */
    private static void checkNumber(BigDecimal number, String token) {
        if (number.scale() <= 0) {
            try {
                number.longValueExact();
            } catch (ArithmeticException outOfRange) {
                throw new CommandException("cannot store the whole number " + Messages.abbreviate(number.toString())
                        + ": whole numbers run from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE + quoteHint(token));
            }
            return;
        }
        double stored = number.doubleValue();
        if (Double.isInfinite(stored)) {
            throw new CommandException("cannot store the number " + Messages.abbreviate(number.toString())
                    + ": it is beyond the largest double, " + Double.MAX_VALUE + quoteHint(token));
        }
        if (new BigDecimal(Double.toString(stored)).compareTo(number) != 0) {
            throw new CommandException("cannot store the number " + Messages.abbreviate(number.toString())
                    + " exactly: it would become " + stored + ", the nearest double" + quoteHint(token));
        }
    }
}
