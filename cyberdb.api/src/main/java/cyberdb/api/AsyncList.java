package cyberdb.api;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The common operations of a {@link CyberList}, without blocking the calling thread; see
 * {@link AsyncDict} for ordering and for the thread that completes the stages.
 *
 * @param <E> the element type
 */
public interface AsyncList<E> {

    /**
     * Reads an element, as {@link CyberList#get}.
     *
     * @param index the index
     * @return the element; fails with {@link IndexOutOfBoundsException} outside the list
     */
    CompletionStage<E> get(int index);

    /**
     * Appends an element, as {@link CyberList#add(Object)}.
     *
     * @param element the element
     * @return completes once stored
     */
    CompletionStage<Void> add(E element);

    /**
     * Appends elements, atomically, as {@link CyberList#addAll(Collection)}.
     *
     * @param elements the elements
     * @return completes once stored
     */
    CompletionStage<Void> addAll(Collection<? extends E> elements);

    /**
     * Replaces an element, as {@link CyberList#set}.
     *
     * @param index   the index
     * @param element the new element
     * @return the previous element; fails with {@link IndexOutOfBoundsException} outside the list
     */
    CompletionStage<E> set(int index, E element);

    /**
     * Removes the last element, as {@link CyberList#removeLast}.
     *
     * @return the removed element; fails with {@link java.util.NoSuchElementException} if empty
     */
    CompletionStage<E> removeLast();

    /**
     * Counts the elements, as {@link CyberList#size}.
     *
     * @return the number of elements
     */
    CompletionStage<Integer> size();

    /**
     * Copies a range, as {@link CyberList#slice}.
     *
     * @param fromIndex the first index copied
     * @param toIndex   one past the last index copied
     * @return a detached copy
     */
    CompletionStage<List<E>> slice(int fromIndex, int toIndex);

    /**
     * Copies the whole list, as {@link CyberList#toList}.
     *
     * @return a detached copy
     */
    CompletionStage<List<E>> toList();
}
