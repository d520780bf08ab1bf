package cyberdb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cyberdb.api.TableInfo;
import cyberdb.api.TableKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShellCompletionTest {

    private final ShellCompletion completion = new ShellCompletion(() -> List.of(
            new TableInfo("centre", TableKind.DICT), new TableInfo("queue", TableKind.LIST),
            new TableInfo("my table", TableKind.DICT)));

    @Test
    void theFirstWordIsACommand() {
        assertEquals(Shell.COMMANDS, completion.candidates(List.of()));
    }

    @Test
    void tableNamesFollowTheCommandsThatTakeThemOfTheKindTheyTake() {
        assertEquals(List.of("centre", "queue", "\"my table\""), completion.candidates(List.of("get")));
        assertEquals(List.of("centre", "\"my table\""), completion.candidates(List.of("incr")));
        assertEquals(List.of("queue"), completion.candidates(List.of("PUSH")));
        assertEquals(List.of("dict", "list"), completion.candidates(List.of("create")));
    }

    @Test
    void nothingIsOfferedWhereAnythingCouldBeTyped() {
        assertEquals(List.of(), completion.candidates(List.of("get", "centre")));
        assertEquals(List.of(), completion.candidates(List.of("tables")));
        assertEquals(List.of(), completion.candidates(List.of("create", "dict")));
    }
}
