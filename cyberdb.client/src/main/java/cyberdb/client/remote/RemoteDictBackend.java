package cyberdb.client.remote;

import cyberdb.client.wire.Codec;
import cyberdb.client.wire.Op;
import cyberdb.core.view.DictBackend;
import cyberdb.core.view.Placement;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SequencedMap;

/** Dict operations as requests, one round trip each; iteration fetches pages through a server cursor. */
final class RemoteDictBackend implements DictBackend {

    private static final int PAGE = 256;

    private final RemoteProxy proxy;
    private final String name;
    private final RemoteAsyncDict async;

    RemoteDictBackend(RemoteProxy proxy, String name) {
        this.proxy = proxy;
        this.name = name;
        this.async = new RemoteAsyncDict(proxy, name);
    }

    @Override
    public RemoteAsyncDict async() {
        return async;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Object get(Object key) {
        return proxy.await(async.get(key), Op.DICT_GET, name);
    }

    @Override
    public List<Object> getAll(List<Object> keys) {
        return proxy.await(async.getAll(keys), Op.DICT_GET_ALL, name);
    }

    @Override
    public int size() {
        return proxy.await(async.size(), Op.DICT_SIZE, name);
    }

    @Override
    public boolean containsValue(Object value) {
        return proxy.call(Op.DICT_CONTAINS_VALUE, name, w -> w.value(value), Codec::flag);
    }

    @Override
    public Object put(Object key, Object value, Placement placement) {
        return proxy.await(async.put(key, value, placement), Op.DICT_PUT, name);
    }

    @Override
    public void set(Object key, Object value) {
        proxy.await(async.set(key, value), Op.DICT_SET, name);
    }

    @Override
    public Object putIfAbsent(Object key, Object value) {
        return proxy.call(Op.DICT_PUT_IF_ABSENT, name, w -> w.value(key).value(value), Codec::optional);
    }

    @Override
    public Object replace(Object key, Object value) {
        return proxy.call(Op.DICT_REPLACE, name, w -> w.value(key).value(value), Codec::optional);
    }

    @Override
    public boolean replace(Object key, Object expected, Object value) {
        return proxy.call(Op.DICT_REPLACE_IF, name, w -> w.value(key).value(expected).value(value), Codec::flag);
    }

    @Override
    public Object remove(Object key) {
        return proxy.await(async.remove(key), Op.DICT_REMOVE, name);
    }

    @Override
    public boolean remove(Object key, Object expected) {
        return proxy.call(Op.DICT_REMOVE_IF, name, w -> w.value(key).value(expected), Codec::flag);
    }

    @Override
    public void putAll(SequencedMap<Object, Object> entries) {
        proxy.await(async.putAll(entries), Op.DICT_PUT_ALL, name);
    }

    @Override
    public void clear() {
        proxy.run(Op.DICT_CLEAR, name, w -> { });
    }

    @Override
    public long addAndGet(Object key, long delta) {
        return proxy.await(async.addAndGet(key, delta), Op.DICT_ADD_AND_GET, name);
    }

    @Override
    public Map.Entry<Object, Object> edge(boolean last) {
        return proxy.call(Op.DICT_EDGE, name, w -> w.writeByte(last ? 1 : 0), Codec::entry);
    }

    @Override
    public Map.Entry<Object, Object> pollEdge(boolean last) {
        return proxy.call(Op.DICT_POLL_EDGE, name, w -> w.writeByte(last ? 1 : 0), Codec::entry);
    }

    @Override
    public SequencedMap<Object, Object> copy() {
        return proxy.await(async.copy(), Op.DICT_COPY, name);
    }

    @Override
    public Iterator<Map.Entry<Object, Object>> iterator(boolean descending) {
        return new Iterator<>() {
            private final Deque<Map.Entry<Object, Object>> page = new ArrayDeque<>();
            private ClientConnection connection;
            private long cursor;
            private boolean more = true;

            @Override
            public boolean hasNext() {
                if (page.isEmpty() && more) {
                    fetch();
                }
                return !page.isEmpty();
            }

            private void fetch() {
                if (connection == null) {
                    connection = proxy.cursorConnection();
                }
                proxy.call(connection, Op.DICT_PAGE, name, w -> {
                    Codec.integer(w, proxy.session());
                    Codec.integer(w, cursor);
                    w.writeByte(descending ? 1 : 0);
                    Codec.integer(w, PAGE);
                }, r -> {
                    cursor = Codec.longValue(r);
                    more = Codec.flag(r);
                    int n = r.count(2);
                    for (int i = 0; i < n; i++) {
                        page.add(new java.util.AbstractMap.SimpleImmutableEntry<>(r.value(), r.value()));
                    }
                    return null;
                });
            }

            @Override
            public Map.Entry<Object, Object> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return page.poll();
            }
        };
    }
}
