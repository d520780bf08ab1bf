package cyberdb.engine.store;

import cyberdb.api.TableKind;
import cyberdb.core.value.Values;
import cyberdb.core.view.VersionedList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.StampedLock;

/**
 * An array-backed list. Single-element reads are optimistic ({@link StampedLock}) and take no
 * lock unless a write overlapped them; scans take the read lock; writes come from the engine's
 * writer only.
 */
public final class ListTable implements Table {

    private static final Object[] EMPTY = {};

    /**
     * Versions come from one counter for every list in the process, so a version read from a
     * table that has since been dropped, recreated or reloaded never matches the new one.
     */
    private static final AtomicLong VERSIONS = new AtomicLong();

    private final String name;
    private final StampedLock lock = new StampedLock();
    private Object[] elements = EMPTY;
    private int size;
    private long version = VERSIONS.incrementAndGet();
    /** Estimated heap of the table and its elements; changed by the writer only. */
    private long footprint;

    ListTable(String name) {
        this.name = name;
        this.footprint = Footprint.table(name);
    }

    @Override
    public long footprint() {
        return footprint;
    }

    /**
     * Estimates what stored elements add to a list's footprint.
     *
     * @param values stored elements
     * @return bytes
     */
    static long footprintOf(List<Object> values) {
        long total = 0;
        for (Object value : values) {
            total += Footprint.LIST_ELEMENT + Footprint.of(value);
        }
        return total;
    }

    /**
     * Estimates how much replacing an element would add to the footprint.
     *
     * @param index a valid index
     * @param value the new stored element
     * @return bytes, negative if the new element is smaller
     */
    long growth(int index, Object value) {
        return Footprint.of(value) - Footprint.of(elementAt(index));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public TableKind kind() {
        return TableKind.LIST;
    }

    @Override
    public int size() {
        long stamp = lock.tryOptimisticRead();
        int n = size;
        if (lock.validate(stamp)) {
            return n;
        }
        stamp = lock.readLock();
        try {
            return size;
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /**
     * Reads one element.
     *
     * @param index any index
     * @return the stored element, or {@link Values#ABSENT} if the index is out of range
     */
    public Object elementAt(int index) {
        long stamp = lock.tryOptimisticRead();
        Object[] array = elements;
        int n = size;
        Object element = index >= 0 && index < n && index < array.length ? array[index] : Values.ABSENT;
        if (lock.validate(stamp)) {
            return element;
        }
        stamp = lock.readLock();
        try {
            return index >= 0 && index < size ? elements[index] : Values.ABSENT;
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /**
     * Copies a range, consistently.
     *
     * @param from the first index
     * @param to   one past the last index
     * @return the stored elements
     * @throws IndexOutOfBoundsException if the range is outside the list
     */
    public List<Object> slice(int from, int to) {
        long stamp = lock.readLock();
        try {
            Objects.checkFromToIndex(from, to, size);
            return Values.frozenList(Arrays.copyOfRange(elements, from, to));
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /**
     * Copies the whole list with the version it had, for compare-and-set rewrites.
     *
     * @return the elements and version, consistently
     */
    public VersionedList versioned() {
        long stamp = lock.readLock();
        try {
            return new VersionedList(version, Values.frozenList(Arrays.copyOf(elements, size)));
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /**
     * Finds an element.
     *
     * @param value    a stored value
     * @param fromLast {@code true} to search from the end
     * @return its index, or -1
     */
    public int indexOf(Object value, boolean fromLast) {
        long stamp = lock.readLock();
        try {
            if (fromLast) {
                for (int i = size - 1; i >= 0; i--) {
                    if (Objects.equals(elements[i], value)) {
                        return i;
                    }
                }
            } else {
                for (int i = 0; i < size; i++) {
                    if (Objects.equals(elements[i], value)) {
                        return i;
                    }
                }
            }
            return -1;
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /**
     * Counts equal elements.
     *
     * @param value a stored value
     * @return how many elements equal it
     */
    public int count(Object value) {
        long stamp = lock.readLock();
        try {
            int count = 0;
            for (int i = 0; i < size; i++) {
                if (Objects.equals(elements[i], value)) {
                    count++;
                }
            }
            return count;
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /**
     * Copies up to {@code max} elements from {@code from}, consistently.
     *
     * @param from the first index, at least 0
     * @param max  the most elements to copy
     * @return the elements, empty past the end
     */
    public List<Object> page(int from, int max) {
        long stamp = lock.readLock();
        try {
            int end = (int) Math.min((long) from + max, size);
            return from >= end ? List.of() : Values.frozenList(Arrays.copyOfRange(elements, from, end));
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /**
     * Returns the list's version, which changes whenever its content does.
     *
     * @return the version
     */
    public long version() {
        long stamp = lock.readLock();
        try {
            return version;
        } finally {
            lock.unlockRead(stamp);
        }
    }

    @Override
    public TableImage image() {
        return new TableImage(name, TableKind.LIST, List.of(), versioned().elements());
    }

    // Mutations: called only by Engine.apply, with the engine's write lock held and indices checked.

    Object set(int index, Object value) {
        long stamp = lock.writeLock();
        try {
            Objects.checkIndex(index, size);
            Object previous = elements[index];
            elements[index] = value;
            version = VERSIONS.incrementAndGet();
            footprint += Footprint.of(value) - Footprint.of(previous);
            return previous;
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    void insert(int index, List<Object> values) {
        long stamp = lock.writeLock();
        try {
            Objects.checkIndex(index, size + 1);
            int added = values.size();
            if (elements.length - size < added) {
                long wanted = Math.max((long) size + added, (long) elements.length + (elements.length >> 1) + 8);
                elements = Arrays.copyOf(elements, (int) Math.min(wanted, Integer.MAX_VALUE - 8));
            }
            System.arraycopy(elements, index, elements, index + added, size - index);
            for (int i = 0; i < added; i++) {
                elements[index + i] = values.get(i);
            }
            size += added;
            version = VERSIONS.incrementAndGet();
            footprint += footprintOf(values);
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    Object remove(int index) {
        long stamp = lock.writeLock();
        try {
            Objects.checkIndex(index, size);
            Object previous = elements[index];
            System.arraycopy(elements, index + 1, elements, index, size - index - 1);
            elements[--size] = null;
            version = VERSIONS.incrementAndGet();
            footprint -= Footprint.LIST_ELEMENT + Footprint.of(previous);
            return previous;
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    void replaceAll(List<Object> values) {
        long stamp = lock.writeLock();
        try {
            elements = values.toArray();
            size = elements.length;
            version = VERSIONS.incrementAndGet();
            footprint = Footprint.table(name) + footprintOf(values);
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    static ListTable of(TableImage image) {
        ListTable table = new ListTable(image.name());
        table.elements = image.values().toArray();
        table.size = table.elements.length;
        table.footprint += footprintOf(image.values());
        return table;
    }
}
