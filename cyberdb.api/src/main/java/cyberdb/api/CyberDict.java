package cyberdb.api;

import java.util.Collection;
import java.util.SequencedMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A dict table: a named, shared, insertion-ordered map, CyberDB's {@code cyberdict}.
 *
 * <p>Every {@link java.util.Map} and {@link ConcurrentMap} method keeps its contract:
 * {@link #putIfAbsent}, {@link #replace(Object, Object, Object)} and {@link #remove(Object, Object)}
 * are atomic, and {@link #compute}, {@link #computeIfAbsent}, {@link #computeIfPresent} and
 * {@link #merge} are atomic per key (the function may run more than once under contention, as
 * {@link ConcurrentMap}'s defaults allow; never give them side effects). Iteration follows
 * insertion order, is weakly consistent, and never throws
 * {@link java.util.ConcurrentModificationException} while others write.
 *
 * <p>Keys and values are copied in: a value read back is a fresh object, and changing it does
 * not change the table. Plain dicts hold CyberDB's value model: {@code null}, {@link Boolean},
 * integral numbers (read back as {@link Long}), floating point (read back as {@link Double}),
 * {@link String}, {@code byte[]}, and {@link java.util.List}s and {@link java.util.Map}s of these.
 * Typed dicts ({@link CyberProxy#dict(String, Class, Class)}) map records and POJOs to that model.
 * Values may be {@code null} (Python's {@code None}); keys may not.
 *
 * <p>As a {@link SequencedMap}, {@link #pollLastEntry()} removes the most recently inserted
 * entry (Python's {@code popitem()}), {@link #putFirst} and {@link #putLast} move a key to either
 * end, and {@link #reversed()} is a live view in the opposite order.
 *
 * <p>A dict belongs to the {@link CyberProxy} it came from and works only while that proxy is
 * connected; otherwise its methods throw {@link ProxyClosedException}.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public interface CyberDict<K, V> extends ConcurrentMap<K, V>, SequencedMap<K, V> {

    /**
     * Returns the table's name.
     *
     * @return the name this dict was opened with
     */
    String name();

    /**
     * Returns a detached copy of the whole table in insertion order, read in one consistent
     * step: CyberDB's {@code todict()}.
     *
     * @return a new mutable map that no longer follows the table
     */
    SequencedMap<K, V> toMap();

    /**
     * Atomically adds {@code delta} to the integral number stored at {@code key} and returns the
     * result. A missing key (or one mapped to {@code null}) counts as 0.
     *
     * @param key   the counter's key
     * @param delta the amount to add, possibly negative
     * @return the new value
     * @throws WrongValueKindException if the key holds something other than an integral number
     * @throws ArithmeticException     if the result overflows a {@code long}; nothing is stored
     */
    long addAndGet(K key, long delta);

    /**
     * Maps {@code key} to {@code value}, like {@link #put}, without reading the previous value
     * back: for a remote table the answer carries no value, so a large one is not sent twice
     * (Hazelcast's {@code IMap.set}, Redisson's {@code fastPut}). Use it whenever the previous
     * value is not needed.
     *
     * @param key   the key, not {@code null}
     * @param value the value
     * @throws ValueNotStorableException if the key or value is outside the value model; nothing is stored
     */
    void set(K key, V value);

    /**
     * Reads several keys at once: one round trip for a remote table, like Redis's {@code MGET}.
     * Each key is read atomically; a write that happens meanwhile may be seen for some keys and
     * not for others.
     *
     * @param keys the keys to read; duplicates are read once, and keys that cannot be in this
     *             table (wrong type, {@code null}) are treated as missing
     * @return a new map of the keys that are present, with their values, in the order given
     */
    SequencedMap<K, V> getAll(Collection<? extends K> keys);

    /**
     * Returns this table's operations without blocking: {@code dict.async().get(key)} sends the
     * request and returns at once.
     *
     * @return the asynchronous view of this table, bound to the same proxy
     */
    AsyncDict<K, V> async();
}
