package cyberdb.api;

import java.util.Collection;
import java.util.Map;
import java.util.SequencedMap;
import java.util.concurrent.CompletionStage;

/**
 * The common operations of a {@link CyberDict}, without blocking the calling thread: each returns
 * at once, and its stage completes with the answer (or the exception the blocking method would
 * throw). Requests from one thread go out in the order they were made, and a client sends many
 * at once over its few connections, so a thread can keep thousands in flight.
 *
 * <p>For a remote table the stages complete on the client's I/O thread: keep dependent actions
 * short and never block in them (a blocking call on a table from there fails with
 * {@link IllegalStateException}, since its answer would have to come through the same thread);
 * use the {@code ...Async} methods of {@link CompletionStage} with an executor for slow work.
 * For an embedded table the operation runs in the calling thread and the stage is already complete.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public interface AsyncDict<K, V> {

    /**
     * Reads a key, as {@link CyberDict#get}.
     *
     * @param key the key
     * @return its value, or {@code null} if absent (or mapped to {@code null})
     */
    CompletionStage<V> get(K key);

    /**
     * Reads several keys in one request, as {@link CyberDict#getAll}.
     *
     * @param keys the keys
     * @return the keys present, with their values, in the order given
     */
    CompletionStage<SequencedMap<K, V>> getAll(Collection<? extends K> keys);

    /**
     * Whether a key is present, as {@link CyberDict#containsKey}.
     *
     * @param key the key
     * @return {@code true} if present
     */
    CompletionStage<Boolean> containsKey(K key);

    /**
     * Maps a key and returns the previous value, as {@link CyberDict#put}.
     *
     * @param key   the key, not {@code null}
     * @param value the value
     * @return the previous value, or {@code null}
     */
    CompletionStage<V> put(K key, V value);

    /**
     * Maps a key without reading the previous value back, as {@link CyberDict#set}.
     *
     * @param key   the key, not {@code null}
     * @param value the value
     * @return completes once stored
     */
    CompletionStage<Void> set(K key, V value);

    /**
     * Maps every entry, atomically, as {@link CyberDict#putAll}.
     *
     * @param entries the entries
     * @return completes once stored
     */
    CompletionStage<Void> putAll(Map<? extends K, ? extends V> entries);

    /**
     * Removes a key, as {@link CyberDict#remove(Object)}.
     *
     * @param key the key
     * @return the removed value, or {@code null}
     */
    CompletionStage<V> remove(K key);

    /**
     * Adds to a counter, as {@link CyberDict#addAndGet}.
     *
     * @param key   the counter's key
     * @param delta the amount to add
     * @return the new value
     */
    CompletionStage<Long> addAndGet(K key, long delta);

    /**
     * Counts the entries, as {@link CyberDict#size}.
     *
     * @return the number of entries
     */
    CompletionStage<Integer> size();

    /**
     * Copies the whole table, as {@link CyberDict#toMap}.
     *
     * @return a detached copy in insertion order
     */
    CompletionStage<SequencedMap<K, V>> toMap();
}
