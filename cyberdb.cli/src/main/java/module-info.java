/**
 * The command line: {@code ./cyberdb server}, {@code shell} and {@code import-python}. Built on the
 * public API and the server entry point only; it exports nothing.
 */
// JLine names its module only in its manifest (an automatic module); nothing requires cyberdb.cli.
@SuppressWarnings("requires-automatic")
module cyberdb.cli {
    requires cyberdb.api;
    requires cyberdb.net;
    requires jakarta.json;
    requires org.jline;
}
