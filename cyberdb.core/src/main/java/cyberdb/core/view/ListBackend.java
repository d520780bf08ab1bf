package cyberdb.core.view;

import java.util.List;

/**
 * The operations a list view needs, on stored elements, each one atomic and (for a remote
 * table) one round trip. Indices given to {@link #elementAt} and {@link #removeAt} may be
 * negative, counting from the end as in Python, which lets {@code getLast} and
 * {@code removeLast} be one atomic step.
 */
public interface ListBackend {

    /** @return the table name */
    String name();

    /** @return the number of elements */
    int size();

    /**
     * @param index an index, negative to count from the end
     * @return the element, or {@link cyberdb.core.value.Values#ABSENT} if out of range
     */
    Object elementAt(int index);

    /**
     * @param index a valid index
     * @param value a stored element
     * @return the previous element
     * @throws IndexOutOfBoundsException if the index is out of range
     */
    Object set(int index, Object value);

    /**
     * @param index  where to insert, from 0 to size
     * @param values stored elements
     * @throws IndexOutOfBoundsException if the index is out of range
     */
    void insert(int index, List<Object> values);

    /** @param values stored elements to add at the end */
    void append(List<Object> values);

    /**
     * @param index an index, negative to count from the end
     * @return the removed element, or ABSENT if out of range
     */
    Object removeAt(int index);

    /**
     * @param value a stored element
     * @return whether an equal element was found and removed (the first one)
     */
    boolean removeFirstEqual(Object value);

    /**
     * @param value    a stored element
     * @param fromLast {@code true} to search from the end
     * @return the index of an equal element, or -1
     */
    int indexOf(Object value, boolean fromLast);

    /**
     * @param value a stored element
     * @return how many elements equal it
     */
    int count(Object value);

    /** Removes every element. */
    void clear();

    /** Reverses the order of the elements. */
    void reverse();

    /**
     * @param from the first index
     * @param to   one past the last index
     * @return a consistent copy of the range
     * @throws IndexOutOfBoundsException if the range is outside the list
     */
    List<Object> slice(int from, int to);

    /**
     * Copies up to {@code max} elements from {@code from}, fewer at the end of the list: how
     * iteration fetches, a page per round trip.
     *
     * @param from the first index, at least 0
     * @param max  the most elements to return
     * @return the elements, empty past the end
     */
    List<Object> page(int from, int max);

    /** @return a consistent copy of the list with its version */
    VersionedList versioned();

    /**
     * Replaces the whole content if nothing changed since {@code version}: the compare-and-set
     * behind {@code sort}, {@code replaceAll} and {@code removeIf}.
     *
     * @param version  the version the new content was computed from
     * @param elements the new stored elements
     * @return whether the list was replaced
     */
    boolean replaceAll(long version, List<Object> elements);

    /**
     * The asynchronous operations on this list; the default runs each at once, in the calling thread.
     *
     * @return this list's asynchronous operations
     */
    default AsyncListBackend async() {
        return Completed.list(this);
    }
}
