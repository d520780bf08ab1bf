/**
 * The command line: {@code ./cyberdb server}, {@code shell} and {@code import-python}. Built on the
 * public API and the server entry point only; it exports nothing.
 */
// JLine and Micrometer name their modules only in their manifests (automatic modules); nothing
// requires cyberdb.cli.
@SuppressWarnings("requires-automatic")
module cyberdb.cli {
    requires cyberdb.api;
    requires cyberdb.net;
    requires jakarta.json;
    // server --log-level sets java.util.logging's level, where System.Logger ends up by default.
    requires java.logging;
    requires org.jline;
    // cyberdb.net needs Micrometer only to serve metrics (requires static); server --metrics-port does.
    requires micrometer.core;
    requires micrometer.registry.prometheus;
    // JLine, an automatic module, catches Ctrl-C through sun.misc.Signal; without this module
    // on the graph, Ctrl-C at the interactive shell would kill the process instead.
    requires jdk.unsupported;
}
