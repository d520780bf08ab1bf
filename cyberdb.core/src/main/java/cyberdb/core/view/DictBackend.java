package cyberdb.core.view;

import cyberdb.core.view.Placement;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;

/**
 * The operations a dict view needs, on stored keys and values, each one atomic and (for a
 * remote table) one round trip. {@link cyberdb.core.value.Values#ABSENT} marks a missing key,
 * since {@code null} is a value. Implemented in process by the engine and across the network by
 * the client.
 */
public interface DictBackend {

    /** @return the table name */
    String name();

    /**
     * @param key a stored key
     * @return its value, or ABSENT
     */
    Object get(Object key);

    /**
     * @param keys stored keys, none of them {@code null}
     * @return their values in the same order, ABSENT for each missing key
     */
    List<Object> getAll(List<Object> keys);

    /** @return the number of entries */
    int size();

    /**
     * @param value a stored value
     * @return whether some key maps to it
     */
    boolean containsValue(Object value);

    /**
     * Maps a key.
     *
     * @param key       a stored key
     * @param value     a stored value
     * @param placement where the key ends up in the order
     * @return the previous value, or ABSENT
     */
    Object put(Object key, Object value, Placement placement);

    /**
     * Maps a key to a value, an existing key keeping its place, without returning the previous value.
     *
     * @param key   the stored key
     * @param value the stored value
     */
    void set(Object key, Object value);

    /**
     * Maps a key only if it has no mapping at all (a key mapped to null counts as present).
     *
     * @param key   a stored key
     * @param value a stored value
     * @return ABSENT if the mapping was added, else the current value
     */
    Object putIfAbsent(Object key, Object value);

    /**
     * Maps a key only if it has a mapping.
     *
     * @param key   a stored key
     * @param value a stored value
     * @return the previous value, or ABSENT if nothing was changed
     */
    Object replace(Object key, Object value);

    /**
     * Maps a key only if it currently maps to {@code expected}: the compare-and-set behind
     * {@code compute} and {@code merge}.
     *
     * @param key      a stored key
     * @param expected the stored value it must have
     * @param value    the new stored value
     * @return whether it was replaced
     */
    boolean replace(Object key, Object expected, Object value);

    /**
     * @param key a stored key
     * @return the removed value, or ABSENT
     */
    Object remove(Object key);

    /**
     * Removes a key only if it maps to {@code expected}.
     *
     * @param key      a stored key
     * @param expected the stored value it must have
     * @return whether it was removed
     */
    boolean remove(Object key, Object expected);

    /**
     * Maps every entry, atomically.
     *
     * @param entries stored keys and values
     */
    void putAll(SequencedMap<Object, Object> entries);

    /** Removes every entry. */
    void clear();

    /**
     * Adds to an integral value; a missing or null value counts as 0.
     *
     * @param key   a stored key
     * @param delta the amount
     * @return the new value
     */
    long addAndGet(Object key, long delta);

    /**
     * @param last {@code true} for the last entry in order
     * @return the first or last entry, or {@code null} if empty
     */
    Map.Entry<Object, Object> edge(boolean last);

    /**
     * Removes and returns the first or last entry.
     *
     * @param last {@code true} for the last entry in order
     * @return the removed entry, or {@code null} if empty
     */
    Map.Entry<Object, Object> pollEdge(boolean last);

    /** @return a consistent copy of all entries, in order */
    SequencedMap<Object, Object> copy();

    /**
     * @param descending {@code true} to iterate from the last entry
     * @return a weakly consistent iterator over immutable stored entries
     */
    Iterator<Map.Entry<Object, Object>> iterator(boolean descending);

    /**
     * The asynchronous operations on this table. A backend that waits for a network sends
     * requests and returns; the default runs each operation at once, in the calling thread.
     *
     * @return this table's asynchronous operations
     */
    default AsyncDictBackend async() {
        return Completed.dict(this);
    }
}
