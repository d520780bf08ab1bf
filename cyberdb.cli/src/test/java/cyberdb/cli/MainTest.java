package cyberdb.cli;

import static cyberdb.cli.CommandLine.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cyberdb.cli.CommandLine.Run;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The dispatcher: help wherever it is asked for, and exit statuses each command documents. */
class MainTest {

    private static final Map<String, String> USAGES = Map.of("server", ServerCommand.USAGE, "shell", ShellCommand.USAGE,
            "import-python", ImportPythonCommand.USAGE);

    @Test
    void dashHWorksWhereverDashDashHelpDoes() {
        USAGES.forEach((command, usage) -> {
            for (String help : new String[] {"-h", "--help"}) {
                Run run = run("", command, help);
                assertEquals(0, run.status(), command + " " + help);
                assertEquals(usage, run.out(), command + " " + help);
            }
            assertEquals(usage, run("", command, "--port", "1", "-h").out(), "after other options too");
        });
        assertEquals(Main.USAGE, run("", "-h").out());
        assertEquals(Main.USAGE, run("", "--help").out());
    }

    @Test
    void everyHelpListsTheExitStatuses() {
        USAGES.values().forEach(usage -> assertTrue(usage.endsWith(ExitStatus.HELP), usage));
        assertTrue(Main.USAGE.endsWith(ExitStatus.HELP));
        assertTrue(ExitStatus.HELP.contains("0 done") && ExitStatus.HELP.contains("1 failed")
                && ExitStatus.HELP.contains("2 wrong usage") && ExitStatus.HELP.contains("3 a data file is damaged"));
    }

    @Test
    void anUnknownCommandIsAUsageError() {
        Run run = run("", "serve");
        assertEquals(ExitStatus.USAGE, run.status());
        assertTrue(run.err().startsWith("cyberdb: unknown command 'serve'; expected server, shell or import-python"), run.err());
        assertEquals(ExitStatus.USAGE, run("").status());
    }
}
