package cyberdb.engine.store;

import cyberdb.api.TableKind;
import cyberdb.core.value.Values;
import cyberdb.core.view.Placement;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.AbstractMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An insertion-ordered dict. Lookups go through a {@link ConcurrentHashMap} and take no lock;
 * order is a doubly linked list of nodes that only the engine's writer changes. A removed node
 * keeps its links, so an iterator standing on it walks on to live nodes: iteration is weakly
 * consistent and never fails while the writer works.
 */
public final class DictTable implements Table {

    private static final class Node {
        /** The {@link #valueBytes} of a node no longer in the table. */
        private static final int REMOVED = -1;
        private static final VarHandle VALUE_BYTES;

        static {
            try {
                VALUE_BYTES = MethodHandles.lookup().findVarHandle(Node.class, "valueBytes", int.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        final Object key;
        volatile Object value;
        volatile Node next;
        volatile Node prev;
        /**
         * The value's footprint, kept so that a write never reads the value it replaces or
         * removes: that value is cold in memory, and reading it was half of the writer's time in a
         * profile of a server under puts. At most {@link Integer#MAX_VALUE}, which means "count
         * it again". {@link #REMOVED} marks an unlinked node for iterators, through a volatile
         * access; the writer's other updates are plain, published by its write of the value.
         * One int where a boolean was keeps the node at 32 bytes.
         */
        private int valueBytes;

        Node(Object key, Object value, long valueBytes) {
            this.key = key;
            this.value = value;
            this.valueBytes = (int) Math.min(valueBytes, Integer.MAX_VALUE);
        }

        long valueBytes() {
            return valueBytes == Integer.MAX_VALUE ? Footprint.of(value) : valueBytes;
        }

        void valueBytes(long bytes) {
            valueBytes = (int) Math.min(bytes, Integer.MAX_VALUE);
        }

        boolean removed() {
            return (int) VALUE_BYTES.getVolatile(this) == REMOVED;
        }

        void markRemoved() {
            VALUE_BYTES.setVolatile(this, REMOVED);
        }
    }

    private final String name;
    private final ConcurrentHashMap<Object, Node> index;
    private volatile Node head;
    private volatile Node tail;
    private volatile int size;
    private volatile boolean detached;
    /** Estimated heap of the table and its entries; changed by the writer only. */
    private long footprint;

    DictTable(String name) {
        this(name, 16);
    }

    /** Sized for a known number of entries, so a restore does not rehash the index as it grows. */
    private DictTable(String name, int expectedSize) {
        this.name = name;
        this.index = new ConcurrentHashMap<>(expectedSize);
        this.footprint = Footprint.table(name);
    }

    @Override
    public String name() {
        return name;
    }

    /**
     * Tells whether the engine no longer holds this table (dropped, or replaced by a restore), so
     * a backend that kept a reference to skip the name lookup must look the name up again.
     *
     * @return {@code true} once detached
     */
    public boolean detached() {
        return detached;
    }

    void detach() {
        detached = true;
        cutLinks();
    }

    /**
     * Marks every node removed and cuts its links: an iterator (a server's cursor) standing on a
     * node then ends, instead of keeping a whole generation of removed entries reachable, unseen
     * by the memory limit.
     */
    private void cutLinks() {
        for (Node n = head; n != null; ) {
            Node next = n.next;
            n.markRemoved();
            n.next = null;
            n.prev = null;
            n = next;
        }
    }

    @Override
    public TableKind kind() {
        return TableKind.DICT;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public long footprint() {
        return footprint;
    }

    /**
     * Estimates how much mapping a key to a value would add to the footprint.
     *
     * @param key   a stored key
     * @param value a stored value
     * @return bytes, negative if the new value is smaller than the one it replaces
     */
    public long growth(Object key, Object value) {
        Node node = index.get(key);
        return node == null ? Footprint.DICT_ENTRY + Footprint.of(key) + Footprint.of(value)
                : Footprint.of(value) - node.valueBytes();
    }

    /**
     * Looks a key up without locking.
     *
     * @param key a stored key
     * @return the stored value, or {@link Values#ABSENT}
     */
    public Object get(Object key) {
        Node node = index.get(key);
        return node == null ? Values.ABSENT : node.value;
    }

    /**
     * Returns whether some entry holds the value, by a weakly consistent scan.
     *
     * @param value a stored value
     * @return whether it was found
     */
    public boolean containsValue(Object value) {
        for (Node n = live(head, true); n != null; n = live(n.next, true)) {
            if (java.util.Objects.equals(n.value, value)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Returns the first or last entry.
     *
     * @param last {@code true} for the most recently placed entry
     * @return the entry, or {@code null} if the dict is empty
     */
    public Map.Entry<Object, Object> edge(boolean last) {
        Node n = last ? live(tail, false) : live(head, true);
        return n == null ? null : new AbstractMap.SimpleImmutableEntry<>(n.key, n.value);
    }

    /**
     * Iterates over stored entries in order or in reverse, weakly consistently.
     *
     * @param descending {@code true} to start from the last entry
     * @return an iterator over immutable entries
     */
    public Iterator<Map.Entry<Object, Object>> iterator(boolean descending) {
        return new Iterator<>() {
            private Node next = descending ? live(tail, false) : live(head, true);

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public Map.Entry<Object, Object> next() {
                Node n = next;
                if (n == null) {
                    throw new NoSuchElementException();
                }
                next = descending ? live(n.prev, false) : live(n.next, true);
                return new AbstractMap.SimpleImmutableEntry<>(n.key, n.value);
            }
        };
    }

    private static Node live(Node n, boolean forward) {
        while (n != null && n.removed()) {
            n = forward ? n.next : n.prev;
        }
        return n;
    }

    @Override
    public TableImage image() {
        int n = size;
        Object[] keys = new Object[n];
        Object[] values = new Object[n];
        int i = 0;
        for (Node node = head; node != null; node = node.next) {
            keys[i] = node.key;
            values[i++] = node.value;
        }
        return new TableImage(name, TableKind.DICT, Values.frozenList(keys), Values.frozenList(values));
    }

    // Mutations: called only by Engine.apply, with the engine's write lock held.

    Object put(Object key, Object value, Placement placement) {
        return put(key, value, placement, growth(key, value));
    }

    /**
     * Maps a key to a value whose {@link #growth} the writer has just computed, so that the
     * estimate, which scans every character of a string, is made once per write.
     */
    Object put(Object key, Object value, Placement placement, long growth) {
        footprint += growth;
        Node node = index.get(key);
        if (node == null) {
            link(new Node(key, value, growth - Footprint.DICT_ENTRY - Footprint.of(key)), placement == Placement.FIRST);
            size++;
            return Values.ABSENT;
        }
        Object previous = node.value;
        long valueBytes = node.valueBytes() + growth;
        boolean inPlace = placement == Placement.KEEP
                || (placement == Placement.FIRST && node == head)
                || (placement == Placement.LAST && node == tail);
        if (inPlace) {
            node.valueBytes(valueBytes);
            node.value = value;
        } else {
            unlink(node);
            link(new Node(key, value, valueBytes), placement == Placement.FIRST);
        }
        return previous;
    }

    Object remove(Object key) {
        Node node = index.remove(key);
        if (node == null) {
            return Values.ABSENT;
        }
        footprint -= Footprint.DICT_ENTRY + Footprint.of(node.key) + node.valueBytes();
        unlink(node);
        size--;
        return node.value;
    }

    void clear() {
        cutLinks();
        index.clear();
        head = null;
        tail = null;
        size = 0;
        footprint = Footprint.table(name);
    }

    static DictTable of(TableImage image) {
        DictTable table = new DictTable(image.name(), image.keys().size());
        List<Object> keys = image.keys();
        List<Object> values = image.values();
        for (int i = 0; i < keys.size(); i++) {
            if (table.put(keys.get(i), values.get(i), Placement.LAST) != Values.ABSENT) {
                throw new IllegalArgumentException("Duplicate key " + keys.get(i) + " in dict " + image.name());
            }
        }
        return table;
    }

    private void link(Node node, boolean first) {
        if (first) {
            node.next = head;
            if (head == null) {
                tail = node;
            } else {
                head.prev = node;
            }
            head = node;
        } else {
            node.prev = tail;
            if (tail == null) {
                head = node;
            } else {
                tail.next = node;
            }
            tail = node;
        }
        index.put(node.key, node);
    }

    private void unlink(Node node) {
        node.markRemoved();
        Node before = node.prev;
        Node after = node.next;
        if (before == null) {
            head = after;
        } else {
            before.next = after;
        }
        if (after == null) {
            tail = before;
        } else {
            after.prev = before;
        }
    }
}
