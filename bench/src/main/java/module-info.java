/** Load generators for ./cyberdb bench; they use the public API and the server entry point only. */
module cyberdb.bench {
    requires cyberdb.api;
    requires cyberdb.net;
}
