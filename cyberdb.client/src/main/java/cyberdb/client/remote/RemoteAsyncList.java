package cyberdb.client.remote;

import cyberdb.client.wire.Codec;
import cyberdb.client.wire.Op;
import cyberdb.core.value.ValueReader;
import cyberdb.core.view.AsyncListBackend;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** List requests sent without waiting; the blocking backend waits for these same requests. */
final class RemoteAsyncList implements AsyncListBackend {

    private final RemoteProxy proxy;
    private final String name;

    RemoteAsyncList(RemoteProxy proxy, String name) {
        this.proxy = proxy;
        this.name = name;
    }

    @Override
    public CompletableFuture<Object> elementAt(int index) {
        return proxy.send(Op.LIST_GET, name, w -> Codec.integer(w, index), Codec::optional);
    }

    @Override
    public CompletableFuture<Object> set(int index, Object value) {
        return proxy.send(Op.LIST_SET, name, w -> {
            Codec.integer(w, index);
            w.value(value);
        }, ValueReader::value);
    }

    @Override
    public CompletableFuture<Void> append(List<Object> values) {
        return proxy.send(Op.LIST_APPEND, name, w -> Codec.values(w, values), r -> null);
    }

    @Override
    public CompletableFuture<Object> removeAt(int index) {
        return proxy.send(Op.LIST_REMOVE_AT, name, w -> Codec.integer(w, index), Codec::optional);
    }

    @Override
    public CompletableFuture<Integer> size() {
        return proxy.send(Op.LIST_SIZE, name, w -> { }, Codec::intValue);
    }

    @Override
    public CompletableFuture<List<Object>> slice(int from, int to) {
        return proxy.send(Op.LIST_SLICE, name, w -> {
            Codec.integer(w, from);
            Codec.integer(w, to);
        }, Codec::values);
    }

    @Override
    public CompletableFuture<List<Object>> copy() {
        return proxy.send(Op.LIST_VERSIONED, name, w -> { }, r -> {
            Codec.longValue(r);
            return Codec.values(r);
        });
    }
}
