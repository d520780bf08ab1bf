package cyberdb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CommandReaderTest {

    private static List<String> commands(String input) throws IOException {
        CommandReader reader = new CommandReader(new StringReader(input));
        List<String> commands = new ArrayList<>();
        for (Optional<String> c = reader.next(); c.isPresent(); c = reader.next()) {
            commands.add(c.get());
        }
        return commands;
    }

    @Test
    void commandsEndAtSemicolonsAndLineBreaksOutsideStringsAndBrackets() throws IOException {
        assertEquals(List.of("a", "b", "c"), commands("a; b\n\n c ;;"));
        assertEquals(List.of("set d k \"x; y\"", "get d k"), commands("set d k \"x; y\"\nget d k"));
        assertEquals(List.of("set d k {\"a\": [1,\n 2]}", "get d k"), commands("set d k {\"a\": [1,\n 2]}\nget d k"));
        assertEquals(List.of("set d k \"say \\\"hi\\\"; bye\""), commands("set d k \"say \\\"hi\\\"; bye\""));
    }

    @Test
    void aStringEndsOnItsLine() {
        CommandException refused = assertThrows(CommandException.class, () -> commands("set d k \"one\ntwo\""));
        assertTrue(refused.getMessage().startsWith("unterminated string in: set d k \"one;"), refused.getMessage());
        assertThrows(CommandException.class, () -> commands("set d k \"open at the end"));
    }

    @Test
    void aCommandBeyondTheLimitIsRefused() throws IOException {
        String longest = "x".repeat(CommandReader.MAX_CHARS);
        assertEquals(List.of(longest), commands(longest + "\n"));
        CommandException refused = assertThrows(CommandException.class, () -> commands(longest + "x"));
        assertTrue(refused.getMessage().startsWith("a command longer than " + CommandReader.MAX_CHARS), refused.getMessage());
    }
}
