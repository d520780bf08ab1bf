package cyberdb.core.value;

/** The tag bytes of the value encoding; their numbers are part of the file and wire formats. */
final class ValueTag {
    static final int NULL = 0;
    static final int FALSE = 1;
    static final int TRUE = 2;
    static final int LONG = 3;
    static final int DOUBLE = 4;
    static final int STRING = 5;
    static final int BYTES = 6;
    static final int LIST = 7;
    static final int MAP = 8;

    private ValueTag() {
    }
}
