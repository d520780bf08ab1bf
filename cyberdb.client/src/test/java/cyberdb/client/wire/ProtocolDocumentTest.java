package cyberdb.client.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cyberdb.api.TableKind;
import cyberdb.core.value.ValueReader;
import cyberdb.core.value.ValueWriter;
import cyberdb.core.view.Placement;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every code on the wire is the number {@code docs/protocol.md} gives it: the document is the
 * contract, and a renumbered or reordered enum breaks this test instead of old clients.
 */
class ProtocolDocumentTest {

    private static final Path DOCUMENT = Path.of("..", "docs", "protocol.md");

    /** The rows of the table whose header starts with {@code | first |}, as code to name. */
    private static Map<Integer, String> table(String first) throws IOException {
        return table(first, "");
    }

    /** The rows of the table whose header starts with {@code | first | second}, as code to name. */
    private static Map<Integer, String> table(String first, String second) throws IOException {
        List<String> lines = Files.readAllLines(DOCUMENT, StandardCharsets.UTF_8);
        int header = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("| " + first + " | " + second)) {
                header = i;
                break;
            }
        }
        if (header < 0) {
            throw new AssertionError("docs/protocol.md has no table headed '" + first + "'");
        }
        Pattern row = Pattern.compile("\\| (\\d+) \\| (\\w+) \\|.*");
        Map<Integer, String> codes = new LinkedHashMap<>();
        for (int i = header + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            Matcher m = row.matcher(lines.get(i));
            if (!m.matches()) {
                throw new AssertionError("Unreadable row in docs/protocol.md: " + lines.get(i));
            }
            codes.put(Integer.parseInt(m.group(1)), m.group(2));
        }
        return codes;
    }

    private static <E extends Enum<E>> Map<Integer, String> codes(E[] values, Function<E, Integer> code) {
        return Arrays.stream(values).collect(Collectors.toMap(code, Enum::name, (a, b) -> {
            throw new AssertionError("Two constants with one code: " + a + ", " + b);
        }, LinkedHashMap::new));
    }

    @Test
    void operationCodesAreTheDocumentedOnes() throws IOException {
        assertEquals(table("code"), codes(Op.values(), Op::code));
        for (Op op : Op.values()) {
            assertEquals(op, Op.of(op.code()));
        }
    }

    @Test
    void frameKindsAreTheDocumentedOnes() throws IOException {
        assertEquals(table("kind", "name"), Map.of(Frames.REQUEST, "REQUEST", Frames.RESPONSE, "RESPONSE",
                Frames.RESPONSE_PART, "RESPONSE_PART", Frames.PUSH, "PUSH", Frames.CREDIT, "CREDIT"));
    }

    @Test
    void statusCodesAreTheDocumentedOnes() throws IOException {
        assertEquals(table("status"), codes(Status.values(), Status::code));
    }

    @Test
    void placementCodesAreTheDocumentedOnes() throws IOException {
        assertEquals(table("placement"), codes(Placement.values(), Placement::code));
        for (Placement placement : Placement.values()) {
            ValueWriter w = new ValueWriter(4);
            Codec.placement(w, placement);
            assertEquals(placement, Codec.placement(new ValueReader(w.buffer(), 0, w.size())));
        }
    }

    @Test
    void tableKindCodesAreTheDocumentedOnes() throws IOException {
        Map<Integer, String> written = new LinkedHashMap<>();
        for (TableKind kind : TableKind.values()) {
            ValueWriter w = new ValueWriter(4);
            Codec.kind(w, kind);
            written.put(w.buffer()[0] & 0xFF, kind.name());
            assertEquals(kind, Codec.kind(new ValueReader(w.buffer(), 0, w.size())));
        }
        assertEquals(table("table kind"), written);
    }
}
