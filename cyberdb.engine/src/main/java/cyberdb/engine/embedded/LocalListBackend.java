package cyberdb.engine.embedded;

import cyberdb.core.value.Values;
import cyberdb.core.view.ListBackend;
import cyberdb.core.view.VersionedList;
import cyberdb.engine.command.Command.ListInsert;
import cyberdb.engine.command.Command.ListRemove;
import cyberdb.engine.command.Command.ListReplaceAll;
import cyberdb.engine.command.Command.ListSet;
import cyberdb.engine.store.Engine;
import cyberdb.engine.store.ListTable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import static cyberdb.core.value.Values.ABSENT;

/**
 * List operations against the in-process engine. Index checks happen under the engine's
 * write lock, against the size the command will meet.
 */
public final class LocalListBackend implements ListBackend {

    private final Engine engine;
    private final String name;
    private final Runnable guard;

    /**
     * Binds a list.
     *
     * @param engine the engine
     * @param name   the table name
     * @param guard  run before every operation; throws if the caller may not proceed
     */
    public LocalListBackend(Engine engine, String name, Runnable guard) {
        this.engine = engine;
        this.name = name;
        this.guard = guard;
    }

    private ListTable table() {
        guard.run();
        return engine.list(name);
    }

    private static int resolve(int index, int size) {
        return index < 0 ? index + size : index;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int size() {
        return table().size();
    }

    @Override
    public Object elementAt(int index) {
        ListTable table = table();
        if (index >= 0) {
            return table.elementAt(index);
        }
        VersionedList all = table.versioned();
        int resolved = resolve(index, all.elements().size());
        return resolved < 0 ? ABSENT : all.elements().get(resolved);
    }

    @Override
    public Object set(int index, Object value) {
        guard.run();
        return engine.write(() -> {
            Objects.checkIndex(index, engine.list(name).size());
            return engine.apply(new ListSet(name, index, value));
        });
    }

    @Override
    public void insert(int index, List<Object> values) {
        guard.run();
        engine.write(() -> {
            Objects.checkIndex(index, engine.list(name).size() + 1);
            return engine.apply(new ListInsert(name, index, nullSafe(values)));
        });
    }

    @Override
    public void append(List<Object> values) {
        guard.run();
        engine.write(() -> engine.apply(new ListInsert(name, engine.list(name).size(), nullSafe(values))));
    }

    /** Commands hold lists that nobody else can change; stored lists may contain null. */
    private static List<Object> nullSafe(List<Object> values) {
        return Values.frozenList(values.toArray());
    }

    @Override
    public Object removeAt(int index) {
        guard.run();
        return engine.write(() -> {
            int size = engine.list(name).size();
            int resolved = resolve(index, size);
            return resolved < 0 || resolved >= size ? ABSENT : engine.apply(new ListRemove(name, resolved));
        });
    }

    @Override
    public boolean removeFirstEqual(Object value) {
        guard.run();
        return engine.write(() -> {
            int found = engine.list(name).indexOf(value, false);
            if (found >= 0) {
                engine.apply(new ListRemove(name, found));
            }
            return found >= 0;
        });
    }

    @Override
    public int indexOf(Object value, boolean fromLast) {
        return table().indexOf(value, fromLast);
    }

    @Override
    public int count(Object value) {
        return table().count(value);
    }

    @Override
    public void clear() {
        guard.run();
        engine.write(() -> engine.list(name).size() == 0 ? null : engine.apply(new ListReplaceAll(name, List.of())));
    }

    @Override
    public void reverse() {
        guard.run();
        engine.write(() -> {
            List<Object> reversed = new ArrayList<>(engine.list(name).versioned().elements());
            Collections.reverse(reversed);
            return engine.apply(new ListReplaceAll(name, nullSafe(reversed)));
        });
    }

    @Override
    public List<Object> slice(int from, int to) {
        return table().slice(from, to);
    }

    @Override
    public List<Object> page(int from, int max) {
        if (from < 0 || max < 1) {
            throw new IllegalArgumentException("Page from " + from + " of " + max + " elements");
        }
        return table().page(from, max);
    }

    @Override
    public VersionedList versioned() {
        return table().versioned();
    }

    @Override
    public boolean replaceAll(long version, List<Object> elements) {
        guard.run();
        return engine.write(() -> {
            if (engine.list(name).version() != version) {
                return false;
            }
            engine.apply(new ListReplaceAll(name, nullSafe(elements)));
            return true;
        });
    }
}
