package cyberdb.engine;

import cyberdb.api.CyberDB;
import cyberdb.api.CyberProxy;
import cyberdb.api.EmbeddedClient;
import java.util.concurrent.atomic.AtomicLong;

/** One embedded database for the contract suites, which create thousands of short-lived tables. */
final class SharedDatabase {

    private static final EmbeddedClient CLIENT = CyberDB.embedded();
    private static final CyberProxy PROXY = CLIENT.proxy().connect();
    private static final AtomicLong NAMES = new AtomicLong();

    private SharedDatabase() {
    }

    static CyberProxy proxy() {
        return PROXY;
    }

    static String freshName(String prefix) {
        String name = prefix + "-" + NAMES.incrementAndGet();
        // The suites never look at old tables again; dropping them keeps memory flat.
        PROXY.dropTable(prefix + "-" + (NAMES.get() - 64));
        return name;
    }
}
