package cyberdb.core.view;

import cyberdb.api.AsyncDict;
import cyberdb.core.typed.Codec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SequencedMap;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

import static cyberdb.core.value.Values.ABSENT;

/**
 * An {@link AsyncDict} over an {@link AsyncDictBackend}, with the typed conversion of
 * {@link DictView}. A key or value that cannot be stored fails the stage rather than the call,
 * so every error arrives the same way.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
final class AsyncDictView<K, V> implements AsyncDict<K, V> {

    private final AsyncDictBackend backend;
    private final Codec<K> keys;
    private final Codec<V> values;

    AsyncDictView(AsyncDictBackend backend, Codec<K> keys, Codec<V> values) {
        this.backend = backend;
        this.keys = keys;
        this.values = values;
    }

    private Object storedKey(K key) {
        return keys.encode(Objects.requireNonNull(key, "CyberDB keys are never null"));
    }

    /** The stored form of a key to look up; ABSENT for one that cannot be in the table. */
    private Object queryKey(K key) {
        return key == null ? ABSENT : keys.encodeQuery(key);
    }

    /**
     * Asks the backend about a key; a key that cannot be stored is absent without asking, and one
     * that cannot be encoded fails the stage.
     */
    private <T> CompletionStage<T> forKey(K key, T absent, Function<Object, CompletionStage<T>> ask) {
        Object stored;
        try {
            stored = queryKey(key);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return stored == ABSENT ? CompletableFuture.completedFuture(absent) : ask.apply(stored);
    }

    private V decodeOrNull(Object stored) {
        return stored == ABSENT ? null : values.decode(stored);
    }

    @Override
    public CompletionStage<V> get(K key) {
        return forKey(key, null, stored -> backend.get(stored).thenApply(this::decodeOrNull));
    }

    @Override
    public CompletionStage<Boolean> containsKey(K key) {
        return forKey(key, false, stored -> backend.get(stored).thenApply(v -> v != ABSENT));
    }

    @Override
    public CompletionStage<SequencedMap<K, V>> getAll(Collection<? extends K> wanted) {
        List<Object> storedKeys;
        try {
            Set<Object> distinct = LinkedHashSet.newLinkedHashSet(wanted.size());
            for (K key : wanted) {
                Object stored = queryKey(key);
                if (stored != ABSENT) {
                    distinct.add(stored);
                }
            }
            storedKeys = new ArrayList<>(distinct);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (storedKeys.isEmpty()) {
            return CompletableFuture.completedFuture(new LinkedHashMap<>());
        }
        return backend.getAll(storedKeys).thenApply(storedValues -> {
            SequencedMap<K, V> found = LinkedHashMap.newLinkedHashMap(storedKeys.size());
            for (int i = 0; i < storedKeys.size(); i++) {
                Object value = storedValues.get(i);
                if (value != ABSENT) {
                    found.put(keys.decode(storedKeys.get(i)), values.decode(value));
                }
            }
            return found;
        });
    }

    @Override
    public CompletionStage<V> put(K key, V value) {
        Object storedKey;
        Object storedValue;
        try {
            storedKey = storedKey(key);
            storedValue = values.encode(value);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return backend.put(storedKey, storedValue).thenApply(this::decodeOrNull);
    }

    @Override
    public CompletionStage<Void> set(K key, V value) {
        Object storedKey;
        Object storedValue;
        try {
            storedKey = storedKey(key);
            storedValue = values.encode(value);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return backend.set(storedKey, storedValue);
    }

    @Override
    public CompletionStage<Void> putAll(Map<? extends K, ? extends V> entries) {
        SequencedMap<Object, Object> stored = LinkedHashMap.newLinkedHashMap(entries.size());
        try {
            entries.forEach((k, v) -> stored.put(storedKey(k), values.encode(v)));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return stored.isEmpty() ? CompletableFuture.completedFuture(null) : backend.putAll(stored);
    }

    @Override
    public CompletionStage<V> remove(K key) {
        return forKey(key, null, stored -> backend.remove(stored).thenApply(this::decodeOrNull));
    }

    @Override
    public CompletionStage<Long> addAndGet(K key, long delta) {
        Object stored;
        try {
            stored = storedKey(key);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return backend.addAndGet(stored, delta);
    }

    @Override
    public CompletionStage<Integer> size() {
        return backend.size();
    }

    @Override
    public CompletionStage<SequencedMap<K, V>> toMap() {
        return backend.copy().thenApply(stored -> {
            SequencedMap<K, V> copy = LinkedHashMap.newLinkedHashMap(stored.size());
            stored.forEach((k, v) -> copy.put(keys.decode(k), values.decode(v)));
            return copy;
        });
    }
}
