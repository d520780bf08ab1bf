package cyberdb.net.wire;

/**
 * The request opcodes. A request frame is the opcode byte, the table name (empty for
 * catalogue-wide operations) and the operation's arguments; the byte is {@code ordinal() + 1},
 * so new operations are only ever appended. See {@code docs/protocol.md}.
 */
public enum Op {
    PING, TABLES, EXISTS, OPEN_DICT, OPEN_LIST, CREATE_DICT, CREATE_LIST, DROP, SAVE,
    DICT_GET, DICT_SIZE, DICT_CONTAINS_VALUE, DICT_PUT, DICT_PUT_IF_ABSENT, DICT_REPLACE, DICT_REPLACE_IF,
    DICT_REMOVE, DICT_REMOVE_IF, DICT_PUT_ALL, DICT_CLEAR, DICT_ADD_AND_GET, DICT_EDGE, DICT_POLL_EDGE, DICT_COPY,
    DICT_PAGE,
    LIST_SIZE, LIST_GET, LIST_SET, LIST_INSERT, LIST_APPEND, LIST_REMOVE_AT, LIST_REMOVE_EQUAL, LIST_INDEX_OF,
    LIST_COUNT, LIST_CLEAR, LIST_REVERSE, LIST_SLICE, LIST_PAGE, LIST_VERSIONED, LIST_REPLACE_ALL,
    DICT_GET_ALL;

    private static final Op[] BY_CODE = values();

    /**
     * Returns the byte that stands for this operation.
     *
     * @return the code, from 1
     */
    public int code() {
        return ordinal() + 1;
    }

    /**
     * Tells whether this operation works on a dict; the others after {@link #SAVE} work on a list.
     *
     * @return {@code true} for the DICT_ operations
     */
    public boolean onDict() {
        return ordinal() >= DICT_GET.ordinal() && ordinal() <= DICT_PAGE.ordinal() || this == DICT_GET_ALL;
    }

    /**
     * Finds an operation by its byte.
     *
     * @param code the byte
     * @return the operation, or {@code null} if there is none
     */
    public static Op of(int code) {
        return code >= 1 && code <= BY_CODE.length ? BY_CODE[code - 1] : null;
    }
}
