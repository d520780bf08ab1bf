package cyberdb.core.view;

import cyberdb.api.AsyncList;
import cyberdb.api.CyberList;
import cyberdb.core.typed.Codec;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import static cyberdb.core.value.Values.ABSENT;

/**
 * A {@link CyberList} over a {@link ListBackend}, written once for embedded and remote tables.
 * Whole-list rewrites ({@link #sort}, {@link #replaceAll}, {@link #removeIf}) run the caller's
 * code locally and install the result by compare-and-set on the list's version, so they are
 * atomic without shipping code.
 *
 * @param <E> the element type
 */
public final class ListView<E> extends AbstractList<E> implements CyberList<E> {

    private final ListBackend backend;
    private final Codec<E> codec;

    /**
     * Creates a view.
     *
     * @param backend the table's operations
     * @param codec   the element codec
     */
    public ListView(ListBackend backend, Codec<E> codec) {
        this.backend = backend;
        this.codec = codec;
    }

    @Override
    public String name() {
        return backend.name();
    }

    @Override
    public int size() {
        return backend.size();
    }

    @Override
    public E get(int index) {
        Object stored = index < 0 ? ABSENT : backend.elementAt(index);
        if (stored == ABSENT) {
            throw outOfBounds(index);
        }
        return codec.decode(stored);
    }

    private IndexOutOfBoundsException outOfBounds(int index) {
        return new IndexOutOfBoundsException("Index " + index + " out of bounds for list '" + name()
                + "' of size " + size());
    }

    @Override
    public E set(int index, E element) {
        return codec.decode(backend.set(index, codec.encode(element)));
    }

    @Override
    public boolean add(E element) {
        backend.append(Collections.singletonList(codec.encode(element)));
        return true;
    }

    @Override
    public void add(int index, E element) {
        backend.insert(index, Collections.singletonList(codec.encode(element)));
    }

    @Override
    public boolean addAll(Collection<? extends E> elements) {
        List<Object> stored = encodeAll(elements);
        if (!stored.isEmpty()) {
            backend.append(stored);
        }
        return !stored.isEmpty();
    }

    @Override
    public boolean addAll(int index, Collection<? extends E> elements) {
        List<Object> stored = encodeAll(elements);
        if (stored.isEmpty()) {
            Objects.checkIndex(index, size() + 1);
            return false;
        }
        backend.insert(index, stored);
        return true;
    }

    private List<Object> encodeAll(Collection<? extends E> elements) {
        List<Object> stored = new ArrayList<>(elements.size());
        for (E element : elements) {
            stored.add(codec.encode(element));
        }
        return stored;
    }

    @Override
    public E remove(int index) {
        Object removed = index < 0 ? ABSENT : backend.removeAt(index);
        if (removed == ABSENT) {
            throw outOfBounds(index);
        }
        return codec.decode(removed);
    }

    @Override
    public boolean remove(Object element) {
        Object stored = codec.encodeQuery(element);
        return stored != ABSENT && backend.removeFirstEqual(stored);
    }

    @Override
    public E getFirst() {
        return edge(backend.elementAt(0));
    }

    @Override
    public E getLast() {
        return edge(backend.elementAt(-1));
    }

    @Override
    public E removeFirst() {
        return edge(backend.removeAt(0));
    }

    @Override
    public E removeLast() {
        return edge(backend.removeAt(-1));
    }

    private E edge(Object stored) {
        if (stored == ABSENT) {
            throw new NoSuchElementException("List '" + name() + "' is empty");
        }
        return codec.decode(stored);
    }

    @Override
    public boolean contains(Object element) {
        return indexOf(element) >= 0;
    }

    @Override
    public int indexOf(Object element) {
        Object stored = codec.encodeQuery(element);
        return stored == ABSENT ? -1 : backend.indexOf(stored, false);
    }

    @Override
    public int lastIndexOf(Object element) {
        Object stored = codec.encodeQuery(element);
        return stored == ABSENT ? -1 : backend.indexOf(stored, true);
    }

    @Override
    public int count(Object element) {
        Object stored = codec.encodeQuery(element);
        return stored == ABSENT ? 0 : backend.count(stored);
    }

    @Override
    public void clear() {
        backend.clear();
    }

    @Override
    public void reverse() {
        backend.reverse();
    }

    @Override
    public List<E> slice(int fromIndex, int toIndex) {
        return decodeAll(backend.slice(fromIndex, toIndex));
    }

    @Override
    public AsyncList<E> async() {
        return new AsyncListView<>(name(), backend.async(), codec);
    }

    @Override
    public List<E> toList() {
        return decodeAll(backend.versioned().elements());
    }

    private List<E> decodeAll(List<Object> stored) {
        List<E> decoded = new ArrayList<>(stored.size());
        for (Object element : stored) {
            decoded.add(codec.decode(element));
        }
        return decoded;
    }

    @Override
    public void sort(Comparator<? super E> comparator) {
        @SuppressWarnings("unchecked")
        Comparator<? super E> order = comparator != null ? comparator : (Comparator<? super E>) Comparator.naturalOrder();
        rewrite(pairs -> pairs.sort((a, b) -> order.compare(a.element(), b.element())));
    }

    @Override
    public void replaceAll(UnaryOperator<E> operator) {
        Objects.requireNonNull(operator, "operator");
        rewrite(pairs -> pairs.replaceAll(pair -> {
            E replaced = operator.apply(pair.element());
            return new Pair<>(replaced, codec.encode(replaced));
        }));
    }

    @Override
    public boolean removeIf(Predicate<? super E> filter) {
        Objects.requireNonNull(filter, "filter");
        boolean[] removed = new boolean[1];
        rewrite(pairs -> removed[0] = pairs.removeIf(pair -> filter.test(pair.element())));
        return removed[0];
    }

    /** An element as the caller sees it, beside its stored form, so unchanged ones are not re-encoded. */
    private record Pair<E>(E element, Object stored) {
    }

    private void rewrite(java.util.function.Consumer<List<Pair<E>>> change) {
        while (true) {
            VersionedList current = backend.versioned();
            List<Pair<E>> pairs = new ArrayList<>(current.elements().size());
            for (Object stored : current.elements()) {
                pairs.add(new Pair<>(codec.decode(stored), stored));
            }
            change.accept(pairs);
            List<Object> result = new ArrayList<>(pairs.size());
            pairs.forEach(pair -> result.add(pair.stored()));
            if (result.equals(current.elements()) || backend.replaceAll(current.version(), result)) {
                return;
            }
        }
    }

    /** Elements an iterator fetches per round trip. */
    private static final int PAGE = 64;

    /**
     * Iterates page by page, weakly consistently: elements removed or added while it runs may
     * or may not be seen, and it never throws
     * {@link java.util.ConcurrentModificationException}.
     */
    @Override
    public Iterator<E> iterator() {
        return new Iterator<>() {
            private int cursor;
            private int lastReturned = -1;
            private List<Object> page = List.of();
            private int inPage;

            @Override
            public boolean hasNext() {
                if (inPage == page.size()) {
                    page = backend.page(cursor, PAGE);
                    inPage = 0;
                }
                return inPage < page.size();
            }

            @Override
            public E next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                lastReturned = cursor++;
                return codec.decode(page.get(inPage++));
            }

            @Override
            public void remove() {
                if (lastReturned < 0) {
                    throw new IllegalStateException("next() has not been called, or remove() was already called");
                }
                backend.removeAt(lastReturned);
                // The rest of the fetched page shifted down with the list; it still follows the cursor.
                cursor = lastReturned;
                lastReturned = -1;
            }
        };
    }
}
