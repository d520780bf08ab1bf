package cyberdb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cyberdb.api.CyberClient;
import cyberdb.api.CyberDB;
import cyberdb.api.CyberProxy;
import cyberdb.api.EmbeddedClient;
import cyberdb.net.CyberServer;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ShellTest {

    /** What a message for a Java caller looks like: a method call, an exception's class, a Java type. */
    private static final Pattern JAVA_WORDS = Pattern.compile("\\w\\(|Exception|addAndGet|java\\.|For input string");

    @Test
    void commandsAnswerInJson() {
        try (EmbeddedClient db = CyberDB.embedded(); CyberProxy proxy = db.proxy().connect()) {
            Shell shell = new Shell(proxy, "test.cdb");
            assertEquals("\"OK\"", shell.execute("create dict centre"));
            assertEquals("null", shell.execute("set centre content \"Hello CyberDB!\""));
            assertEquals("\"Hello CyberDB!\"", shell.execute("get centre content"));
            assertEquals("null", shell.execute("set centre nested {\"a\": [1, 2.5, true, null]}"));
            assertEquals("{\"content\":\"Hello CyberDB!\",\"nested\":{\"a\":[1,2.5,true,null]}}", shell.execute("show centre"));
            assertEquals("3", shell.execute("incr centre hits 3"));
            assertEquals("4", shell.execute("incr centre hits"));
            assertEquals("1", shell.execute("incr centre hits -3"));
            assertEquals("3", shell.execute("len centre"));
            assertEquals("1", shell.execute("del centre hits"));
            assertEquals("\"OK\"", shell.execute("create list queue"));
            assertEquals("1", shell.execute("push queue word"));
            assertEquals("2", shell.execute("push queue [1, \"two\"]"));
            assertEquals("[\"word\",[1,\"two\"]]", shell.execute("show queue"));
            assertEquals("\"word\"", shell.execute("get queue 0"));
            assertEquals("[1,\"two\"]", shell.execute("pop queue"));
            assertEquals("[{\"name\":\"centre\",\"kind\":\"dict\"},{\"name\":\"queue\",\"kind\":\"list\"}]", shell.execute("tables"));
            assertEquals("true", shell.execute("drop queue"));
            assertEquals(Map.of("a", java.util.Arrays.asList(1L, 2.5, true, null)), proxy.dict("centre").get("nested"),
                    "stored as plain values, readable by any client");
        }
    }

    @Test
    void infoAndSlowlogOnAnEmbeddedDatabase() {
        try (EmbeddedClient db = CyberDB.embedded(); CyberProxy proxy = db.proxy().connect()) {
            Shell shell = new Shell(proxy, "test.cdb");
            shell.execute("create list queue");
            shell.execute("push queue 1");
            String tables = shell.execute("info tables");
            assertTrue(tables.matches("# tables\nqueue: kind=list size=1 bytes=\\d+"), tables);
            assertEquals("{\"persistence\":{\"data_file\":\"none\",\"durability\":\"none\"}}",
                    shell.execute("info --json persistence"));
            assertEquals("(an embedded database serves no requests, so it keeps no slow log)", shell.execute("slowlog"));
            assertEquals("Usage: info [SECTION] [--json]", refusal(shell, "info memory tables"));
            assertEquals("slowlog takes how many to list, a whole number from 0, got 'many'", refusal(shell, "slowlog many"));
        }
    }

    private static String refusal(Shell shell, String command) {
        String message = assertThrows(CommandException.class, () -> shell.execute(command), command).getMessage();
        assertFalse(JAVA_WORDS.matcher(message).find(), "worded for Java callers: " + message);
        return message;
    }

    @Test
    void mistakesAreExplainedInTheShellsWords() {
        try (EmbeddedClient db = CyberDB.embedded(); CyberProxy proxy = db.proxy().connect()) {
            Shell shell = new Shell(proxy, "test.cdb");
            shell.execute("create dict centre");
            shell.execute("create list queue");
            assertTrue(refusal(shell, "set centre k Hello world").contains("quote values"));
            assertEquals("unknown command 'frobnicate'; type help for the list", refusal(shell, "frobnicate"));
            assertTrue(refusal(shell, "set centre k {\"broken\": }").startsWith("not valid JSON: {\"broken\": }"));
            assertTrue(refusal(shell, "set centre k \"unterminated").startsWith("unterminated string"));

            assertEquals("no table named 'missing'; create it with: create dict missing", refusal(shell, "incr missing k"));
            assertEquals("no table named 'missing'; create it with: create list missing", refusal(shell, "push missing 1"));
            assertEquals("no table named 'my table'; create it with: create dict \"my table\" (or create list \"my table\")",
                    refusal(shell, "get \"my table\" k"));
            assertEquals("'queue' is a list; incr works on dicts", refusal(shell, "incr queue k"));
            assertEquals("'centre' is a dict; push works on lists", refusal(shell, "push centre 1"));
            assertEquals("a table named 'centre' already exists; drop it first (drop centre) or choose another name",
                    refusal(shell, "create list centre"));
            assertEquals("'queue' is empty", refusal(shell, "pop queue"));
            assertEquals("'queue' is empty; there is no index 3", refusal(shell, "get queue 3"));
            shell.execute("push queue a");
            shell.execute("push queue b");
            assertEquals("no index 2 in 'queue': it has 2 elements, at indexes 0 to 1", refusal(shell, "set queue 2 c"));
            assertEquals("a list index is a whole number from 0, got '-1'", refusal(shell, "get queue -1"));
            assertEquals("a list index is a whole number from 0, got '\u0663'", refusal(shell, "get queue \u0663"),
                    "only ASCII digits, though Integer.parseInt reads others");
        }
    }

    @Test
    void incrTakesAWholeDeltaAndAddsToWholeNumbersOnly() {
        try (EmbeddedClient db = CyberDB.embedded(); CyberProxy proxy = db.proxy().connect()) {
            Shell shell = new Shell(proxy, "test.cdb");
            shell.execute("create dict centre");
            for (String delta : List.of("-2.5", "2x", "1e3", "99999999999999999999", "\u0663")) {
                assertEquals("incr adds a whole number, such as 5 or -2, got '" + delta + "'",
                        refusal(shell, "incr centre n " + delta));
            }
            assertEquals("null", shell.execute("get centre n"), "nothing was stored");
            shell.execute("set centre s text");
            assertEquals("incr adds to whole numbers only, and key s of 'centre' holds \"text\"", refusal(shell, "incr centre s"));
            shell.execute("incr centre big " + Long.MAX_VALUE);
            assertTrue(refusal(shell, "incr centre big").startsWith("incr would take the value beyond"));
            assertEquals(String.valueOf(Long.MAX_VALUE), shell.execute("get centre big"));
        }
    }

    @Test
    void valuesKeysAndQuotedNamesAreStoredAsTypedOrRefused() {
        try (EmbeddedClient db = CyberDB.embedded(); CyberProxy proxy = db.proxy().connect()) {
            Shell shell = new Shell(proxy, "test.cdb");
            shell.execute("create dict centre");
            for (String typed : List.of("02134", "12abc", "1,2", "3.14.15", "{\"a\":1}x")) {
                assertEquals("not valid JSON: " + typed + "; to store text, quote it: " + JsonToken.quote(typed),
                        refusal(shell, "set centre k " + typed));
                assertTrue(refusal(shell, "set centre " + typed + " v").startsWith("not valid JSON: " + typed), "as a key");
                assertTrue(refusal(shell, "push centre " + typed).startsWith("not valid JSON: " + typed),
                        "the value is read before the table is opened");
            }
            assertEquals("0", shell.execute("len centre"), "nothing was stored");
            assertEquals("null", shell.execute("set centre k \"02134\""));
            assertEquals("\"02134\"", shell.execute("get centre k"));
            assertEquals("null", shell.execute("set centre zip 2134"));
            assertEquals("2134", shell.execute("get centre zip"));

            assertTrue(refusal(shell, "create dict \"a\"b").startsWith("not a valid table name: \"a\"b"));
            assertTrue(refusal(shell, "get \"centre\"x k").startsWith("not a valid table name: \"centre\"x"));
            assertEquals("[{\"name\":\"centre\",\"kind\":\"dict\"}]", shell.execute("tables"), "no table was created");
        }
    }

    @Test
    void aLostConnectionIsToldAndEveryCommandTriesAgain() {
        String password = "shell test password";
        CyberServer server = CyberServer.builder().port(0).password(password).build().start();
        String location = "127.0.0.1:" + server.port();
        try (CyberClient client = CyberDB.client().port(server.port()).password(password).connections(1).build();
             CyberProxy proxy = client.proxy().connect()) {
            Shell shell = new Shell(proxy, location);
            assertEquals("[]", shell.execute("tables"));
            server.close();
            // The client notices a closed connection at once, but a command may be on its way already.
            String first = refusal(shell, "tables");
            assertTrue(first.startsWith("lost the connection to " + location + " (")
                    || first.startsWith("cannot connect to the server at " + location + " (Connection refused)"), first);
            String again = refusal(shell, "tables");
            assertTrue(again.startsWith("cannot connect to the server at " + location + " (Connection refused): check"
                    + " that it runs (./cyberdb server)"), again);
        } finally {
            server.close();
        }
    }

    @Test
    void aServerWithoutDataHasNothingToSaveTo() {
        try (EmbeddedClient db = CyberDB.embedded(); CyberProxy proxy = db.proxy().connect()) {
            Shell shell = new Shell(proxy, "127.0.0.1:9980");
            assertEquals("there is no data file to save to: the server at 127.0.0.1:9980 was started without --data",
                    refusal(shell, "save"));
        }
    }
}
