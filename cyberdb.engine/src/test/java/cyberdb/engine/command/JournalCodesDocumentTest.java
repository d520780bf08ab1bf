package cyberdb.engine.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cyberdb.api.TableKind;
import cyberdb.core.value.ValueReader;
import cyberdb.core.value.ValueWriter;
import cyberdb.core.view.Placement;
import cyberdb.engine.store.TableImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The journal's command types and the codes inside commands are the numbers
 * {@code docs/file-format.md} gives them: journals written by one version must replay in the next.
 */
class JournalCodesDocumentTest {

    private static final List<Command> ONE_OF_EACH = List.of(
            new Command.CreateTable("t", TableKind.DICT),
            new Command.DropTable("t"),
            new Command.DictPut("t", "k", "v", Placement.KEEP),
            new Command.DictRemove("t", "k"),
            new Command.DictClear("t"),
            new Command.ListSet("t", 0, "v"),
            new Command.ListInsert("t", 0, List.of("v")),
            new Command.ListRemove("t", 0),
            new Command.ListReplaceAll("t", List.of("v")),
            new Command.ReplaceDatabase(List.of(new TableImage("t", TableKind.LIST, List.of(), List.of("v")))));

    private static byte[] encode(Command command) {
        ValueWriter w = new ValueWriter(64);
        CommandCodec.write(command, w);
        return java.util.Arrays.copyOf(w.buffer(), w.size());
    }

    /** "CreateTable" as the document writes it: "create table". */
    private static String words(Class<?> type) {
        return type.getSimpleName().replaceAll("(?<=[a-z])(?=[A-Z])", " ").toLowerCase(Locale.ROOT);
    }

    @Test
    void commandTypesAreTheDocumentedOnes() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("..", "docs", "file-format.md"), StandardCharsets.UTF_8);
        Pattern row = Pattern.compile("\\| (\\d+) \\| ([a-z ]+) \\|.*");
        Map<Integer, String> documented = new LinkedHashMap<>();
        int header = lines.indexOf("| type | command | fields |");
        for (int i = header + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            Matcher m = row.matcher(lines.get(i));
            if (m.matches()) {
                documented.put(Integer.parseInt(m.group(1)), m.group(2));
            }
        }
        Map<Integer, String> written = new LinkedHashMap<>();
        for (Command command : ONE_OF_EACH) {
            written.put((int) encode(command)[0], words(command.getClass()));
            assertEquals(command, CommandCodec.read(new ValueReader(encode(command), 0, encode(command).length)));
        }
        assertEquals(documented, written);
    }

    @Test
    void kindsAndPlacementsInsideCommandsAreTheDocumentedOnes() {
        // "create table | kind (byte: 0 dict, 1 list)": the byte after the type and the name "t".
        assertEquals(0, encode(new Command.CreateTable("t", TableKind.DICT))[3]);
        assertEquals(1, encode(new Command.CreateTable("t", TableKind.LIST))[3]);
        // "dict put | key, value, placement (byte: 0 keep, 1 first, 2 last)": the last byte.
        for (Placement placement : Placement.values()) {
            byte[] put = encode(new Command.DictPut("t", "k", "v", placement));
            assertEquals(List.of(Placement.KEEP, Placement.FIRST, Placement.LAST).indexOf(placement), put[put.length - 1]);
        }
    }
}
