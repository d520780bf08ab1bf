package cyberdb.core.view;

import java.util.AbstractMap;
import java.util.Collection;
import java.util.Map;
import java.util.SequencedMap;
import java.util.Set;

/**
 * The live reverse-ordered view that {@link DictView#reversed()} returns: reads and writes go
 * to the same table, only the order and the ends are swapped.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
final class ReversedDict<K, V> extends AbstractMap<K, V> implements SequencedMap<K, V> {

    private final DictView<K, V> dict;

    ReversedDict(DictView<K, V> dict) {
        this.dict = dict;
    }

    @Override
    public SequencedMap<K, V> reversed() {
        return dict;
    }

    @Override
    public int size() {
        return dict.size();
    }

    @Override
    public boolean containsKey(Object key) {
        return dict.containsKey(key);
    }

    @Override
    public boolean containsValue(Object value) {
        return dict.containsValue(value);
    }

    @Override
    public V get(Object key) {
        return dict.get(key);
    }

    @Override
    public V put(K key, V value) {
        return dict.put(key, value);
    }

    @Override
    public V remove(Object key) {
        return dict.remove(key);
    }

    @Override
    public void clear() {
        dict.clear();
    }

    @Override
    public V putFirst(K key, V value) {
        return dict.putLast(key, value);
    }

    @Override
    public V putLast(K key, V value) {
        return dict.putFirst(key, value);
    }

    @Override
    public Map.Entry<K, V> firstEntry() {
        return dict.lastEntry();
    }

    @Override
    public Map.Entry<K, V> lastEntry() {
        return dict.firstEntry();
    }

    @Override
    public Map.Entry<K, V> pollFirstEntry() {
        return dict.pollLastEntry();
    }

    @Override
    public Map.Entry<K, V> pollLastEntry() {
        return dict.pollFirstEntry();
    }

    @Override
    public Set<Map.Entry<K, V>> entrySet() {
        return new DictCollections.EntrySet<>(dict, true);
    }

    @Override
    public Set<K> keySet() {
        return new DictCollections.KeySet<>(dict, true);
    }

    @Override
    public Collection<V> values() {
        return new DictCollections.ValueCollection<>(dict, true);
    }
}
