package cyberdb.api;

import java.util.List;

/**
 * A list table: a named, shared sequence, CyberDB's {@code cyberlist}.
 *
 * <p>Every {@link List} method keeps its contract, including Java 21's sequenced methods
 * ({@link #addFirst}, {@link #removeLast}, ...). Each call is atomic on its own; a sequence of
 * calls is not, so indices read by one call may be stale by the next if others write. Iteration
 * fetches one element per step, is weakly consistent, and never throws
 * {@link java.util.ConcurrentModificationException}.
 *
 * <p>Elements are copied in and out, and hold the same value model as {@link CyberDict}.
 * {@link #sort(java.util.Comparator)} with a {@code null} comparator sorts by natural order.
 *
 * <p>A list belongs to the {@link CyberProxy} it came from and works only while that proxy is
 * connected; otherwise its methods throw {@link ProxyClosedException}.
 *
 * @param <E> the element type
 */
public interface CyberList<E> extends List<E> {

    /**
     * Returns the table's name.
     *
     * @return the name this list was opened with
     */
    String name();

    /**
     * Counts the elements equal to {@code element}: Python's {@code list.count}.
     *
     * @param element the element to count
     * @return how many elements are equal to it
     */
    int count(Object element);

    /** Reverses the list in place, atomically: Python's {@code list.reverse()}. */
    void reverse();

    /**
     * Returns a detached copy of the elements from {@code fromIndex} (inclusive) to
     * {@code toIndex} (exclusive), read in one consistent step: CyberDB's slicing {@code l[a:b]}.
     * Bounds follow {@link List#subList}, not Python's clamping.
     *
     * @param fromIndex the first index copied
     * @param toIndex   one past the last index copied
     * @return a new mutable list that no longer follows the table
     * @throws IndexOutOfBoundsException if the range is outside the list
     */
    List<E> slice(int fromIndex, int toIndex);

    /**
     * Returns a detached copy of the whole list, read in one consistent step: CyberDB's
     * {@code tolist()}.
     *
     * @return a new mutable list that no longer follows the table
     */
    List<E> toList();

    /**
     * Returns this list's operations without blocking: {@code list.async().add(e)} sends the
     * request and returns at once.
     *
     * @return the asynchronous view of this list, bound to the same proxy
     */
    AsyncList<E> async();
}
