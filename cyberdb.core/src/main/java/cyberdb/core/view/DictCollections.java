package cyberdb.core.view;

import java.util.AbstractCollection;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import static cyberdb.core.value.Values.ABSENT;

/** The key, value and entry collections of a {@link DictView}, in either direction. */
final class DictCollections {

    private DictCollections() {
    }

    /** An iterator over one part of each entry, whose {@code remove} removes the entry. */
    private static <E, T> Iterator<T> mapped(Iterator<E> entries, Function<E, T> part) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return entries.hasNext();
            }

            @Override
            public T next() {
                return part.apply(entries.next());
            }

            @Override
            public void remove() {
                entries.remove();
            }
        };
    }

    static final class EntrySet<K, V> extends AbstractSet<Map.Entry<K, V>> {
        private final DictView<K, V> dict;
        private final boolean descending;

        EntrySet(DictView<K, V> dict, boolean descending) {
            this.dict = dict;
            this.descending = descending;
        }

        @Override
        public Iterator<Map.Entry<K, V>> iterator() {
            return dict.entryIterator(descending);
        }

        @Override
        public int size() {
            return dict.size();
        }

        @Override
        public boolean contains(Object o) {
            if (!(o instanceof Map.Entry<?, ?> entry)) {
                return false;
            }
            Object storedKey = dict.queryKey(entry.getKey());
            Object storedValue = dict.values.encodeQuery(entry.getValue());
            return storedKey != ABSENT && storedValue != ABSENT
                    && Objects.equals(dict.backend.get(storedKey), storedValue);
        }

        @Override
        public boolean remove(Object o) {
            return o instanceof Map.Entry<?, ?> entry && dict.remove(entry.getKey(), entry.getValue());
        }

        @Override
        public void clear() {
            dict.clear();
        }
    }

    static final class KeySet<K, V> extends AbstractSet<K> {
        private final DictView<K, V> dict;
        private final boolean descending;

        KeySet(DictView<K, V> dict, boolean descending) {
            this.dict = dict;
            this.descending = descending;
        }

        @Override
        public Iterator<K> iterator() {
            return mapped(dict.entryIterator(descending), Map.Entry::getKey);
        }

        @Override
        public int size() {
            return dict.size();
        }

        @Override
        public boolean contains(Object o) {
            return dict.containsKey(o);
        }

        @Override
        public boolean remove(Object o) {
            Object stored = dict.queryKey(o);
            return stored != ABSENT && dict.backend.remove(stored) != ABSENT;
        }

        @Override
        public void clear() {
            dict.clear();
        }
    }

    static final class ValueCollection<K, V> extends AbstractCollection<V> {
        private final DictView<K, V> dict;
        private final boolean descending;

        ValueCollection(DictView<K, V> dict, boolean descending) {
            this.dict = dict;
            this.descending = descending;
        }

        @Override
        public Iterator<V> iterator() {
            return mapped(dict.entryIterator(descending), Map.Entry::getValue);
        }

        @Override
        public int size() {
            return dict.size();
        }

        @Override
        public boolean contains(Object o) {
            return dict.containsValue(o);
        }

        @Override
        public void clear() {
            dict.clear();
        }
    }
}
