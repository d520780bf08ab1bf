package cyberdb.engine.embedded;

import cyberdb.api.WrongValueKindException;
import cyberdb.core.value.Values;
import cyberdb.core.view.DictBackend;
import cyberdb.core.view.Placement;
import cyberdb.engine.command.Command.DictClear;
import cyberdb.engine.command.Command.DictPut;
import cyberdb.engine.command.Command.DictRemove;
import cyberdb.engine.store.DictTable;
import cyberdb.engine.store.Engine;
import cyberdb.engine.store.TableImage;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SequencedMap;

import static cyberdb.core.value.Values.ABSENT;

/**
 * Dict operations against the in-process engine: reads go to the table directly, conditional
 * writes decide and apply under the engine's write lock. The table is looked up by name on
 * every call, as a remote server would, so a dropped or reloaded table is seen at once.
 */
public final class LocalDictBackend implements DictBackend {

    private final Engine engine;
    private final String name;
    private final Runnable guard;
    /** The table last looked up; a plain field, since a stale read only costs one more lookup. */
    private DictTable found;

    /**
     * Binds a dict.
     *
     * @param engine the engine
     * @param name   the table name
     * @param guard  run before every operation; throws if the caller may not proceed
     */
    public LocalDictBackend(Engine engine, String name, Runnable guard) {
        this.engine = engine;
        this.name = name;
        this.guard = guard;
    }

    /**
     * Returns the table, looking its name up only when the one found last was detached: reads
     * then cost one volatile read instead of a name lookup and kind check.
     */
    private DictTable table() {
        guard.run();
        DictTable table = found;
        if (table == null || table.detached()) {
            table = engine.dict(name);
            found = table;
        }
        return table;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Object get(Object key) {
        return table().get(key);
    }

    @Override
    public List<Object> getAll(List<Object> keys) {
        DictTable table = table();
        List<Object> values = new ArrayList<>(keys.size());
        for (Object key : keys) {
            values.add(table.get(key));
        }
        return values;
    }

    @Override
    public int size() {
        return table().size();
    }

    @Override
    public boolean containsValue(Object value) {
        return table().containsValue(value);
    }

    @Override
    public Object put(Object key, Object value, Placement placement) {
        guard.run();
        return engine.write(() -> engine.apply(new DictPut(name, key, value, placement)));
    }

    @Override
    public void set(Object key, Object value) {
        guard.run();
        engine.write(() -> engine.apply(new DictPut(name, key, value, Placement.KEEP)));
    }

    @Override
    public Object putIfAbsent(Object key, Object value) {
        guard.run();
        return engine.write(() -> {
            Object current = engine.dict(name).get(key);
            if (current == ABSENT) {
                engine.apply(new DictPut(name, key, value, Placement.KEEP));
            }
            return current;
        });
    }

    @Override
    public Object replace(Object key, Object value) {
        guard.run();
        return engine.write(() -> {
            Object current = engine.dict(name).get(key);
            if (current != ABSENT) {
                engine.apply(new DictPut(name, key, value, Placement.KEEP));
            }
            return current;
        });
    }

    @Override
    public boolean replace(Object key, Object expected, Object value) {
        guard.run();
        return engine.write(() -> {
            Object current = engine.dict(name).get(key);
            if (current == ABSENT || !Objects.equals(current, expected)) {
                return false;
            }
            engine.apply(new DictPut(name, key, value, Placement.KEEP));
            return true;
        });
    }

    @Override
    public Object remove(Object key) {
        guard.run();
        return engine.write(() -> engine.dict(name).get(key) == ABSENT ? ABSENT : engine.apply(new DictRemove(name, key)));
    }

    @Override
    public boolean remove(Object key, Object expected) {
        guard.run();
        return engine.write(() -> {
            Object current = engine.dict(name).get(key);
            if (current == ABSENT || !Objects.equals(current, expected)) {
                return false;
            }
            engine.apply(new DictRemove(name, key));
            return true;
        });
    }

    @Override
    public void putAll(SequencedMap<Object, Object> entries) {
        guard.run();
        engine.putAll(name, entries);
    }

    @Override
    public void clear() {
        guard.run();
        engine.write(() -> engine.dict(name).size() == 0 ? null : engine.apply(new DictClear(name)));
    }

    @Override
    public long addAndGet(Object key, long delta) {
        guard.run();
        return engine.write(() -> {
            Object current = engine.dict(name).get(key);
            long base = switch (current) {
                case Long l -> l;
                case null -> 0L;
                default -> {
                    if (current == ABSENT) {
                        yield 0L;
                    }
                    throw new WrongValueKindException("Key " + key + " in dict '" + name + "' holds a "
                            + Values.kindOf(current) + ", not an integer; addAndGet counts integers only.");
                }
            };
            long result = Math.addExact(base, delta);
            engine.apply(new DictPut(name, key, result, Placement.KEEP));
            return result;
        });
    }

    @Override
    public Map.Entry<Object, Object> edge(boolean last) {
        return table().edge(last);
    }

    @Override
    public Map.Entry<Object, Object> pollEdge(boolean last) {
        guard.run();
        return engine.write(() -> {
            Map.Entry<Object, Object> edge = engine.dict(name).edge(last);
            if (edge != null) {
                engine.apply(new DictRemove(name, edge.getKey()));
            }
            return edge;
        });
    }

    @Override
    public SequencedMap<Object, Object> copy() {
        DictTable table = table();
        TableImage image = engine.write(table::image);
        SequencedMap<Object, Object> copy = LinkedHashMap.newLinkedHashMap(image.keys().size());
        for (int i = 0; i < image.keys().size(); i++) {
            copy.put(image.keys().get(i), image.values().get(i));
        }
        return copy;
    }

    @Override
    public Iterator<Map.Entry<Object, Object>> iterator(boolean descending) {
        Iterator<Map.Entry<Object, Object>> entries = table().iterator(descending);
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                guard.run();
                return entries.hasNext();
            }

            @Override
            public Map.Entry<Object, Object> next() {
                guard.run();
                return entries.next();
            }
        };
    }
}
