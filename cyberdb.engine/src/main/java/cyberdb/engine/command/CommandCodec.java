package cyberdb.engine.command;

import cyberdb.api.TableKind;
import cyberdb.core.value.MalformedValueException;
import cyberdb.core.value.ValueReader;
import cyberdb.core.value.ValueWriter;
import cyberdb.core.value.Values;
import cyberdb.core.view.Placement;
import cyberdb.engine.store.TableImage;
import java.util.ArrayList;
import java.util.List;

/**
 * The binary form of commands, for the journal (and later a replication log): a type byte, the
 * table name, then the command's fields in the value encoding. Type numbers are part of the
 * journal format: never reuse one.
 */
public final class CommandCodec {

    private static final int CREATE_TABLE = 1;
    private static final int DROP_TABLE = 2;
    private static final int DICT_PUT = 3;
    private static final int DICT_REMOVE = 4;
    private static final int DICT_CLEAR = 5;
    private static final int LIST_SET = 6;
    private static final int LIST_INSERT = 7;
    private static final int LIST_REMOVE = 8;
    private static final int LIST_REPLACE_ALL = 9;
    private static final int REPLACE_DATABASE = 10;

    /** Table kinds in {@code CreateTable} and {@code ReplaceDatabase}. */
    private static final int KIND_DICT = 0;
    private static final int KIND_LIST = 1;

    private CommandCodec() {
    }

    /**
     * Appends a command's encoding.
     *
     * @param command the command
     * @param out     the writer
     */
    public static void write(Command command, ValueWriter out) {
        switch (command) {
            case Command.CreateTable c -> out.writeByte(CREATE_TABLE).string(c.table()).writeByte(kindCode(c.kind()));
            case Command.DropTable c -> out.writeByte(DROP_TABLE).string(c.table());
            case Command.DictPut c -> out.writeByte(DICT_PUT).string(c.table()).value(c.key()).value(c.value())
                    .writeByte(c.placement().code());
            case Command.DictRemove c -> out.writeByte(DICT_REMOVE).string(c.table()).value(c.key());
            case Command.DictClear c -> out.writeByte(DICT_CLEAR).string(c.table());
            case Command.ListSet c -> out.writeByte(LIST_SET).string(c.table()).varLong(c.index()).value(c.value());
            case Command.ListInsert c -> values(out.writeByte(LIST_INSERT).string(c.table()).varLong(c.index()), c.values());
            case Command.ListRemove c -> out.writeByte(LIST_REMOVE).string(c.table()).varLong(c.index());
            case Command.ListReplaceAll c -> values(out.writeByte(LIST_REPLACE_ALL).string(c.table()), c.values());
            case Command.ReplaceDatabase c -> {
                out.writeByte(REPLACE_DATABASE).string("").varLong(c.tables().size());
                for (TableImage table : c.tables()) {
                    out.string(table.name()).writeByte(kindCode(table.kind())).varLong(table.values().size());
                    for (int i = 0; i < table.values().size(); i++) {
                        if (table.kind() == TableKind.DICT) {
                            out.value(table.keys().get(i));
                        }
                        out.value(table.values().get(i));
                    }
                }
            }
        }
    }

    private static int kindCode(TableKind kind) {
        return kind == TableKind.DICT ? KIND_DICT : KIND_LIST;
    }

    private static TableKind kind(ValueReader in) {
        int at = in.position();
        return switch (in.readByte()) {
            case KIND_DICT -> TableKind.DICT;
            case KIND_LIST -> TableKind.LIST;
            default -> throw new MalformedValueException("Unknown table kind", at);
        };
    }

    private static Placement placement(ValueReader in) {
        int at = in.position();
        Placement placement = Placement.of(in.readByte());
        if (placement == null) {
            throw new MalformedValueException("Unknown placement", at);
        }
        return placement;
    }

    private static void values(ValueWriter out, List<Object> values) {
        out.varLong(values.size());
        values.forEach(out::value);
    }

    /**
     * Reads one command, checking every field.
     *
     * @param in the reader
     * @return the command
     * @throws MalformedValueException if the bytes are not a command
     */
    public static Command read(ValueReader in) {
        int at = in.position();
        int type = in.readByte();
        String table = in.string();
        return switch (type) {
            case CREATE_TABLE -> new Command.CreateTable(table, kind(in));
            case DROP_TABLE -> new Command.DropTable(table);
            case DICT_PUT -> new Command.DictPut(table, key(in), in.value(), placement(in));
            case DICT_REMOVE -> new Command.DictRemove(table, key(in));
            case DICT_CLEAR -> new Command.DictClear(table);
            case LIST_SET -> new Command.ListSet(table, index(in), in.value());
            case LIST_INSERT -> new Command.ListInsert(table, index(in), values(in));
            case LIST_REMOVE -> new Command.ListRemove(table, index(in));
            case LIST_REPLACE_ALL -> new Command.ListReplaceAll(table, values(in));
            case REPLACE_DATABASE -> new Command.ReplaceDatabase(tables(in));
            default -> throw new MalformedValueException("Unknown command type " + type, at);
        };
    }

    private static Object key(ValueReader in) {
        int at = in.position();
        Object key = in.value();
        if (key == null) {
            throw new MalformedValueException("Null key", at);
        }
        return key;
    }

    private static int index(ValueReader in) {
        int at = in.position();
        long index = in.varLong();
        if (index > Integer.MAX_VALUE) {
            throw new MalformedValueException("Index " + index, at);
        }
        return (int) index;
    }

    private static List<Object> values(ValueReader in) {
        int n = in.count(1);
        List<Object> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            values.add(in.value());
        }
        return Values.frozenList(values.toArray());
    }

    private static List<TableImage> tables(ValueReader in) {
        int n = in.count(2);
        List<TableImage> tables = new ArrayList<>(n);
        for (int t = 0; t < n; t++) {
            String name = in.string();
            TableKind kind = kind(in);
            int size = in.count(kind == TableKind.DICT ? 2 : 1);
            List<Object> keys = new ArrayList<>(kind == TableKind.DICT ? size : 0);
            List<Object> values = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                if (kind == TableKind.DICT) {
                    keys.add(key(in));
                }
                values.add(in.value());
            }
            tables.add(new TableImage(name, kind, keys, values));
        }
        return tables;
    }
}
