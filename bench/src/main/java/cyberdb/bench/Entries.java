package cyberdb.bench;

import java.util.Locale;

/** The data set of the memory and persistence sections: 16-byte keys, distinct 100-byte values. */
final class Entries {

    /** One million entries, as the issue asks. */
    static final int COUNT = 1_000_000;

    private static final String PAD = "v".repeat(88);

    private Entries() {
    }

    /**
     * @param i the entry's number
     * @return its 16-byte key
     */
    static String key(int i) {
        return String.format(Locale.ROOT, "key:%012d", i);
    }

    /**
     * @param i the entry's number
     * @return its 100-byte value, a new string (no two entries share one)
     */
    static String value(int i) {
        return String.format(Locale.ROOT, "%012d", i) + PAD;
    }
}
