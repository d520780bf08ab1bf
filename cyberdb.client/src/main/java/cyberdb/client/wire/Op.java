package cyberdb.client.wire;

/**
 * The request opcodes. A request frame is the opcode byte, the table name (empty for
 * catalogue-wide operations) and the operation's arguments. Each code is written out here and in
 * {@code docs/protocol.md}, and a test holds the two together: never change or reuse one.
 */
public enum Op {
    PING(1, On.CATALOGUE),
    TABLES(2, On.CATALOGUE),
    EXISTS(3, On.CATALOGUE),
    OPEN_DICT(4, On.CATALOGUE),
    OPEN_LIST(5, On.CATALOGUE),
    CREATE_DICT(6, On.CATALOGUE),
    CREATE_LIST(7, On.CATALOGUE),
    DROP(8, On.CATALOGUE),
    SAVE(9, On.CATALOGUE),
    DICT_GET(10, On.DICT),
    DICT_SIZE(11, On.DICT),
    DICT_CONTAINS_VALUE(12, On.DICT),
    DICT_PUT(13, On.DICT),
    DICT_PUT_IF_ABSENT(14, On.DICT),
    DICT_REPLACE(15, On.DICT),
    DICT_REPLACE_IF(16, On.DICT),
    DICT_REMOVE(17, On.DICT),
    DICT_REMOVE_IF(18, On.DICT),
    DICT_PUT_ALL(19, On.DICT),
    DICT_CLEAR(20, On.DICT),
    DICT_ADD_AND_GET(21, On.DICT),
    DICT_EDGE(22, On.DICT),
    DICT_POLL_EDGE(23, On.DICT),
    DICT_COPY(24, On.DICT),
    DICT_PAGE(25, On.DICT),
    LIST_SIZE(26, On.LIST),
    LIST_GET(27, On.LIST),
    LIST_SET(28, On.LIST),
    LIST_INSERT(29, On.LIST),
    LIST_APPEND(30, On.LIST),
    LIST_REMOVE_AT(31, On.LIST),
    LIST_REMOVE_EQUAL(32, On.LIST),
    LIST_INDEX_OF(33, On.LIST),
    LIST_COUNT(34, On.LIST),
    LIST_CLEAR(35, On.LIST),
    LIST_REVERSE(36, On.LIST),
    LIST_SLICE(37, On.LIST),
    LIST_PAGE(38, On.LIST),
    LIST_VERSIONED(39, On.LIST),
    LIST_REPLACE_ALL(40, On.LIST),
    DICT_GET_ALL(41, On.DICT),
    DICT_SET(42, On.DICT),
    CLOSE_SESSION(43, On.CATALOGUE),
    INFO(44, On.CATALOGUE),
    SLOWLOG(45, On.CATALOGUE);

    /** What an operation works on. */
    public enum On {
        /** The set of tables, or the database as a whole. */
        CATALOGUE,
        /** One dict. */
        DICT,
        /** One list. */
        LIST
    }

    private static final Op[] BY_CODE = new Op[256];

    static {
        for (Op op : values()) {
            if (BY_CODE[op.code] != null) {
                throw new ExceptionInInitializerError("Two operations with code " + op.code);
            }
            BY_CODE[op.code] = op;
        }
    }

    private final int code;
    private final On on;

    Op(int code, On on) {
        this.code = code;
        this.on = on;
    }

    /**
     * Returns the byte that stands for this operation.
     *
     * @return the code, from 1
     */
    public int code() {
        return code;
    }

    /**
     * Tells what this operation works on.
     *
     * @return a dict, a list, or the catalogue
     */
    public On on() {
        return on;
    }

    /**
     * Tells whether this operation changes the database, so that a cluster sends it through the
     * replicated log; every other one only reads, and a member answers it from its own engine.
     * {@code SAVE} writes a file, not the data, and is each member's own.
     *
     * @return {@code true} for a change
     */
    public boolean writes() {
        return switch (this) {
            case CREATE_DICT, CREATE_LIST, DROP, DICT_PUT, DICT_PUT_IF_ABSENT, DICT_REPLACE, DICT_REPLACE_IF, DICT_REMOVE,
                 DICT_REMOVE_IF, DICT_PUT_ALL, DICT_CLEAR, DICT_ADD_AND_GET, DICT_POLL_EDGE, DICT_SET, LIST_SET, LIST_INSERT,
                 LIST_APPEND, LIST_REMOVE_AT, LIST_REMOVE_EQUAL, LIST_CLEAR, LIST_REVERSE, LIST_REPLACE_ALL -> true;
            case PING, TABLES, EXISTS, OPEN_DICT, OPEN_LIST, SAVE, DICT_GET, DICT_SIZE, DICT_CONTAINS_VALUE, DICT_EDGE,
                 DICT_COPY, DICT_PAGE, LIST_SIZE, LIST_GET, LIST_INDEX_OF, LIST_COUNT, LIST_SLICE, LIST_PAGE, LIST_VERSIONED,
                 DICT_GET_ALL, CLOSE_SESSION, INFO, SLOWLOG -> false;
        };
    }

    /**
     * Tells whether this operation reads the data, so that a cluster member answers it only once
     * it has applied every write acknowledged before the read began. A member's own figures
     * ({@code PING}, {@code INFO}, {@code SLOWLOG}), its iteration cursors ({@code DICT_PAGE},
     * {@code CLOSE_SESSION}) and its file ({@code SAVE}) are its own, answered as they are.
     *
     * @return {@code true} for a read of the data
     */
    public boolean readsData() {
        return !writes() && switch (this) {
            case PING, INFO, SLOWLOG, DICT_PAGE, CLOSE_SESSION, SAVE -> false;
            default -> true;
        };
    }

    /**
     * Finds an operation by its byte.
     *
     * @param code the byte
     * @return the operation, or {@code null} if there is none
     */
    public static Op of(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
