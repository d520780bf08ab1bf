package cyberdb.engine.store;

import cyberdb.api.InvalidTableNameException;
import cyberdb.api.MemoryLimitException;
import cyberdb.api.NoSuchTableException;
import cyberdb.api.TableExistsException;
import cyberdb.api.TableInfo;
import cyberdb.api.TableKind;
import cyberdb.api.WrongTableKindException;
import cyberdb.core.value.Values;
import cyberdb.core.view.Placement;
import cyberdb.engine.command.Command;
import cyberdb.engine.command.CommandLog;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SequencedMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The database: named tables and the single writer that changes them.
 *
 * <p>Reads go straight to the tables and take no engine lock. Every change runs inside
 * {@link #write(Supplier)}, under one lock, and reaches the tables only through
 * {@link #apply(Command)}, which first hands the command to the {@link CommandLog}. One writer
 * gives a total order of commands, the order a journal or a replica needs, and makes a
 * snapshot of all tables consistent by construction.
 */
public final class Engine {

    /** Longest table name, in characters. */
    public static final int MAX_NAME_LENGTH = 200;

    /** Set while {@link #deferringDurability} runs on this thread: the highest mark its writes reached. */
    private static final ThreadLocal<long[]> DEFERRED = new ThreadLocal<>();

    private final ReentrantLock writeLock = new ReentrantLock();
    private volatile Map<String, Table> tables = new ConcurrentHashMap<>();
    private volatile CommandLog log = CommandLog.NONE;
    private volatile long applied;
    /** The tables' estimated heap, kept by the writer; see {@link Footprint}. */
    private volatile long footprint;
    private volatile long memoryLimit = Long.MAX_VALUE;
    private volatile String limitSource = "";
    /** Set by the writer while the commands of one atomic change run, their total admitted already. */
    private boolean admittedWhole;

    /**
     * Sets where applied commands are recorded.
     *
     * @param log the log, {@link CommandLog#NONE} for none
     */
    public void commandLog(CommandLog log) {
        this.log = Objects.requireNonNull(log, "log");
    }

    /**
     * Sets the most heap the data may take, by the estimate of {@link #footprint()}: a write that
     * would go beyond it is refused with {@link MemoryLimitException}, and changes nothing, while
     * writes that free memory, and reads, go on. Set it after loading, so that data already
     * acknowledged always loads.
     *
     * @param bytes  the limit, {@link Long#MAX_VALUE} for none
     * @param source how the user sets it, for the message (such as {@code "--max-memory"})
     */
    public void memoryLimit(long bytes, String source) {
        this.limitSource = source;
        this.memoryLimit = bytes;
    }

    /**
     * Returns the limit set by {@link #memoryLimit(long, String)}.
     *
     * @return bytes, {@link Long#MAX_VALUE} for none
     */
    public long memoryLimit() {
        return memoryLimit;
    }

    /**
     * Estimates the heap the data takes: what the memory limit is compared with.
     *
     * @return bytes
     */
    public long footprint() {
        return footprint;
    }

    /**
     * Lowers the memory limit to what the data takes now, after the process ran out of heap
     * anyway: from here on only writes that free memory are accepted, and the server stays up
     * to serve reads, removals and saves rather than failing at random places.
     */
    public void ranOutOfHeap() {
        writeLock.lock();
        try {
            if (footprint < memoryLimit) {
                memoryLimit = footprint;
                limitSource = "the heap, which ran out at that size (give the JVM more with -Xmx, or set a lower limit)";
            }
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Runs a mutation under the write lock. Conditional operations read, decide and
     * {@link #apply(Command)} inside one call, which makes them atomic. When it returns, what it
     * applied is as durable as the command log promises.
     *
     * @param mutation the work
     * @param <T>      its result type
     * @return its result
     */
    public <T> T write(Supplier<T> mutation) {
        writeLock.lock();
        boolean outermost = writeLock.getHoldCount() == 1;
        T result;
        long mark;
        try {
            result = mutation.get();
            mark = log.mark();
        } finally {
            writeLock.unlock();
        }
        if (outermost) {
            long[] deferred = DEFERRED.get();
            if (deferred != null) {
                deferred[0] = Math.max(deferred[0], mark);
            } else {
                // Outside the lock, so writers waiting for the disk do not hold up the others.
                log.awaitDurable(mark);
            }
        }
        return result;
    }

    /**
     * Runs work that may write, without waiting for its writes to become durable: what it wrote is
     * applied (visible to readers) when it returns, and the future tells when it is as durable as
     * the command log promises, so a server's event loop can answer then instead of blocking.
     *
     * @param work the work
     * @return a future completed once the work's writes are durable (at once if it wrote nothing)
     */
    public CompletableFuture<Void> deferringDurability(Runnable work) {
        if (DEFERRED.get() != null) {
            throw new IllegalStateException("deferringDurability does not nest");
        }
        long[] deferred = {-1};
        DEFERRED.set(deferred);
        try {
            work.run();
        } finally {
            DEFERRED.remove();
        }
        return deferred[0] < 0 ? CompletableFuture.completedFuture(null) : log.whenDurable(deferred[0]);
    }

    /**
     * Logs and applies one command. The caller holds the write lock (see {@link #write}) and
     * has checked the command against the current state.
     *
     * @param command the command
     * @return the previous value for puts, removes and sets ({@link cyberdb.core.value.Values#ABSENT}
     *         when there was none), otherwise {@code null}
     */
    public Object apply(Command command) {
        if (!writeLock.isHeldByCurrentThread()) {
            throw new IllegalStateException("Engine.apply called outside Engine.write");
        }
        return commit(command, resolve(command));
    }

    /** Logs a command checked against the current state, then applies its effect. */
    private Object commit(Command command, Supplier<Object> effect) {
        log.append(command);
        applied++;
        return effect.get();
    }

    /**
     * Runs commands admitted together: one check of their total growth, none of each, so that
     * the steps of one atomic change are refused all or none.
     */
    private void admitWhole(long growth, Runnable commands) {
        admit(growth);
        boolean outermost = !admittedWhole;
        admittedWhole = true;
        try {
            commands.run();
        } finally {
            if (outermost) {
                admittedWhole = false;
            }
        }
    }

    /** Refuses a command that would take the data beyond the memory limit. */
    private void admit(long growth) {
        long limit = memoryLimit;
        if (!admittedWhole && growth > 0 && footprint + growth > limit) {
            throw new MemoryLimitException("Write refused: the data would take about " + megabytes(footprint + growth)
                    + ", over the memory limit of " + megabytes(limit) + " set by " + limitSource + ". Reads, removals"
                    + " and saves still work; remove data, or raise the limit.");
        }
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }

    /** A dict put whose growth is known: the table and the database count it once, as computed. */
    private Supplier<Object> put(DictTable table, Command.DictPut put, long growth) {
        return () -> {
            footprint += growth;
            return table.put(put.key(), put.value(), put.placement(), growth);
        };
    }

    /** Wraps a table's change so that the database's footprint follows the table's. */
    private Supplier<Object> changing(Table table, Supplier<Object> effect) {
        return () -> {
            long before = table.footprint();
            try {
                return effect.get();
            } finally {
                footprint += table.footprint() - before;
            }
        };
    }

    /**
     * Counts the commands applied since this engine was created: a data file compares it with
     * the count at its last snapshot to know whether it has anything new to save.
     *
     * @return the number of commands applied
     */
    public long changes() {
        return applied;
    }

    /** Checks a command against the current state and binds it to its table, changing nothing. */
    private Supplier<Object> resolve(Command command) {
        return switch (command) {
            case Command.CreateTable c -> {
                if (tables.containsKey(c.table())) {
                    throw new TableExistsException("Table '" + c.table() + "' already exists");
                }
                checkName(c.table());
                Table table = c.kind() == TableKind.DICT ? new DictTable(c.table()) : new ListTable(c.table());
                admit(table.footprint());
                yield () -> {
                    footprint += table.footprint();
                    return tables.put(c.table(), table);
                };
            }
            case Command.DropTable c -> {
                table(c.table(), null);
                yield () -> {
                    Table dropped = tables.remove(c.table());
                    footprint -= dropped.footprint();
                    if (dropped instanceof DictTable dict) {
                        dict.detach();
                    }
                    return dropped;
                };
            }
            case Command.DictPut c -> {
                DictTable t = dict(c.table());
                long growth = t.growth(c.key(), c.value());
                admit(growth);
                yield put(t, c, growth);
            }
            case Command.DictRemove c -> {
                DictTable t = dict(c.table());
                yield changing(t, () -> t.remove(c.key()));
            }
            case Command.DictClear c -> {
                DictTable t = dict(c.table());
                yield changing(t, () -> {
                    t.clear();
                    return null;
                });
            }
            case Command.ListSet c -> {
                ListTable t = list(c.table());
                Objects.checkIndex(c.index(), t.size());
                admit(t.growth(c.index(), c.value()));
                yield changing(t, () -> t.set(c.index(), c.value()));
            }
            case Command.ListInsert c -> {
                ListTable t = list(c.table());
                Objects.checkIndex(c.index(), t.size() + 1);
                admit(ListTable.footprintOf(c.values()));
                yield changing(t, () -> {
                    t.insert(c.index(), c.values());
                    return null;
                });
            }
            case Command.ListRemove c -> {
                ListTable t = list(c.table());
                Objects.checkIndex(c.index(), t.size());
                yield changing(t, () -> t.remove(c.index()));
            }
            case Command.ListReplaceAll c -> {
                ListTable t = list(c.table());
                admit(Footprint.table(c.table()) + ListTable.footprintOf(c.values()) - t.footprint());
                yield changing(t, () -> {
                    t.replaceAll(c.values());
                    return null;
                });
            }
            case Command.ReplaceDatabase c -> {
                Map<String, Table> restored = build(c.tables());
                long restoredFootprint = restored.values().stream().mapToLong(Table::footprint).sum();
                admit(restoredFootprint - footprint);
                yield () -> {
                    Map<String, Table> replaced = tables;
                    tables = restored;
                    footprint = restoredFootprint;
                    replaced.values().forEach(old -> {
                        if (old instanceof DictTable dict) {
                            dict.detach();
                        }
                    });
                    return null;
                };
            }
        };
    }

    private static Map<String, Table> build(List<TableImage> images) {
        Map<String, Table> built = new ConcurrentHashMap<>();
        for (TableImage image : images) {
            checkName(image.name());
            Table table = image.kind() == TableKind.DICT ? DictTable.of(image) : ListTable.of(image);
            if (built.put(image.name(), table) != null) {
                throw new IllegalArgumentException("Two tables named '" + image.name() + "'");
            }
        }
        return built;
    }

    /**
     * Creates a table holding initial content, as commands, in one atomic step: refused whole,
     * before any command, if the name is taken or the content would pass the memory limit.
     *
     * @param name     the table name
     * @param kind     dict or list
     * @param entries  a dict's stored entries, in order (empty for a list)
     * @param elements a list's stored elements (empty for a dict)
     * @throws TableExistsException       if the name is taken
     * @throws InvalidTableNameException if the name is not acceptable
     * @throws MemoryLimitException       if the content would pass the memory limit
     */
    public void create(String name, TableKind kind, SequencedMap<Object, Object> entries, List<Object> elements) {
        checkName(name);
        write(() -> {
            Table existing = tables.get(name);
            if (existing != null) {
                throw new TableExistsException("Table '" + name + "' already exists as a "
                        + existing.kind().name().toLowerCase(Locale.ROOT) + "; drop it first or open it instead.");
            }
            long growth = Footprint.table(name) + ListTable.footprintOf(elements);
            for (Map.Entry<Object, Object> entry : entries.entrySet()) {
                growth += Footprint.DICT_ENTRY + Footprint.of(entry.getKey()) + Footprint.of(entry.getValue());
            }
            admitWhole(growth, () -> {
                apply(new Command.CreateTable(name, kind));
                entries.forEach((k, v) -> apply(new Command.DictPut(name, k, v, Placement.LAST)));
                if (!elements.isEmpty()) {
                    apply(new Command.ListInsert(name, 0, Values.frozenList(elements.toArray())));
                }
            });
            return null;
        });
    }

    /**
     * Maps every entry in a dict, as commands, in one atomic step: refused whole, before any
     * command, if together they would pass the memory limit.
     *
     * @param name    the dict
     * @param entries stored keys and values
     * @throws MemoryLimitException if the entries would pass the memory limit
     */
    public void putAll(String name, SequencedMap<Object, Object> entries) {
        write(() -> {
            DictTable table = dict(name);
            long[] growths = new long[entries.size()];
            long growth = 0;
            int i = 0;
            for (Map.Entry<Object, Object> entry : entries.entrySet()) {
                growths[i] = table.growth(entry.getKey(), entry.getValue());
                growth += growths[i++];
            }
            admit(growth);
            // Keys are distinct, so each entry's growth is the same before and after the others are applied.
            i = 0;
            for (Map.Entry<Object, Object> entry : entries.entrySet()) {
                Command.DictPut command = new Command.DictPut(name, entry.getKey(), entry.getValue(), Placement.KEEP);
                commit(command, put(table, command, growths[i++]));
            }
            return null;
        });
    }

    /**
     * Drops a table, as a command.
     *
     * @param name the table name
     * @return whether there was one
     */
    public boolean drop(String name) {
        return write(() -> {
            if (!tables.containsKey(name)) {
                return false;
            }
            apply(new Command.DropTable(name));
            return true;
        });
    }

    /**
     * Finds a dict.
     *
     * @param name the table name
     * @return the dict
     * @throws NoSuchTableException    if there is no table of that name
     * @throws WrongTableKindException if it is a list
     */
    public DictTable dict(String name) {
        return switch (table(name, TableKind.DICT)) {
            case DictTable dict -> dict;
            case ListTable list -> throw wrongKind(name, TableKind.DICT);
        };
    }

    /**
     * Finds a list.
     *
     * @param name the table name
     * @return the list
     * @throws NoSuchTableException    if there is no table of that name
     * @throws WrongTableKindException if it is a dict
     */
    public ListTable list(String name) {
        return switch (table(name, TableKind.LIST)) {
            case ListTable list -> list;
            case DictTable dict -> throw wrongKind(name, TableKind.LIST);
        };
    }

    private Table table(String name, TableKind wanted) {
        Table table = tables.get(name);
        if (table == null) {
            throw new NoSuchTableException("No table named '" + name + "'; create it with create"
                    + (wanted == TableKind.LIST ? "List" : "Dict") + "(\"" + name + "\") first.");
        }
        return table;
    }

    private static WrongTableKindException wrongKind(String name, TableKind wanted) {
        TableKind actual = wanted == TableKind.DICT ? TableKind.LIST : TableKind.DICT;
        String is = actual.name().toLowerCase(Locale.ROOT);
        return new WrongTableKindException("Table '" + name + "' is a " + is + ", not a "
                + wanted.name().toLowerCase(Locale.ROOT) + "; open it with " + is + "(\"" + name + "\").");
    }

    /**
     * Returns a table's kind.
     *
     * @param name the table name
     * @return its kind, or empty if there is no such table
     */
    public Optional<TableKind> kind(String name) {
        return Optional.ofNullable(tables.get(name)).map(Table::kind);
    }

    /**
     * Lists the tables, sorted by name.
     *
     * @return names and kinds
     */
    public List<TableInfo> tables() {
        List<TableInfo> infos = new ArrayList<>();
        tables.values().forEach(t -> infos.add(new TableInfo(t.name(), t.kind())));
        infos.sort(Comparator.comparing(TableInfo::name));
        return infos;
    }

    /**
     * A table's figures, as {@code info} reports them.
     *
     * @param name  the table's name
     * @param kind  dict or list
     * @param size  its entries or elements
     * @param bytes the heap its content is estimated to take, as the memory limit counts it
     */
    public record TableFigures(String name, TableKind kind, int size, long bytes) {
    }

    /**
     * Reads every table's figures at one instant, holding the writer off for as long as it
     * takes to read a few fields per table.
     *
     * @return the figures, sorted by table name
     */
    public List<TableFigures> figures() {
        List<TableFigures> figures = write(() -> {
            List<TableFigures> read = new ArrayList<>();
            tables.values().forEach(t -> read.add(new TableFigures(t.name(), t.kind(), t.size(), t.footprint())));
            return read;
        });
        figures.sort(Comparator.comparing(TableFigures::name));
        return figures;
    }

    /**
     * Copies every table at one instant: the writer is held off while the copy is made.
     *
     * @return the images, sorted by table name
     */
    public List<TableImage> image() {
        return write(() -> tables.values().stream()
                .sorted(Comparator.comparing(Table::name))
                .map(Table::image)
                .toList());
    }

    /**
     * Replaces the whole database with images, as one command ({@link Command.ReplaceDatabase})
     * that readers never see half done and that the command log records like any other change.
     *
     * @param images the new content
     */
    public void restore(List<TableImage> images) {
        write(() -> apply(new Command.ReplaceDatabase(images)));
    }

    /**
     * Checks a table name: 1 to {@value #MAX_NAME_LENGTH} characters, no control characters.
     *
     * @param name the candidate
     * @throws InvalidTableNameException if it is not acceptable
     */
    public static void checkName(String name) {
        Objects.requireNonNull(name, "table name");
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH || name.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidTableNameException("Table name '" + name.replaceAll("\\p{Cntrl}", "?")
                    + "' is not valid: use 1 to " + MAX_NAME_LENGTH + " characters and no control characters.");
        }
    }
}
