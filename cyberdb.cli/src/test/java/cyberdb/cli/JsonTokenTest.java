package cyberdb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.math.BigDecimal;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The shell stores exactly what was typed, or refuses it. */
class JsonTokenTest {

    private static final JsonProvider JSON = JsonProvider.provider();

    private static JsonValue parse(String token) {
        return JsonToken.parse(token);
    }

    @Test
    void whatIsNeitherOneJsonTextNorABareWordIsRefusedWithAHintToQuoteIt() {
        for (String typed : List.of("02134", "12abc", "1,2", "3.14.15", "{\"a\":1}x", "[1]]", "\"a\"b", "-", "1.",
                ".5", "+1", "'single'", "a\"b", "a,b", "x:1", "[1,2", "{\"a\": }")) {
            CommandException refused = assertThrows(CommandException.class, () -> parse(typed), typed);
            assertEquals("not valid JSON: " + typed + "; to store text, quote it: " + JsonToken.quote(typed),
                    refused.getMessage());
        }
    }

    @Test
    void theIssuesExamplesNameTheQuotedForm() {
        CommandException refused = assertThrows(CommandException.class, () -> parse("02134"));
        assertEquals("not valid JSON: 02134; to store text, quote it: \"02134\"", refused.getMessage());
    }

    @Test
    void bareWordsAreTheStringsTheySpell() {
        for (String word : List.of("centre", "_x", "Grüße", "a.b", "user@example.com", "it's", "True", "k=v", "NaN",
                "truex", "x-1", "世界")) {
            assertEquals(JSON.createValue(word), parse(word), word);
        }
    }

    @Test
    void jsonIsJson() {
        assertEquals(JsonValue.TRUE, parse("true"));
        assertEquals(JsonValue.NULL, parse("null"));
        assertEquals(JSON.createValue(42L), parse("42"));
        assertEquals(JSON.createValue(new BigDecimal("-2.5")), parse("-2.5"));
        assertEquals(JSON.createValue("02134"), parse("\"02134\""));
        assertEquals("[1,{\"a\":null}]", parse("[1, {\"a\": null}]").toString());
    }

    @Test
    void numbersThatWouldNotBeStoredAsTypedAreRefused() {
        for (String typed : List.of("99999999999999999999", "1e400", "3.141592653589793238", "1e-400", "2e308",
                "[1, 9223372036854775808]")) {
            CommandException refused = assertThrows(CommandException.class, () -> parse(typed), typed);
            assertTrue(refused.getMessage().startsWith("cannot store the"), refused.getMessage());
        }
        assertEquals(JSON.createValue(Long.MAX_VALUE), parse("9223372036854775807"));
        assertEquals(JSON.createValue(new BigDecimal("0.1")), parse("0.1"));
    }

    @Test
    void aQuotedTableNameIsOneJsonStringAndNothingMore() {
        assertEquals("my table", JsonToken.name("\"my table\""));
        for (String typed : List.of("\"centre\"x", "\"a\"\"b\"", "\"unterminated", "[\"a\"]")) {
            CommandException refused = assertThrows(CommandException.class, () -> JsonToken.name(typed), typed);
            assertTrue(refused.getMessage().startsWith("not a valid table name: " + typed), refused.getMessage());
        }
    }

    /** Tokens made of the characters that matter to JSON, so many are near misses. */
    @Provide
    Arbitrary<String> tokens() {
        return Arbitraries.strings().withChars("0123456789.-+eE\"[]{},: \\_atrufnlx\u00e9\u0001").ofMinLength(1).ofMaxLength(14);
    }

    @Property(tries = 5000)
    void anyTokenIsStoredExactlyOrRefused(@ForAll("tokens") String typed) {
        JsonValue value;
        try {
            value = parse(typed);
        } catch (CommandException refused) {
            assertTrue(refused.getMessage().startsWith("not valid JSON: ") || refused.getMessage().startsWith("cannot store"),
                    refused.getMessage());
            return;
        }
        if (JsonToken.isBareWord(typed)) {
            assertEquals(typed, ((JsonString) value).getString(), "a bare word is the string it spells");
        } else {
            assertEquals(value, parse(value.toString()), "what the shell prints reads back as the same value");
        }
    }

    /** What may follow a complete JSON text without ever making a longer valid one. */
    @Provide
    Arbitrary<String> trailers() {
        Arbitrary<Character> first = Arbitraries.chars().with("abcdfxyzABCDFXYZ_,:\"{}[]\\");
        return Arbitraries.strings().withChars("0123456789.-+eE\"[]{},:\\_ax").ofMaxLength(6)
                .flatMap(rest -> first.map(c -> c + rest));
    }

    @Property(tries = 3000)
    void aJsonTextWithAnythingAfterItIsNeverStoredAsTheTextAlone(@ForAll("jsonValues") JsonValue value,
                                                                @ForAll("trailers") String after) {
        String typed = value.toString() + after;
        try {
            JsonValue stored = parse(typed);
            assertEquals(JSON.createValue(typed), stored, "only a bare word may be accepted, and then all of it");
        } catch (CommandException refused) {
            assertTrue(refused.getMessage().startsWith("not valid JSON: "), refused.getMessage());
        }
    }

    @Property(tries = 2000)
    void whatTheShellPrintsCanBeTypedBack(@ForAll("jsonValues") JsonValue value) {
        try {
            assertEquals(value, parse(value.toString()));
        } catch (CommandException refused) {
            // Only numbers the engine would not store as typed, such as 1E+20 (a whole number beyond a long).
            assertTrue(refused.getMessage().startsWith("cannot store"), refused.getMessage());
        }
    }

    @Provide
    Arbitrary<JsonValue> jsonValues() {
        return value(3);
    }

    private static Arbitrary<JsonValue> value(int depth) {
        Arbitrary<JsonValue> leaf = Arbitraries.oneOf(
                Arbitraries.longs().map(JSON::createValue),
                Arbitraries.doubles().map(JSON::createValue),
                Arbitraries.strings().ofMaxLength(8).map(JSON::createValue),
                Arbitraries.of(JsonValue.TRUE, JsonValue.FALSE, JsonValue.NULL));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<JsonValue> array = value(depth - 1).list().ofMaxSize(3).map(elements -> {
            JsonArrayBuilder builder = JSON.createArrayBuilder();
            elements.forEach(builder::add);
            return builder.build();
        });
        Arbitrary<JsonValue> object = Arbitraries.maps(Arbitraries.strings().ofMaxLength(4), value(depth - 1)).ofMaxSize(3)
                .map(members -> {
                    JsonObjectBuilder builder = JSON.createObjectBuilder();
                    members.forEach(builder::add);
                    return builder.build();
                });
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, leaf), net.jqwik.api.Tuple.of(1, array), net.jqwik.api.Tuple.of(1, object));
    }
}
