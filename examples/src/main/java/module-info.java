/** Example programs: they need nothing but the API; the engine is found on the module path. */
module cyberdb.examples {
    requires cyberdb.api;

    // JSON-B builds and reads the example records reflectively.
    opens cyberdb.examples;
}
