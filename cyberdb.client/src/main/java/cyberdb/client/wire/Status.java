package cyberdb.client.wire;

import cyberdb.api.CorruptFileException;
import cyberdb.api.CyberDBException;
import cyberdb.api.InvalidTableNameException;
import cyberdb.api.MemoryLimitException;
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
 * usable. Each code is written out here and in {@code docs/protocol.md}, and a test holds the two
 * together: never change or reuse one.
 */
public enum Status {
    OK(0, null, null),
    NO_SUCH_TABLE(1, NoSuchTableException.class, NoSuchTableException::new),
    TABLE_EXISTS(2, TableExistsException.class, TableExistsException::new),
    WRONG_TABLE_KIND(3, WrongTableKindException.class, WrongTableKindException::new),
    INVALID_TABLE_NAME(4, InvalidTableNameException.class, InvalidTableNameException::new),
    VALUE_NOT_STORABLE(5, ValueNotStorableException.class, ValueNotStorableException::new),
    WRONG_VALUE_KIND(6, WrongValueKindException.class, WrongValueKindException::new),
    INDEX_OUT_OF_BOUNDS(7, IndexOutOfBoundsException.class, IndexOutOfBoundsException::new),
    NO_SUCH_ELEMENT(8, NoSuchElementException.class, NoSuchElementException::new),
    ARITHMETIC(9, ArithmeticException.class, ArithmeticException::new),
    ILLEGAL_ARGUMENT(10, IllegalArgumentException.class, IllegalArgumentException::new),
    ILLEGAL_STATE(11, IllegalStateException.class, IllegalStateException::new),
    STORAGE(12, StorageException.class, message -> new StorageException(message, null)),
    CORRUPT_FILE(13, CorruptFileException.class, CyberDBException::new),
    MEMORY_LIMIT(15, MemoryLimitException.class, MemoryLimitException::new),
    FAILED(14, Throwable.class, message -> new CyberDBException("The server failed the request: " + message));

    private static final Status[] ALL = values();

    private final int code;
    private final Class<? extends Throwable> type;
    private final Function<String, RuntimeException> rebuild;

    Status(int code, Class<? extends Throwable> type, Function<String, RuntimeException> rebuild) {
        this.code = code;
        this.type = type;
        this.rebuild = rebuild;
    }

    /**
     * Returns the byte that stands for this status.
     *
     * @return the code, 0 for OK
     */
    public int code() {
        return code;
    }

    /**
     * Finds the status that reports an exception: the first whose type matches, so specific
     * types come before general ones.
     *
     * @param error what the request raised
     * @return the status to send
     */
    public static Status of(Throwable error) {
        for (Status status : ALL) {
            if (status != OK && status.type.isInstance(error)) {
                return status;
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
        for (Status status : ALL) {
            if (status != OK && status.code == code) {
                return status.rebuild.apply(message);
            }
        }
        return FAILED.rebuild.apply(message);
    }
}
