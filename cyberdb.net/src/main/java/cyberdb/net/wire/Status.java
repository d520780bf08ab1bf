package cyberdb.net.wire;

import cyberdb.api.CorruptFileException;
import cyberdb.api.CyberDBException;
import cyberdb.api.InvalidTableNameException;
import cyberdb.api.NoSuchTableException;
import cyberdb.api.StorageException;
import cyberdb.api.TableExistsException;
import cyberdb.api.ValueNotStorableException;
import cyberdb.api.WrongTableKindException;
import cyberdb.api.WrongValueKindException;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * The first byte of a response: {@link #OK}, or the error that the request raised on the
 * server, which the client raises again as the same type. A request error leaves the connection
 * usable.
 */
public enum Status {
    OK(null, null),
    NO_SUCH_TABLE(NoSuchTableException.class, NoSuchTableException::new),
    TABLE_EXISTS(TableExistsException.class, TableExistsException::new),
    WRONG_TABLE_KIND(WrongTableKindException.class, WrongTableKindException::new),
    INVALID_TABLE_NAME(InvalidTableNameException.class, InvalidTableNameException::new),
    VALUE_NOT_STORABLE(ValueNotStorableException.class, ValueNotStorableException::new),
    WRONG_VALUE_KIND(WrongValueKindException.class, WrongValueKindException::new),
    INDEX_OUT_OF_BOUNDS(IndexOutOfBoundsException.class, IndexOutOfBoundsException::new),
    NO_SUCH_ELEMENT(NoSuchElementException.class, NoSuchElementException::new),
    ARITHMETIC(ArithmeticException.class, ArithmeticException::new),
    ILLEGAL_ARGUMENT(IllegalArgumentException.class, IllegalArgumentException::new),
    ILLEGAL_STATE(IllegalStateException.class, IllegalStateException::new),
    STORAGE(StorageException.class, message -> new StorageException(message, null)),
    CORRUPT_FILE(CorruptFileException.class, CyberDBException::new),
    FAILED(Throwable.class, message -> new CyberDBException("The server failed the request: " + message));

    private static final Status[] BY_CODE = values();

    private final Class<? extends Throwable> type;
    private final Function<String, RuntimeException> rebuild;

    Status(Class<? extends Throwable> type, Function<String, RuntimeException> rebuild) {
        this.type = type;
        this.rebuild = rebuild;
    }

    /**
     * Returns the byte that stands for this status.
     *
     * @return the code, 0 for OK
     */
    public int code() {
        return ordinal();
    }

    /**
     * Finds the status that reports an exception: the first whose type matches, so specific
     * types come before general ones.
     *
     * @param error what the request raised
     * @return the status to send
     */
    public static Status of(Throwable error) {
        for (int i = 1; i < BY_CODE.length; i++) {
            if (BY_CODE[i].type.isInstance(error)) {
                return BY_CODE[i];
            }
        }
        return FAILED;
    }

    /**
     * Rebuilds the exception on the client.
     *
     * @param code    the status byte received
     * @param message the server's message
     * @return the exception to throw
     */
    public static RuntimeException exception(int code, String message) {
        Status status = code > 0 && code < BY_CODE.length ? BY_CODE[code] : FAILED;
        return status.rebuild.apply(message);
    }
}
