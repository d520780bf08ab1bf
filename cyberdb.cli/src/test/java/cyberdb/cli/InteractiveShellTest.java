package cyberdb.cli;

import static cyberdb.cli.CommandLine.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cyberdb.api.CyberDB;
import cyberdb.api.CyberProxy;
import cyberdb.api.EmbeddedClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.ExternalTerminal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The interactive shell on a terminal emulated over streams (JLine's {@link ExternalTerminal},
 * which turns Ctrl-C into an interrupt as a real one does): keys go in, the screen comes out.
 */
class InteractiveShellTest {

    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private static final String PROMPT = "test.cdb> ";
    private static final char CTRL_C = 3;
    private static final char CTRL_D = 4;

    private final PipedOutputStream keyboard = new PipedOutputStream();
    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
    private EmbeddedClient db;
    private CyberProxy proxy;
    private CompletableFuture<Integer> shell;

    @BeforeEach
    void start() throws IOException {
        db = CyberDB.embedded();
        proxy = db.proxy().connect();
        Terminal terminal = new ExternalTerminal("test", "xterm", new PipedInputStream(keyboard), screen, StandardCharsets.UTF_8);
        InteractiveShell interactive = new InteractiveShell(new Shell(proxy, "test.cdb"));
        shell = CompletableFuture.supplyAsync(() -> {
            try (terminal) {
                return interactive.run(terminal, Optional.empty());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        awaitPrompt();
    }

    @AfterEach
    void stop() throws IOException {
        keyboard.close();
        proxy.close();
        db.close();
    }

    private String screen() {
        return screen.toString(StandardCharsets.UTF_8);
    }

    /** Waits until the shell shows a prompt after what the screen showed at {@code mark}. */
    private void awaitPrompt(int mark) {
        await(() -> {
            if (shell.isDone()) {
                throw new AssertionError("the shell ended (" + shell.handle((status, e) -> status + " " + e).join()
                        + ") instead of prompting; the screen shows: " + screen());
            }
            return screen().length() > mark && screen().substring(mark).contains(PROMPT) && screen().endsWith(PROMPT);
        }, DEADLINE, "the prompt; the screen shows: " + screen());
    }

    private void awaitPrompt() {
        awaitPrompt(0);
    }

    /** Presses keys and returns where the screen stood before, for {@link #awaitPrompt(int)}. */
    private int type(String keys) throws IOException {
        int mark = screen().length();
        keyboard.write(keys.getBytes(StandardCharsets.UTF_8));
        keyboard.flush();
        return mark;
    }

    /** Types a line, presses Enter and waits for the next prompt. */
    private void enter(String line) throws IOException {
        awaitPrompt(type(line + "\r"));
    }

    @Test
    void thePromptSaysWhereTheShellIsAndCommandsAnswer() throws IOException {
        assertTrue(screen().contains("CyberDB shell on test.cdb."), screen());
        enter("create dict centre");
        assertTrue(screen().contains("\"OK\""), screen());
        enter("get missing k");
        assertTrue(screen().contains("(error) no table named 'missing'"), screen());
        type("quit\r");
        assertEquals(0, shell.join());
    }

    @Test
    void tabCompletesTableNamesAndWhatIsTypedIsKeptAsTyped() throws Exception {
        enter("create dict centre");
        type("set cen\t");
        await(() -> screen().endsWith("set centre "), DEADLINE, "the completed name; the screen shows: " + screen());
        enter("k \"say \\\"hi!\\\"\"");
        assertEquals("say \"hi!\"", proxy.dict("centre").get("k"), "backslashes and ! reach the shell unchanged");
    }

    @Test
    void aLineWithABracketOpenContinues() throws IOException {
        enter("create dict centre");
        int mark = type("set centre k [1,\r");
        await(() -> screen().endsWith("...> "), DEADLINE, "a continuation line; the screen shows: " + screen().substring(mark));
        enter("2]");
        assertEquals(java.util.List.of(1L, 2L), proxy.dict("centre").get("k"));
    }

    @Test
    void ctrlCClearsTheLineAndASecondOnAnEmptyLineQuits() throws Exception {
        type("create dict centre");
        await(() -> screen().endsWith("create dict centre"), DEADLINE, "the typed line");
        awaitPrompt(type(String.valueOf(CTRL_C)));
        assertTrue(screen().contains("(Ctrl-C again on an empty line, or Ctrl-D, quits)"), screen());
        assertFalse(shell.isDone(), "the first Ctrl-C only clears the line");
        assertFalse(proxy.exists("centre"), "the cleared line did not run");

        type(String.valueOf(CTRL_C));
        assertEquals(0, shell.get(DEADLINE.toSeconds(), TimeUnit.SECONDS));
    }

    @Test
    void onlyCtrlCOnAnEmptyLineRightAfterAnotherQuits() throws Exception {
        awaitPrompt(type(String.valueOf(CTRL_C)));
        // Keys pressed together reach JLine after the interrupt a Ctrl-C raises, so x must show first.
        type("x");
        await(() -> screen().endsWith("x"), DEADLINE, "the x typed; the screen shows: " + screen());
        awaitPrompt(type(String.valueOf(CTRL_C)));
        assertFalse(shell.isDone(), "a line being typed is cleared, even right after a Ctrl-C");
        enter("tables");
        awaitPrompt(type(String.valueOf(CTRL_C)));
        assertFalse(shell.isDone(), "a command in between starts the count again");
        type(String.valueOf(CTRL_C));
        assertEquals(0, shell.get(DEADLINE.toSeconds(), TimeUnit.SECONDS));
    }

    @Test
    void ctrlDQuits() throws Exception {
        type(String.valueOf(CTRL_D));
        assertEquals(0, shell.get(DEADLINE.toSeconds(), TimeUnit.SECONDS));
    }
}
