package cyberdb.engine.command;

import cyberdb.api.TableKind;
import cyberdb.engine.value.MalformedValueException;
import cyberdb.engine.value.ValueReader;
import cyberdb.engine.value.ValueWriter;
import cyberdb.engine.value.Values;
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
            case Command.CreateTable c -> out.writeByte(CREATE_TABLE).string(c.table()).writeByte(c.kind().ordinal());
            case Command.DropTable c -> out.writeByte(DROP_TABLE).string(c.table());
            case Command.DictPut c -> out.writeByte(DICT_PUT).string(c.table()).value(c.key()).value(c.value())
                    .writeByte(c.placement().ordinal());
            case Command.DictRemove c -> out.writeByte(DICT_REMOVE).string(c.table()).value(c.key());
            case Command.DictClear c -> out.writeByte(DICT_CLEAR).string(c.table());
            case Command.ListSet c -> out.writeByte(LIST_SET).string(c.table()).varLong(c.index()).value(c.value());
            case Command.ListInsert c -> values(out.writeByte(LIST_INSERT).string(c.table()).varLong(c.index()), c.values());
            case Command.ListRemove c -> out.writeByte(LIST_REMOVE).string(c.table()).varLong(c.index());
            case Command.ListReplaceAll c -> values(out.writeByte(LIST_REPLACE_ALL).string(c.table()), c.values());
        }
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
            case CREATE_TABLE -> new Command.CreateTable(table, enumValue(TableKind.values(), in.readByte(), at));
            case DROP_TABLE -> new Command.DropTable(table);
            case DICT_PUT -> new Command.DictPut(table, key(in), in.value(),
                    enumValue(Command.Placement.values(), in.readByte(), at));
            case DICT_REMOVE -> new Command.DictRemove(table, key(in));
            case DICT_CLEAR -> new Command.DictClear(table);
            case LIST_SET -> new Command.ListSet(table, index(in), in.value());
            case LIST_INSERT -> new Command.ListInsert(table, index(in), values(in));
            case LIST_REMOVE -> new Command.ListRemove(table, index(in));
            case LIST_REPLACE_ALL -> new Command.ListReplaceAll(table, values(in));
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

    private static <E> E enumValue(E[] values, int ordinal, int at) {
        if (ordinal >= values.length) {
            throw new MalformedValueException("Unknown code " + ordinal, at);
        }
        return values[ordinal];
    }
}
