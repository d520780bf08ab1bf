package cyberdb.api;

import java.lang.reflect.Type;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * A session with the database: CyberDB's proxy. Take one from {@link CyberClient#proxy()},
 * {@link #connect()} it, open tables, and {@link #close()} it when done, ideally with
 * try-with-resources:
 *
 * {@snippet :
 * try (CyberProxy proxy = client.proxy().connect()) {
 *     CyberDict<Object, Object> centre = proxy.dict("centre");
 *     Object content = centre.get("content");
 * }
 * }
 *
 * <p>A proxy is for one thread (or one request) at a time; the client it came from is
 * thread-safe. A proxy is a session and costs nothing to open: a network client's proxies share
 * its connections, {@code connect()} checks that the server can be reached, and {@code close()}
 * frees what the session holds on the server (its iterations). Tables opened from a proxy throw
 * {@link ProxyClosedException} while it is closed and work again after {@code connect()}.
 *
 * <p>Opening a table checks that it exists with the right kind. A network client remembers the
 * tables its proxies opened, created or saw, so opening one again costs no round trip; if
 * another client drops or replaces it meanwhile, the first operation on it throws
 * {@link NoSuchTableException} or {@link WrongTableKindException} instead of the open, and the
 * next open checks again. Drops through the same client are never missed.
 *
 * <p>Plain tables ({@link #dict(String)}, {@link #list(String)}) hold CyberDB's value model, see
 * {@link CyberDict}. Typed tables map keys, values and elements of any JSON-B-mappable type
 * (records, POJOs, generic collections) to that model, and a plain view of the same table reads
 * them as nested maps and lists.
 */
public interface CyberProxy extends AutoCloseable {

    /**
     * Connects this proxy, or does nothing if it is connected.
     *
     * @return this proxy
     */
    CyberProxy connect();

    /**
     * Returns whether this proxy is connected.
     *
     * @return {@code true} between {@link #connect()} and {@link #close()}
     */
    boolean isConnected();

    /** Disconnects this proxy. Closing a closed proxy does nothing. */
    @Override
    void close();

    /**
     * Creates an empty dict table.
     *
     * @param name the table name
     * @return the new table
     * @throws TableExistsException if the name is taken
     */
    CyberDict<Object, Object> createDict(String name);

    /**
     * Creates a dict table holding a copy of {@code content}, in its iteration order.
     *
     * @param name    the table name
     * @param content the initial entries
     * @return the new table
     * @throws TableExistsException       if the name is taken
     * @throws ValueNotStorableException if an entry is outside the value model; no table is created
     */
    CyberDict<Object, Object> createDict(String name, Map<?, ?> content);

    /**
     * Creates an empty typed dict table.
     *
     * @param name      the table name
     * @param keyType   the key class
     * @param valueType the value class
     * @param <K>       the key type
     * @param <V>       the value type
     * @return the new table
     * @throws TableExistsException if the name is taken
     */
    <K, V> CyberDict<K, V> createDict(String name, Class<K> keyType, Class<V> valueType);

    /**
     * Creates an empty typed dict table whose types may be generic, such as
     * {@code List<Address>}.
     *
     * @param name      the table name
     * @param keyType   the key type
     * @param valueType the value type
     * @param <K>       the key type
     * @param <V>       the value type
     * @return the new table
     * @throws TableExistsException if the name is taken
     */
    <K, V> CyberDict<K, V> createDict(String name, Type keyType, Type valueType);

    /**
     * Returns the dict table {@code name}, creating it empty first if there is no table of that
     * name: the get-or-create that code run more than once wants. Two clients racing to create it
     * both get the one table.
     *
     * @param name the table name
     * @return the table
     * @throws WrongTableKindException if a list has that name
     */
    default CyberDict<Object, Object> createDictIfAbsent(String name) {
        try {
            return createDict(name);
        } catch (TableExistsException exists) {
            return dict(name);
        }
    }

    /**
     * Returns the typed dict table {@code name}, creating it empty first if there is none; see
     * {@link #createDictIfAbsent(String)}.
     *
     * @param name      the table name
     * @param keyType   the key class
     * @param valueType the value class
     * @param <K>       the key type
     * @param <V>       the value type
     * @return the table
     * @throws WrongTableKindException if a list has that name
     */
    default <K, V> CyberDict<K, V> createDictIfAbsent(String name, Class<K> keyType, Class<V> valueType) {
        try {
            return createDict(name, keyType, valueType);
        } catch (TableExistsException exists) {
            return dict(name, keyType, valueType);
        }
    }

    /**
     * Returns the typed dict table {@code name}, whose types may be generic, creating it empty
     * first if there is none; see {@link #createDictIfAbsent(String)}.
     *
     * @param name      the table name
     * @param keyType   the key type
     * @param valueType the value type
     * @param <K>       the key type
     * @param <V>       the value type
     * @return the table
     * @throws WrongTableKindException if a list has that name
     */
    default <K, V> CyberDict<K, V> createDictIfAbsent(String name, Type keyType, Type valueType) {
        try {
            return createDict(name, keyType, valueType);
        } catch (TableExistsException exists) {
            return dict(name, keyType, valueType);
        }
    }

    /**
     * Creates an empty list table.
     *
     * @param name the table name
     * @return the new table
     * @throws TableExistsException if the name is taken
     */
    CyberList<Object> createList(String name);

    /**
     * Creates a list table holding a copy of {@code content}, in its iteration order.
     *
     * @param name    the table name
     * @param content the initial elements
     * @return the new table
     * @throws TableExistsException       if the name is taken
     * @throws ValueNotStorableException if an element is outside the value model; no table is created
     */
    CyberList<Object> createList(String name, Collection<?> content);

    /**
     * Creates an empty typed list table.
     *
     * @param name        the table name
     * @param elementType the element class
     * @param <E>         the element type
     * @return the new table
     * @throws TableExistsException if the name is taken
     */
    <E> CyberList<E> createList(String name, Class<E> elementType);

    /**
     * Creates an empty typed list table whose element type may be generic.
     *
     * @param name        the table name
     * @param elementType the element type
     * @param <E>         the element type
     * @return the new table
     * @throws TableExistsException if the name is taken
     */
    <E> CyberList<E> createList(String name, Type elementType);

    /**
     * Returns the list table {@code name}, creating it empty first if there is no table of that
     * name; two clients racing to create it both get the one table.
     *
     * @param name the table name
     * @return the table
     * @throws WrongTableKindException if a dict has that name
     */
    default CyberList<Object> createListIfAbsent(String name) {
        try {
            return createList(name);
        } catch (TableExistsException exists) {
            return list(name);
        }
    }

    /**
     * Returns the typed list table {@code name}, creating it empty first if there is none.
     *
     * @param name        the table name
     * @param elementType the element class
     * @param <E>         the element type
     * @return the table
     * @throws WrongTableKindException if a dict has that name
     */
    default <E> CyberList<E> createListIfAbsent(String name, Class<E> elementType) {
        try {
            return createList(name, elementType);
        } catch (TableExistsException exists) {
            return list(name, elementType);
        }
    }

    /**
     * Returns the typed list table {@code name}, whose element type may be generic, creating it
     * empty first if there is none.
     *
     * @param name        the table name
     * @param elementType the element type
     * @param <E>         the element type
     * @return the table
     * @throws WrongTableKindException if a dict has that name
     */
    default <E> CyberList<E> createListIfAbsent(String name, Type elementType) {
        try {
            return createList(name, elementType);
        } catch (TableExistsException exists) {
            return list(name, elementType);
        }
    }

    /**
     * Opens an existing dict table.
     *
     * @param name the table name
     * @return the table
     * @throws NoSuchTableException    if there is no such table
     * @throws WrongTableKindException if the table is a list
     */
    CyberDict<Object, Object> dict(String name);

    /**
     * Opens an existing dict table with typed keys and values.
     *
     * @param name      the table name
     * @param keyType   the key class
     * @param valueType the value class
     * @param <K>       the key type
     * @param <V>       the value type
     * @return the table
     * @throws NoSuchTableException    if there is no such table
     * @throws WrongTableKindException if the table is a list
     */
    <K, V> CyberDict<K, V> dict(String name, Class<K> keyType, Class<V> valueType);

    /**
     * Opens an existing dict table with typed keys and values that may be generic.
     *
     * @param name      the table name
     * @param keyType   the key type
     * @param valueType the value type
     * @param <K>       the key type
     * @param <V>       the value type
     * @return the table
     * @throws NoSuchTableException    if there is no such table
     * @throws WrongTableKindException if the table is a list
     */
    <K, V> CyberDict<K, V> dict(String name, Type keyType, Type valueType);

    /**
     * Opens an existing list table.
     *
     * @param name the table name
     * @return the table
     * @throws NoSuchTableException    if there is no such table
     * @throws WrongTableKindException if the table is a dict
     */
    CyberList<Object> list(String name);

    /**
     * Opens an existing list table with typed elements.
     *
     * @param name        the table name
     * @param elementType the element class
     * @param <E>         the element type
     * @return the table
     * @throws NoSuchTableException    if there is no such table
     * @throws WrongTableKindException if the table is a dict
     */
    <E> CyberList<E> list(String name, Class<E> elementType);

    /**
     * Opens an existing list table with typed elements that may be generic.
     *
     * @param name        the table name
     * @param elementType the element type
     * @param <E>         the element type
     * @return the table
     * @throws NoSuchTableException    if there is no such table
     * @throws WrongTableKindException if the table is a dict
     */
    <E> CyberList<E> list(String name, Type elementType);

    /**
     * Lists the tables, sorted by name: CyberDB's {@code print_tables()}.
     *
     * @return the name and kind of every table
     */
    List<TableInfo> tables();

    /**
     * Returns whether a table exists.
     *
     * @param name the table name
     * @return {@code true} if a dict or list of that name exists
     */
    boolean exists(String name);

    /**
     * Saves a snapshot of the whole database to its data file now: the server's, for a network
     * client, or the one an embedded database was opened with.
     *
     * @throws IllegalStateException if the database has no data file
     * @throws StorageException      if the file cannot be written; the previous one is intact
     */
    void save();

    /**
     * Deletes a table and its content: CyberDB's {@code delete_table}. Table objects already
     * opened on it throw {@link NoSuchTableException} from then on.
     *
     * @param name the table name
     * @return {@code true} if a table was deleted, {@code false} if there was none
     */
    boolean dropTable(String name);

    /**
     * Tells what the database says about itself, as Redis's {@code INFO} does: the server's, for a
     * network client, or the embedded database's. See {@link DatabaseInfo} for the sections.
     *
     * @return the sections
     */
    DatabaseInfo info();

    /**
     * Lists the latest requests the server found slow, newest first, as Redis's {@code SLOWLOG GET}
     * does. A server keeps the last 128; an embedded database serves no requests and keeps none.
     *
     * @param max the most to list, from 0
     * @return at most {@code max} slow requests, newest first
     * @throws IllegalArgumentException if {@code max} is negative
     */
    List<SlowRequest> slowRequests(int max);
}
