package cyberdb.client.remote;

import cyberdb.client.wire.Codec;
import cyberdb.client.wire.Op;
import cyberdb.core.view.AsyncDictBackend;
import cyberdb.core.view.Placement;
import java.util.List;
import java.util.SequencedMap;
import java.util.concurrent.CompletableFuture;

/** Dict requests sent without waiting; the blocking backend waits for these same requests. */
final class RemoteAsyncDict implements AsyncDictBackend {

    private final RemoteProxy proxy;
    private final String name;

    RemoteAsyncDict(RemoteProxy proxy, String name) {
        this.proxy = proxy;
        this.name = name;
    }

    @Override
    public CompletableFuture<Object> get(Object key) {
        return proxy.send(Op.DICT_GET, name, w -> w.value(key), Codec::optional);
    }

    @Override
    public CompletableFuture<List<Object>> getAll(List<Object> keys) {
        return proxy.send(Op.DICT_GET_ALL, name, w -> Codec.values(w, keys), Codec::optionals);
    }

    @Override
    public CompletableFuture<Object> put(Object key, Object value) {
        return put(key, value, Placement.KEEP);
    }

    CompletableFuture<Object> put(Object key, Object value, Placement placement) {
        return proxy.send(Op.DICT_PUT, name, w -> Codec.placement(w.value(key).value(value), placement), Codec::optional);
    }

    @Override
    public CompletableFuture<Void> set(Object key, Object value) {
        return proxy.send(Op.DICT_SET, name, w -> w.value(key).value(value), r -> null);
    }

    @Override
    public CompletableFuture<Void> putAll(SequencedMap<Object, Object> entries) {
        return proxy.send(Op.DICT_PUT_ALL, name, w -> Codec.entries(w, entries), r -> null);
    }

    @Override
    public CompletableFuture<Object> remove(Object key) {
        return proxy.send(Op.DICT_REMOVE, name, w -> w.value(key), Codec::optional);
    }

    @Override
    public CompletableFuture<Long> addAndGet(Object key, long delta) {
        return proxy.send(Op.DICT_ADD_AND_GET, name, w -> {
            w.value(key);
            Codec.integer(w, delta);
        }, Codec::longValue);
    }

    @Override
    public CompletableFuture<Integer> size() {
        return proxy.send(Op.DICT_SIZE, name, w -> { }, Codec::intValue);
    }

    @Override
    public CompletableFuture<SequencedMap<Object, Object>> copy() {
        return proxy.send(Op.DICT_COPY, name, w -> { }, Codec::entries);
    }
}
