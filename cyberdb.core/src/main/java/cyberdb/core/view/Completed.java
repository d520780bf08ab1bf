package cyberdb.core.view;

import java.util.List;
import java.util.SequencedMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The asynchronous operations of a table whose operations never wait for a network: each runs in
 * the calling thread and returns a completed stage, failed with what the operation threw.
 */
final class Completed {

    private Completed() {
    }

    static <T> CompletableFuture<T> now(Supplier<T> operation) {
        try {
            return CompletableFuture.completedFuture(operation.get());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    static CompletableFuture<Void> now(Runnable operation) {
        return now(() -> {
            operation.run();
            return null;
        });
    }

    static AsyncDictBackend dict(DictBackend backend) {
        return new AsyncDictBackend() {
            @Override
            public CompletableFuture<Object> get(Object key) {
                return now(() -> backend.get(key));
            }

            @Override
            public CompletableFuture<List<Object>> getAll(List<Object> keys) {
                return now(() -> backend.getAll(keys));
            }

            @Override
            public CompletableFuture<Object> put(Object key, Object value) {
                return now(() -> backend.put(key, value, Placement.KEEP));
            }

            @Override
            public CompletableFuture<Void> set(Object key, Object value) {
                return now(() -> backend.set(key, value));
            }

            @Override
            public CompletableFuture<Void> putAll(SequencedMap<Object, Object> entries) {
                return now(() -> backend.putAll(entries));
            }

            @Override
            public CompletableFuture<Object> remove(Object key) {
                return now(() -> backend.remove(key));
            }

            @Override
            public CompletableFuture<Long> addAndGet(Object key, long delta) {
                return now(() -> backend.addAndGet(key, delta));
            }

            @Override
            public CompletableFuture<Integer> size() {
                return now(backend::size);
            }

            @Override
            public CompletableFuture<SequencedMap<Object, Object>> copy() {
                return now(backend::copy);
            }
        };
    }

    static AsyncListBackend list(ListBackend backend) {
        return new AsyncListBackend() {
            @Override
            public CompletableFuture<Object> elementAt(int index) {
                return now(() -> backend.elementAt(index));
            }

            @Override
            public CompletableFuture<Object> set(int index, Object value) {
                return now(() -> backend.set(index, value));
            }

            @Override
            public CompletableFuture<Void> append(List<Object> values) {
                return now(() -> backend.append(values));
            }

            @Override
            public CompletableFuture<Object> removeAt(int index) {
                return now(() -> backend.removeAt(index));
            }

            @Override
            public CompletableFuture<Integer> size() {
                return now(backend::size);
            }

            @Override
            public CompletableFuture<List<Object>> slice(int from, int to) {
                return now(() -> backend.slice(from, to));
            }

            @Override
            public CompletableFuture<List<Object>> copy() {
                return now(() -> backend.versioned().elements());
            }
        };
    }
}
