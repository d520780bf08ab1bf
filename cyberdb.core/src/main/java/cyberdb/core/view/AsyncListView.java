package cyberdb.core.view;

import cyberdb.api.AsyncList;
import cyberdb.core.typed.Codec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import static cyberdb.core.value.Values.ABSENT;

/**
 * An {@link AsyncList} over an {@link AsyncListBackend}, with the conversion and the errors of
 * {@link ListView}.
 *
 * @param <E> the element type
 */
final class AsyncListView<E> implements AsyncList<E> {

    private final String name;
    private final AsyncListBackend backend;
    private final Codec<E> codec;

    AsyncListView(String name, AsyncListBackend backend, Codec<E> codec) {
        this.name = name;
        this.backend = backend;
        this.codec = codec;
    }

    private IndexOutOfBoundsException outOfBounds(int index) {
        return new IndexOutOfBoundsException("Index " + index + " out of bounds for list '" + name + "'");
    }

    @Override
    public CompletionStage<E> get(int index) {
        if (index < 0) {
            return CompletableFuture.failedFuture(outOfBounds(index));
        }
        return backend.elementAt(index).thenApply(stored -> {
            if (stored == ABSENT) {
                throw outOfBounds(index);
            }
            return codec.decode(stored);
        });
    }

    @Override
    public CompletionStage<Void> add(E element) {
        Object stored;
        try {
            stored = codec.encode(element);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return backend.append(Collections.singletonList(stored));
    }

    @Override
    public CompletionStage<Void> addAll(Collection<? extends E> elements) {
        List<Object> stored = new ArrayList<>(elements.size());
        try {
            elements.forEach(e -> stored.add(codec.encode(e)));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return stored.isEmpty() ? CompletableFuture.completedFuture(null) : backend.append(stored);
    }

    @Override
    public CompletionStage<E> set(int index, E element) {
        Object stored;
        try {
            stored = codec.encode(element);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return backend.set(index, stored).thenApply(codec::decode);
    }

    @Override
    public CompletionStage<E> removeLast() {
        return backend.removeAt(-1).thenApply(stored -> {
            if (stored == ABSENT) {
                throw new NoSuchElementException("List '" + name + "' is empty");
            }
            return codec.decode(stored);
        });
    }

    @Override
    public CompletionStage<Integer> size() {
        return backend.size();
    }

    @Override
    public CompletionStage<List<E>> slice(int fromIndex, int toIndex) {
        return backend.slice(fromIndex, toIndex).thenApply(this::decodeAll);
    }

    @Override
    public CompletionStage<List<E>> toList() {
        return backend.copy().thenApply(this::decodeAll);
    }

    private List<E> decodeAll(List<Object> stored) {
        List<E> decoded = new ArrayList<>(stored.size());
        for (Object element : stored) {
            decoded.add(codec.decode(element));
        }
        return decoded;
    }
}
