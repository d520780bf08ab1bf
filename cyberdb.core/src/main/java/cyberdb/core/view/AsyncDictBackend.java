package cyberdb.core.view;

import java.util.List;
import java.util.SequencedMap;
import java.util.concurrent.CompletableFuture;

/**
 * The dict operations the asynchronous API offers, on stored keys and values, with the meaning of
 * their namesakes in {@link DictBackend}. A remote table sends each as a request and returns;
 * an embedded one answers in the calling thread ({@link DictBackend#async()}).
 */
public interface AsyncDictBackend {

    /**
     * @param key a stored key
     * @return its value, or ABSENT
     */
    CompletableFuture<Object> get(Object key);

    /**
     * @param keys stored keys
     * @return their values in order, ABSENT for each missing key
     */
    CompletableFuture<List<Object>> getAll(List<Object> keys);

    /**
     * Maps a key, an existing key keeping its place.
     *
     * @param key   a stored key
     * @param value a stored value
     * @return the previous value, or ABSENT
     */
    CompletableFuture<Object> put(Object key, Object value);

    /**
     * @param key   a stored key
     * @param value a stored value
     * @return completes once stored
     */
    CompletableFuture<Void> set(Object key, Object value);

    /**
     * @param entries stored keys and values
     * @return completes once stored
     */
    CompletableFuture<Void> putAll(SequencedMap<Object, Object> entries);

    /**
     * @param key a stored key
     * @return the removed value, or ABSENT
     */
    CompletableFuture<Object> remove(Object key);

    /**
     * @param key   a stored key
     * @param delta the amount
     * @return the new value
     */
    CompletableFuture<Long> addAndGet(Object key, long delta);

    /** @return the number of entries */
    CompletableFuture<Integer> size();

    /** @return a consistent copy of all entries, in order */
    CompletableFuture<SequencedMap<Object, Object>> copy();
}
