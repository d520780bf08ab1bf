package cyberdb.engine.migrate;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads Python pickles (protocols 2 to 5) that contain plain data only, without running or
 * looking up anything. It is a stack machine over the opcodes that encode None, bool, int,
 * float, str, bytes, tuple, list and dict, plus memo and framing; every other opcode, and in
 * particular everything that imports a global or calls one, is refused with its name and
 * offset. Lengths are checked against the bytes that remain before anything is allocated.
 *
 * <p>Protocol 2 has no opcode for {@code bytes}, so Python 3 writes them as calls to
 * {@code _codecs.encode(text, 'latin1')} or {@code __builtin__.bytes()}. Those two names, with
 * exactly those arguments, are recognised as data and decoded here; no other global is accepted.
 *
 * <p>Results: {@code null}, {@link Boolean}, {@link Long} or {@link BigInteger}, {@link Double},
 * {@link String}, {@link Bytes}, {@link ArrayList} (list), {@link Tuple}, {@link LinkedHashMap}
 * (dict).
 */
final class PickleReader {

    /** A Python tuple: immutable, hashable, so it can be a dict key. */
    record Tuple(List<Object> items) {
    }

    /** Python bytes, with value equality so they can be dict keys. */
    record Bytes(byte[] data) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Bytes b && Arrays.equals(data, b.data);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(data);
        }
    }

    /** One of the two recognised protocol 2 spellings of bytes, waiting for its REDUCE. */
    private enum BytesConstructor { CODECS_ENCODE, BUILTIN_BYTES }

    /** Thrown for anything the reader refuses or cannot parse; the caller names the file. */
    static final class PickleException extends Exception {
        private static final long serialVersionUID = 1L;

        PickleException(String message) {
            super(message);
        }
    }

    private final byte[] data;
    private final ByteBuffer view;
    private int position;
    private final List<Object> stack = new ArrayList<>();
    private final Deque<Integer> marks = new ArrayDeque<>();
    private final Map<Long, Object> memo = new HashMap<>();

    PickleReader(byte[] data) {
        this.data = data;
        this.view = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Reads the whole pickle.
     *
     * @return the unpickled value
     * @throws PickleException naming the problem and its offset
     */
    Object read() throws PickleException {
        try {
            return run();
        } catch (TruncatedPickle truncated) {
            throw new PickleException("truncated: the data ends inside an opcode (offset " + truncated.at + ")");
        }
    }

    private Object run() throws PickleException {
        while (true) {
            int at = position;
            int opcode = u8();
            switch (opcode) {
                case 0x80 -> { // PROTO
                    int protocol = u8();
                    if (protocol < 2 || protocol > 5) {
                        throw error(at, "pickle protocol " + protocol + " is not supported (2 to 5 are)");
                    }
                }
                case 0x95 -> length(8, at); // FRAME: a hint for buffered readers; the data follow inline.
                case '.' -> { // STOP
                    if (stack.size() != 1 || !marks.isEmpty()) {
                        throw error(at, "STOP with " + stack.size() + " values on the stack");
                    }
                    if (position != data.length) {
                        throw error(position, (data.length - position) + " unexpected bytes after STOP");
                    }
                    return stack.getFirst();
                }
                case 'N' -> push(null);
                case 0x88 -> push(Boolean.TRUE);
                case 0x89 -> push(Boolean.FALSE);
                case 'J' -> push((long) view.getInt(take(4)));
                case 'K' -> push((long) u8());
                case 'M' -> push((long) Short.toUnsignedInt(view.getShort(take(2))));
                case 0x8a -> push(littleEndianInteger(length(1, at)));
                case 0x8b -> push(littleEndianInteger(length(4, at)));
                case 'G' -> push(ByteBuffer.wrap(data, take(8), 8).getDouble());
                case 'X' -> push(utf8(length(4, at), at));
                case 0x8c -> push(utf8(length(1, at), at));
                case 0x8d -> push(utf8(length(8, at), at));
                case 'C' -> push(new Bytes(bytes(length(1, at))));
                case 'B' -> push(new Bytes(bytes(length(4, at))));
                case 0x8e, 0x96 -> push(new Bytes(bytes(length(8, at)))); // BINBYTES8, BYTEARRAY8
                case ']' -> push(new ArrayList<>());
                case '}' -> push(new LinkedHashMap<>());
                case ')' -> push(new Tuple(List.of()));
                case '(' -> marks.push(stack.size());
                case 'l' -> push(new ArrayList<>(popToMark(at)));
                case 't' -> push(new Tuple(popToMark(at)));
                case 'd' -> {
                    LinkedHashMap<Object, Object> dict = new LinkedHashMap<>();
                    putItems(dict, popToMark(at), at);
                    push(dict);
                }
                case 0x85, 0x86, 0x87 -> { // TUPLE1, TUPLE2, TUPLE3
                    int n = opcode - 0x84;
                    need(n, at);
                    List<Object> items = new ArrayList<>(stack.subList(stack.size() - n, stack.size()));
                    shrink(stack.size() - n);
                    push(new Tuple(items));
                }
                case 'a' -> {
                    Object item = pop(at);
                    list(top(at), at).add(item);
                }
                case 'e' -> {
                    List<Object> items = popToMark(at);
                    list(top(at), at).addAll(items);
                }
                case 's' -> {
                    Object value = pop(at);
                    Object key = pop(at);
                    putItems(dict(top(at), at), Arrays.asList(key, value), at);
                }
                case 'u' -> {
                    List<Object> items = popToMark(at);
                    putItems(dict(top(at), at), items, at);
                }
                case 'q' -> memo.put((long) u8(), top(at));
                case 'r' -> memo.put(Integer.toUnsignedLong(view.getInt(take(4))), top(at));
                case 0x94 -> memo.put((long) memo.size(), top(at));
                case 'h' -> push(memoGet(u8(), at));
                case 'j' -> push(memoGet(Integer.toUnsignedLong(view.getInt(take(4))), at));
                case '0' -> pop(at);
                case '1' -> popToMark(at);
                case '2' -> push(top(at));
                case 'c' -> push(global(line(at), line(at), at));
                case 'R' -> push(reduce(at));
                default -> throw refused(opcode, at);
            }
        }
    }

    private static void putItems(Map<Object, Object> dict, List<Object> items, int at) throws PickleException {
        if (items.size() % 2 != 0) {
            throw error(at, "odd number of items for a dict");
        }
        for (int i = 0; i < items.size(); i += 2) {
            Object key = items.get(i);
            if (key instanceof ArrayList<?> || key instanceof Map<?, ?>) {
                throw error(at, "a list or dict used as a dict key");
            }
            dict.put(key, items.get(i + 1));
        }
    }

    private Object global(String module, String name, int at) throws PickleException {
        if (module.equals("_codecs") && name.equals("encode")) {
            return BytesConstructor.CODECS_ENCODE;
        }
        if ((module.equals("__builtin__") || module.equals("builtins")) && name.equals("bytes")) {
            return BytesConstructor.BUILTIN_BYTES;
        }
        throw error(at, "refused opcode GLOBAL '" + printable(module) + " " + printable(name)
                + "': the importer reads plain data only and never imports or calls anything");
    }

    /** Accepts only the two bytes spellings of protocol 2; any other call is refused. */
    private Object reduce(int at) throws PickleException {
        Object arguments = pop(at);
        Object callable = pop(at);
        if (callable instanceof BytesConstructor kind && arguments instanceof Tuple(List<Object> args)) {
            if (kind == BytesConstructor.BUILTIN_BYTES && args.isEmpty()) {
                return new Bytes(new byte[0]);
            }
            if (kind == BytesConstructor.CODECS_ENCODE && args.size() == 2
                    && args.get(0) instanceof String text && "latin1".equals(args.get(1))) {
                byte[] bytes = new byte[text.length()];
                for (int i = 0; i < bytes.length; i++) {
                    char c = text.charAt(i);
                    if (c > 0xFF) {
                        throw error(at, "latin1-encoded bytes contain a character above U+00FF");
                    }
                    bytes[i] = (byte) c;
                }
                return new Bytes(bytes);
            }
        }
        throw error(at, "refused opcode REDUCE: the importer never calls anything");
    }

    private PickleException refused(int opcode, int at) {
        String name = switch (opcode) {
            case 0x93 -> "STACK_GLOBAL";
            case 'b' -> "BUILD";
            case 'i' -> "INST";
            case 'o' -> "OBJ";
            case 0x81 -> "NEWOBJ";
            case 0x92 -> "NEWOBJ_EX";
            case 'P' -> "PERSID";
            case 'Q' -> "BINPERSID";
            case 0x82, 0x83, 0x84 -> "EXT";
            case 0x8f, 0x90, 0x91 -> "a set opcode (sets are not in CyberDB's value model; make them lists in Python first)";
            case 0x97, 0x98 -> "an out-of-band buffer opcode";
            default -> String.format(Locale.ROOT, "0x%02x", opcode);
        };
        return error(at, "refused opcode " + name + ": the importer reads plain data only (None, bool, int, float,"
                + " str, bytes, tuple, list, dict)");
    }

    private Object memoGet(long index, int at) throws PickleException {
        if (!memo.containsKey(index)) {
            throw error(at, "memo entry " + index + " was never stored");
        }
        return memo.get(index);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object target, int at) throws PickleException {
        if (target instanceof ArrayList<?> list) {
            return (List<Object>) list;
        }
        throw new PickleException("append to a " + kind(target) + " at offset " + at);
    }

    @SuppressWarnings("unchecked")
    private static Map<Object, Object> dict(Object target, int at) throws PickleException {
        if (target instanceof LinkedHashMap<?, ?> map) {
            return (Map<Object, Object>) map;
        }
        throw new PickleException("set item on a " + kind(target) + " at offset " + at);
    }

    static String kind(Object value) {
        return switch (value) {
            case null -> "None";
            case Boolean b -> "bool";
            case Long l -> "int";
            case BigInteger b -> "int";
            case Double d -> "float";
            case String s -> "str";
            case Bytes b -> "bytes";
            case Tuple t -> "tuple";
            case ArrayList<?> l -> "list";
            case Map<?, ?> m -> "dict";
            default -> value.getClass().getSimpleName();
        };
    }

    private void push(Object value) {
        stack.add(value);
    }

    private Object pop(int at) throws PickleException {
        need(1, at);
        return stack.removeLast();
    }

    private Object top(int at) throws PickleException {
        need(1, at);
        return stack.getLast();
    }

    private void need(int n, int at) throws PickleException {
        int floor = marks.isEmpty() ? 0 : marks.peek();
        if (stack.size() - floor < n) {
            throw error(at, "stack underflow");
        }
    }

    private List<Object> popToMark(int at) throws PickleException {
        if (marks.isEmpty()) {
            throw error(at, "no MARK to pop to");
        }
        int mark = marks.pop();
        List<Object> items = new ArrayList<>(stack.subList(mark, stack.size()));
        shrink(mark);
        return items;
    }

    private void shrink(int size) {
        stack.subList(size, stack.size()).clear();
    }

    private Object littleEndianInteger(int length) {
        byte[] little = bytes(length);
        if (length == 0) {
            return 0L;
        }
        byte[] big = new byte[length];
        for (int i = 0; i < length; i++) {
            big[i] = little[length - 1 - i];
        }
        BigInteger value = new BigInteger(big);
        return value.bitLength() < 64 ? (Object) value.longValue() : value;
    }

    private String utf8(int length, int at) throws PickleException {
        int start = take(length);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data, start, length)).toString();
        } catch (CharacterCodingException e) {
            // Python writes lone surrogates with 'surrogatepass'; keep them as replacement characters.
            return new String(data, start, length, StandardCharsets.UTF_8);
        }
    }

    private byte[] bytes(int length) {
        int start = take(length);
        return Arrays.copyOfRange(data, start, start + length);
    }

    /** Reads a little-endian length of {@code size} bytes and checks it against what remains. */
    private int length(int size, int at) throws PickleException {
        int start = take(size);
        long length = 0;
        for (int i = size - 1; i >= 0; i--) {
            length = (length << 8) | (data[start + i] & 0xFF);
        }
        if (length < 0 || length > data.length - position) {
            throw error(at, "declared length " + Long.toUnsignedString(length) + " exceeds the "
                    + (data.length - position) + " bytes that remain");
        }
        return (int) length;
    }

    private String line(int at) throws PickleException {
        int start = position;
        while (position < data.length && data[position] != '\n') {
            position++;
        }
        if (position == data.length || position - start > 256) {
            throw error(at, "unterminated or overlong name");
        }
        return new String(data, start, position++ - start, StandardCharsets.UTF_8);
    }

    private int u8() {
        return data[take(1)] & 0xFF;
    }

    /** Claims {@code n} bytes and returns where they start; running past the end is truncation. */
    private int take(int n) {
        if (n > data.length - position) {
            throw new TruncatedPickle(position);
        }
        int start = position;
        position += n;
        return start;
    }

    /** Unchecked so that the many small reads stay terse; {@link #read()} converts it. */
    private static final class TruncatedPickle extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int at;

        TruncatedPickle(int at) {
            super(null, null, false, false);
            this.at = at;
        }
    }

    private static String printable(String s) {
        return s.replaceAll("\\p{Cntrl}", "?");
    }

    private static PickleException error(int at, String problem) {
        return new PickleException(problem + " (offset " + at + ")");
    }
}
