/**
 * What every implementation of CyberDB's API shares, the embedded engine and the network client
 * alike: the value model and its binary encoding, the {@code Map} and {@code List} views that
 * implement {@code CyberDict} and {@code CyberList} over a backend, and the JSON-B mapping of
 * typed tables, which only the views use. The value model and the views are exported only to
 * those modules; applications see them through the API.
 */
// The qualified exports name modules the reactor builds after this one.
@SuppressWarnings("module")
module cyberdb.core {
    requires transitive cyberdb.api;
    requires jakarta.json;
    requires jakarta.json.bind;

    exports cyberdb.core.value to cyberdb.engine, cyberdb.client, cyberdb.net, cyberdb.cluster;
    exports cyberdb.core.view to cyberdb.engine, cyberdb.client, cyberdb.net;
}
