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
    // JLine, an automatic module, catches Ctrl-C through sun.misc.Signal; without this module
    // on the graph, Ctrl-C at the interactive shell would kill the process instead.
    requires jdk.unsupported;
}
