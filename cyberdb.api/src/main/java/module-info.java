/**
 * CyberDB's public API: named tables that behave as {@link java.util.concurrent.ConcurrentMap}s
 * and {@link java.util.List}s, reached through a {@link cyberdb.api.CyberProxy} taken from a
 * {@link cyberdb.api.CyberClient}. Start at {@link cyberdb.api.CyberDB}.
 *
 * <p>This module has no dependencies. Implementations (the embedded engine, the network client)
 * are separate modules found through {@link java.util.ServiceLoader}: put them on the module path
 * next to this one.
 */
module cyberdb.api {
    exports cyberdb.api;
    exports cyberdb.api.spi;

    uses cyberdb.api.spi.EmbeddedProvider;
    uses cyberdb.api.spi.ClientProvider;
}
