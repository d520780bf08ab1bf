package cyberdb.bench;

import java.util.Locale;

/** The network workloads, the same for CyberDB and Redis: 16-byte keys, 100-byte values. */
enum Work {
    /** Read a random one of {@link #KEYS} preloaded keys (Redis GET). */
    GET,
    /** Overwrite a random key (SET). */
    SET,
    /** Add one to a random counter (INCR). */
    INCR,
    /** Append to a shared list (RPUSH). */
    PUSH,
    /** Read the first 100 elements of a 1,000-element list (LRANGE 0 99). */
    RANGE;

    /** How many keys the dict holds before a run. */
    static final int KEYS = 10_000;

    /** Every key, 16 bytes each. */
    static final String[] KEY = new String[KEYS];

    /** The counters' keys, 16 bytes each, apart from {@link #KEY} since those hold text. */
    static final String[] COUNTER = new String[KEYS];

    /** The 100-byte value written. */
    static final String VALUE = "v".repeat(100);

    static {
        for (int i = 0; i < KEYS; i++) {
            KEY[i] = String.format(Locale.ROOT, "key:%012d", i);
            COUNTER[i] = String.format(Locale.ROOT, "ctr:%012d", i);
        }
    }

    /** @return whether the work has a batched form (get, set and push do) */
    boolean batches() {
        return this == GET || this == SET || this == PUSH;
    }

    /** @return the name used in tables, as Redis names the command */
    String label() {
        return switch (this) {
            case GET -> "get";
            case SET -> "set";
            case INCR -> "incr";
            case PUSH -> "push";
            case RANGE -> "range 100";
        };
    }
}
