package cyberdb.core.view;

import cyberdb.api.AsyncDict;
import cyberdb.api.CyberDict;
import cyberdb.core.typed.Codec;
import cyberdb.core.view.Placement;
import java.util.AbstractMap;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SequencedMap;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

import static cyberdb.core.value.Values.ABSENT;

/**
 * A {@link CyberDict} over a {@link DictBackend}: the Map contracts, views and typed
 * conversion, written once for embedded and remote tables. The atomic compound operations are
 * compare-and-set loops on stored values, so they hold across the network without shipping code.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class DictView<K, V> extends AbstractMap<K, V> implements CyberDict<K, V> {

    final DictBackend backend;
    private final Codec<K> keys;
    final Codec<V> values;

    /**
     * Creates a view.
     *
     * @param backend the table's operations
     * @param keys    the key codec
     * @param values  the value codec
     */
    public DictView(DictBackend backend, Codec<K> keys, Codec<V> values) {
        this.backend = backend;
        this.keys = keys;
        this.values = values;
    }

    @Override
    public String name() {
        return backend.name();
    }

    private Object storedKey(K key) {
        return keys.encode(Objects.requireNonNull(key, "CyberDB keys are never null"));
    }

    Object queryKey(Object key) {
        return key == null ? ABSENT : keys.encodeQuery(key);
    }

    private V decodeOrNull(Object stored) {
        return stored == ABSENT ? null : values.decode(stored);
    }

    private Map.Entry<K, V> decode(Map.Entry<Object, Object> entry) {
        return entry == null ? null : new SimpleImmutableEntry<>(keys.decode(entry.getKey()), values.decode(entry.getValue()));
    }

    @Override
    public int size() {
        return backend.size();
    }

    @Override
    public boolean isEmpty() {
        return backend.size() == 0;
    }

    @Override
    public boolean containsKey(Object key) {
        Object stored = queryKey(key);
        return stored != ABSENT && backend.get(stored) != ABSENT;
    }

    @Override
    public boolean containsValue(Object value) {
        Object stored = values.encodeQuery(value);
        return stored != ABSENT && backend.containsValue(stored);
    }

    @Override
    public V get(Object key) {
        Object stored = queryKey(key);
        return stored == ABSENT ? null : decodeOrNull(backend.get(stored));
    }

    @Override
    public SequencedMap<K, V> getAll(Collection<? extends K> keys) {
        Set<Object> stored = LinkedHashSet.newLinkedHashSet(keys.size());
        for (K key : keys) {
            Object storedKey = queryKey(key);
            if (storedKey != ABSENT) {
                stored.add(storedKey);
            }
        }
        SequencedMap<K, V> found = LinkedHashMap.newLinkedHashMap(stored.size());
        if (stored.isEmpty()) {
            return found;
        }
        List<Object> storedKeys = List.copyOf(stored);
        List<Object> storedValues = backend.getAll(storedKeys);
        for (int i = 0; i < storedKeys.size(); i++) {
            Object value = storedValues.get(i);
            if (value != ABSENT) {
                found.put(this.keys.decode(storedKeys.get(i)), values.decode(value));
            }
        }
        return found;
    }

    @Override
    public V getOrDefault(Object key, V defaultValue) {
        Object stored = queryKey(key);
        Object value = stored == ABSENT ? ABSENT : backend.get(stored);
        return value == ABSENT ? defaultValue : values.decode(value);
    }

    @Override
    public V put(K key, V value) {
        return decodeOrNull(backend.put(storedKey(key), values.encode(value), Placement.KEEP));
    }

    @Override
    public void set(K key, V value) {
        backend.set(storedKey(key), values.encode(value));
    }

    @Override
    public V putFirst(K key, V value) {
        return decodeOrNull(backend.put(storedKey(key), values.encode(value), Placement.FIRST));
    }

    @Override
    public V putLast(K key, V value) {
        return decodeOrNull(backend.put(storedKey(key), values.encode(value), Placement.LAST));
    }

    @Override
    public void putAll(Map<? extends K, ? extends V> map) {
        SequencedMap<Object, Object> stored = LinkedHashMap.newLinkedHashMap(map.size());
        map.forEach((k, v) -> stored.put(storedKey(k), values.encode(v)));
        if (!stored.isEmpty()) {
            backend.putAll(stored);
        }
    }

    @Override
    public V remove(Object key) {
        Object stored = queryKey(key);
        return stored == ABSENT ? null : decodeOrNull(backend.remove(stored));
    }

    @Override
    public boolean remove(Object key, Object value) {
        Object storedKey = queryKey(key);
        Object storedValue = values.encodeQuery(value);
        return storedKey != ABSENT && storedValue != ABSENT && backend.remove(storedKey, storedValue);
    }

    @Override
    public void clear() {
        backend.clear();
    }

    @Override
    public V putIfAbsent(K key, V value) {
        Object storedKey = storedKey(key);
        Object storedValue = values.encode(value);
        while (true) {
            Object current = backend.putIfAbsent(storedKey, storedValue);
            if (current == ABSENT) {
                return null;
            }
            if (current != null) {
                return values.decode(current);
            }
            // Mapped to null counts as absent for Map.putIfAbsent.
            if (backend.replace(storedKey, null, storedValue)) {
                return null;
            }
        }
    }

    @Override
    public V replace(K key, V value) {
        Object storedValue = values.encode(value);
        Object storedKey = queryKey(key);
        return storedKey == ABSENT ? null : decodeOrNull(backend.replace(storedKey, storedValue));
    }

    @Override
    public boolean replace(K key, V oldValue, V newValue) {
        Object storedNew = values.encode(newValue);
        Object storedKey = queryKey(key);
        Object storedOld = values.encodeQuery(oldValue);
        return storedKey != ABSENT && storedOld != ABSENT && backend.replace(storedKey, storedOld, storedNew);
    }

    @Override
    public V computeIfAbsent(K key, Function<? super K, ? extends V> mapping) {
        Objects.requireNonNull(mapping, "mapping");
        Object storedKey = storedKey(key);
        while (true) {
            Object current = backend.get(storedKey);
            if (current != ABSENT && current != null) {
                return values.decode(current);
            }
            V computed = mapping.apply(key);
            if (computed == null) {
                return null;
            }
            if (install(storedKey, current, values.encode(computed))) {
                return computed;
            }
        }
    }

    @Override
    public V computeIfPresent(K key, BiFunction<? super K, ? super V, ? extends V> remapping) {
        Objects.requireNonNull(remapping, "remapping");
        Object storedKey = storedKey(key);
        while (true) {
            Object current = backend.get(storedKey);
            if (current == ABSENT || current == null) {
                return null;
            }
            V computed = remapping.apply(key, values.decode(current));
            if (swap(storedKey, current, computed)) {
                return computed;
            }
        }
    }

    @Override
    public V compute(K key, BiFunction<? super K, ? super V, ? extends V> remapping) {
        Objects.requireNonNull(remapping, "remapping");
        Object storedKey = storedKey(key);
        while (true) {
            Object current = backend.get(storedKey);
            V computed = remapping.apply(key, decodeOrNull(current));
            if (current == ABSENT ? computed == null || install(storedKey, ABSENT, values.encode(computed))
                    : swap(storedKey, current, computed)) {
                return computed;
            }
        }
    }

    @Override
    public V merge(K key, V value, BiFunction<? super V, ? super V, ? extends V> remapping) {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(remapping, "remapping");
        Object storedKey = storedKey(key);
        Object storedValue = values.encode(value);
        while (true) {
            Object current = backend.get(storedKey);
            if (current == ABSENT || current == null) {
                if (install(storedKey, current, storedValue)) {
                    return value;
                }
                continue;
            }
            V computed = remapping.apply(values.decode(current), value);
            if (swap(storedKey, current, computed)) {
                return computed;
            }
        }
    }

    /** Sets a key that was absent or null, unless someone got there first. */
    private boolean install(Object storedKey, Object current, Object storedValue) {
        return current == ABSENT
                ? backend.putIfAbsent(storedKey, storedValue) == ABSENT
                : backend.replace(storedKey, null, storedValue);
    }

    /** Replaces, or removes for a null result, a key that held {@code current}. */
    private boolean swap(Object storedKey, Object current, V computed) {
        return computed == null
                ? backend.remove(storedKey, current)
                : backend.replace(storedKey, current, values.encode(computed));
    }

    @Override
    public long addAndGet(K key, long delta) {
        return backend.addAndGet(storedKey(key), delta);
    }

    @Override
    public AsyncDict<K, V> async() {
        return new AsyncDictView<>(backend.async(), keys, values);
    }

    @Override
    public SequencedMap<K, V> toMap() {
        SequencedMap<Object, Object> stored = backend.copy();
        SequencedMap<K, V> copy = LinkedHashMap.newLinkedHashMap(stored.size());
        stored.forEach((k, v) -> copy.put(keys.decode(k), values.decode(v)));
        return copy;
    }

    @Override
    public Map.Entry<K, V> firstEntry() {
        return decode(backend.edge(false));
    }

    @Override
    public Map.Entry<K, V> lastEntry() {
        return decode(backend.edge(true));
    }

    @Override
    public Map.Entry<K, V> pollFirstEntry() {
        return decode(backend.pollEdge(false));
    }

    @Override
    public Map.Entry<K, V> pollLastEntry() {
        return decode(backend.pollEdge(true));
    }

    @Override
    public SequencedMap<K, V> reversed() {
        return new ReversedDict<>(this);
    }

    Iterator<Map.Entry<K, V>> entryIterator(boolean descending) {
        Iterator<Map.Entry<Object, Object>> stored = backend.iterator(descending);
        return new Iterator<>() {
            private Object lastKey = ABSENT;

            @Override
            public boolean hasNext() {
                return stored.hasNext();
            }

            @Override
            public Map.Entry<K, V> next() {
                Map.Entry<Object, Object> entry = stored.next();
                lastKey = entry.getKey();
                return new WriteThroughEntry(entry.getKey(), keys.decode(entry.getKey()), values.decode(entry.getValue()));
            }

            @Override
            public void remove() {
                if (lastKey == ABSENT) {
                    throw new IllegalStateException("next() has not been called, or remove() was already called");
                }
                backend.remove(lastKey);
                lastKey = ABSENT;
            }
        };
    }

    /** An iterated entry whose {@code setValue} writes to the table. */
    private final class WriteThroughEntry extends SimpleEntry<K, V> {
        private static final long serialVersionUID = 1L;
        private final transient Object storedKey;

        WriteThroughEntry(Object storedKey, K key, V value) {
            super(key, value);
            this.storedKey = storedKey;
        }

        @Override
        public V setValue(V value) {
            backend.put(storedKey, values.encode(value), Placement.KEEP);
            return super.setValue(value);
        }
    }

    private transient Set<Map.Entry<K, V>> entrySet;
    private transient Set<K> keySet;
    private transient Collection<V> valueCollection;

    @Override
    public Set<Map.Entry<K, V>> entrySet() {
        Set<Map.Entry<K, V>> set = entrySet;
        return set != null ? set : (entrySet = new DictCollections.EntrySet<>(this, false));
    }

    @Override
    public Set<K> keySet() {
        Set<K> set = keySet;
        return set != null ? set : (keySet = new DictCollections.KeySet<>(this, false));
    }

    @Override
    public Collection<V> values() {
        Collection<V> collection = valueCollection;
        return collection != null ? collection : (valueCollection = new DictCollections.ValueCollection<>(this, false));
    }
}
