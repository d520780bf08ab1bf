package cyberdb.engine.embedded;

import cyberdb.api.CyberProxy;
import cyberdb.engine.store.Engine;

/** Lets tests put a proxy on an engine they hold, to observe its command stream. */
public final class TestAccess {

    private TestAccess() {
    }

    public static CyberProxy proxy(Engine engine) {
        return new LocalProxy(new LocalClient(engine), engine).connect();
    }
}
