package cyberdb.client.remote;

import cyberdb.client.wire.Codec;
import cyberdb.client.wire.Op;
import cyberdb.core.view.ListBackend;
import cyberdb.core.view.VersionedList;
import java.util.List;

/** List operations as requests, one round trip each. */
final class RemoteListBackend implements ListBackend {

    private final RemoteProxy proxy;
    private final String name;
    private final RemoteAsyncList async;

    RemoteListBackend(RemoteProxy proxy, String name) {
        this.proxy = proxy;
        this.name = name;
        this.async = new RemoteAsyncList(proxy, name);
    }

    @Override
    public RemoteAsyncList async() {
        return async;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int size() {
        return proxy.await(async.size(), Op.LIST_SIZE, name);
    }

    @Override
    public Object elementAt(int index) {
        return proxy.await(async.elementAt(index), Op.LIST_GET, name);
    }

    @Override
    public Object set(int index, Object value) {
        return proxy.await(async.set(index, value), Op.LIST_SET, name);
    }

    @Override
    public void insert(int index, List<Object> values) {
        proxy.run(Op.LIST_INSERT, name, w -> {
            Codec.integer(w, index);
            Codec.values(w, values);
        });
    }

    @Override
    public void append(List<Object> values) {
        proxy.await(async.append(values), Op.LIST_APPEND, name);
    }

    @Override
    public Object removeAt(int index) {
        return proxy.await(async.removeAt(index), Op.LIST_REMOVE_AT, name);
    }

    @Override
    public boolean removeFirstEqual(Object value) {
        return proxy.call(Op.LIST_REMOVE_EQUAL, name, w -> w.value(value), Codec::flag);
    }

    @Override
    public int indexOf(Object value, boolean fromLast) {
        return proxy.call(Op.LIST_INDEX_OF, name, w -> w.value(value).writeByte(fromLast ? 1 : 0), Codec::intValue);
    }

    @Override
    public int count(Object value) {
        return proxy.call(Op.LIST_COUNT, name, w -> w.value(value), Codec::intValue);
    }

    @Override
    public void clear() {
        proxy.run(Op.LIST_CLEAR, name, w -> { });
    }

    @Override
    public void reverse() {
        proxy.run(Op.LIST_REVERSE, name, w -> { });
    }

    @Override
    public List<Object> slice(int from, int to) {
        return proxy.await(async.slice(from, to), Op.LIST_SLICE, name);
    }

    @Override
    public List<Object> page(int from, int max) {
        return proxy.call(Op.LIST_PAGE, name, w -> {
            Codec.integer(w, from);
            Codec.integer(w, max);
        }, Codec::values);
    }

    @Override
    public VersionedList versioned() {
        return proxy.call(Op.LIST_VERSIONED, name, w -> { }, r -> new VersionedList(Codec.longValue(r), Codec.values(r)));
    }

    @Override
    public boolean replaceAll(long version, List<Object> elements) {
        return proxy.call(Op.LIST_REPLACE_ALL, name, w -> {
            Codec.integer(w, version);
            Codec.values(w, elements);
        }, Codec::flag);
    }
}
