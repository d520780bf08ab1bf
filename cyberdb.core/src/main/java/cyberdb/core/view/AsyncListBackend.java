package cyberdb.core.view;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The list operations the asynchronous API offers, on stored elements, with the meaning of their
 * namesakes in {@link ListBackend}.
 */
public interface AsyncListBackend {

    /**
     * @param index an index, negative to count from the end
     * @return the element, or ABSENT if out of range
     */
    CompletableFuture<Object> elementAt(int index);

    /**
     * @param index a valid index
     * @param value a stored element
     * @return the previous element; fails with IndexOutOfBoundsException outside the list
     */
    CompletableFuture<Object> set(int index, Object value);

    /**
     * @param values stored elements to add at the end
     * @return completes once stored
     */
    CompletableFuture<Void> append(List<Object> values);

    /**
     * @param index an index, negative to count from the end
     * @return the removed element, or ABSENT if out of range
     */
    CompletableFuture<Object> removeAt(int index);

    /** @return the number of elements */
    CompletableFuture<Integer> size();

    /**
     * @param from the first index
     * @param to   one past the last index
     * @return a consistent copy of the range
     */
    CompletableFuture<List<Object>> slice(int from, int to);

    /** @return a consistent copy of the whole list */
    CompletableFuture<List<Object>> copy();
}
