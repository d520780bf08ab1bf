package cyberdb.engine.migrate;

import cyberdb.api.CorruptFileException;
import cyberdb.api.ImportReport;
import cyberdb.api.StorageException;
import cyberdb.api.TableInfo;
import cyberdb.api.TableKind;
import cyberdb.api.ValueNotStorableException;
import cyberdb.core.value.Blob;
import cyberdb.core.value.Values;
import cyberdb.engine.migrate.PickleReader.Bytes;
import cyberdb.engine.migrate.PickleReader.PickleException;
import cyberdb.engine.migrate.PickleReader.Tuple;
import cyberdb.engine.store.Engine;
import cyberdb.engine.store.TableImage;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a Python CyberDB file ({@code {'config': ..., 'db': {name: dict or list}}}) into table
 * images. The {@code config} part, which holds the old password in clear text, is never read.
 */
public final class PythonImport {

    /**
     * The tables read from a Python file, and the report to show the user.
     *
     * @param tables the table images, sorted by name
     * @param report what was imported and skipped
     */
    public record Result(List<TableImage> tables, ImportReport report) {
    }

    /** An entry that cannot be stored as it is; it is skipped and reported, the import goes on. */
    private static final class SkipEntry extends Exception {
        private static final long serialVersionUID = 1L;

        SkipEntry(String reason) {
            super(reason, null, false, false);
        }
    }

    /** An integer beyond the long range: the import stops, naming where it is. */
    private static final class OutOfRange extends Exception {
        private static final long serialVersionUID = 1L;
        private final BigInteger value;

        OutOfRange(BigInteger value) {
            super(null, null, false, false);
            this.value = value;
        }
    }

    private static final String NOTHING_CHANGED = "Nothing was imported, and the file was not changed.";

    private final Path file;
    /** Memo references can make a small pickle expand hugely; this bounds the work by the file's size. */
    private long budget;
    private final List<String> skipped = new ArrayList<>();

    private PythonImport(Path file, long size) {
        this.file = file;
        this.budget = 16 * size + 1024;
    }

    /**
     * Reads a Python CyberDB file.
     *
     * @param file the pickle file
     * @return the tables and the report
     * @throws CorruptFileException       if it is not a plain-data pickle of a CyberDB database
     * @throws ValueNotStorableException if an integer exceeds the long range
     * @throws StorageException           if it cannot be read
     */
    public static Result read(Path file) {
        byte[] data;
        try {
            data = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new StorageException("Cannot read " + file + ": " + e, e);
        }
        if (data.length >= 8 && new String(data, 0, 8, StandardCharsets.ISO_8859_1).equals("CYBERDB\u001a")) {
            throw new CorruptFileException(file, "it is already a CyberDB for Java data file, not a Python CyberDB file",
                    "There is nothing to convert: open it as it is.");
        }
        Object root;
        try {
            root = new PickleReader(data).read();
        } catch (PickleException e) {
            throw new CorruptFileException(file, e.getMessage(), NOTHING_CHANGED);
        }
        if (!(root instanceof Map<?, ?> top) || !(top.get("db") instanceof Map<?, ?> db)) {
            throw new CorruptFileException(file, "not a Python CyberDB database: expected a dict with a 'db' dict, found a "
                    + PickleReader.kind(root), NOTHING_CHANGED);
        }
        return new PythonImport(file, data.length).convert(db);
    }

    private Result convert(Map<?, ?> db) {
        List<TableImage> images = new ArrayList<>();
        for (Map.Entry<?, ?> table : db.entrySet()) {
            if (!(table.getKey() instanceof String name)) {
                skipped.add("table named " + describe(table.getKey()) + ": table names must be strings");
                continue;
            }
            try {
                Engine.checkName(name);
            } catch (RuntimeException invalid) {
                skipped.add("table " + describe(name) + ": not a valid table name");
                continue;
            }
            switch (table.getValue()) {
                case Map<?, ?> dict -> images.add(dictImage(name, dict));
                case ArrayList<?> list -> images.add(listImage(name, list));
                case Tuple tuple -> images.add(listImage(name, tuple.items()));
                default -> skipped.add("table '" + name + "': a " + PickleReader.kind(table.getValue())
                        + ", not a dict or list");
            }
        }
        images.sort(Comparator.comparing(TableImage::name));
        long entries = images.stream().mapToLong(image -> image.values().size()).sum();
        List<TableInfo> tables = images.stream().map(image -> new TableInfo(image.name(), image.kind())).toList();
        return new Result(images, new ImportReport(tables, entries, skipped));
    }

    private TableImage dictImage(String name, Map<?, ?> dict) {
        List<Object> keys = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        for (Map.Entry<?, ?> entry : dict.entrySet()) {
            try {
                if (entry.getKey() == null) {
                    throw new SkipEntry("CyberDB keys are never null");
                }
                Object key = stored(entry.getKey(), 0);
                Object value = stored(entry.getValue(), 0);
                keys.add(key);
                values.add(value);
            } catch (SkipEntry skip) {
                skipped.add("table '" + name + "', key " + describe(entry.getKey()) + ": " + skip.getMessage());
            } catch (OutOfRange big) {
                throw outOfRange(big, "table '" + name + "', key " + describe(entry.getKey()));
            }
        }
        return new TableImage(name, TableKind.DICT, keys, values);
    }

    private TableImage listImage(String name, List<?> list) {
        List<Object> elements = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            try {
                elements.add(stored(list.get(i), 0));
            } catch (SkipEntry skip) {
                skipped.add("table '" + name + "', index " + i + ": " + skip.getMessage());
            } catch (OutOfRange big) {
                throw outOfRange(big, "table '" + name + "', index " + i);
            }
        }
        return new TableImage(name, TableKind.LIST, List.of(), elements);
    }

    private Object stored(Object value, int depth) throws SkipEntry, OutOfRange {
        if (--budget < 0) {
            throw new CorruptFileException(file, "the pickle expands to far more values than its size justifies"
                    + " (shared references multiplied)", NOTHING_CHANGED);
        }
        if (depth > Values.MAX_DEPTH) {
            throw new SkipEntry("nested deeper than " + Values.MAX_DEPTH + " levels");
        }
        return switch (value) {
            case null -> null;
            case Boolean b -> b;
            case Long l -> l;
            case Double d -> d;
            case String s -> s;
            case BigInteger big -> throw new OutOfRange(big);
            case Bytes bytes -> Blob.copyOf(bytes.data());
            case Tuple tuple -> storedList(tuple.items(), depth);
            case ArrayList<?> list -> storedList(list, depth);
            case Map<?, ?> map -> {
                LinkedHashMap<Object, Object> copy = LinkedHashMap.newLinkedHashMap(map.size());
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    if (entry.getKey() == null) {
                        throw new SkipEntry("a nested dict has the key None, and CyberDB keys are never null");
                    }
                    copy.put(stored(entry.getKey(), depth + 1), stored(entry.getValue(), depth + 1));
                }
                yield Values.frozenMap(copy);
            }
            default -> throw new IllegalStateException("Unexpected unpickled " + value.getClass());
        };
    }

    private List<Object> storedList(List<?> items, int depth) throws SkipEntry, OutOfRange {
        Object[] copy = new Object[items.size()];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = stored(items.get(i), depth + 1);
        }
        return Values.frozenList(copy);
    }

    private static ValueNotStorableException outOfRange(OutOfRange big, String where) {
        return new ValueNotStorableException("Cannot import " + where + ": the integer " + big.value
                + " is outside the long range CyberDB stores. Store it as a string in Python and export again. "
                + NOTHING_CHANGED);
    }

    private static String describe(Object key) {
        String text = switch (key) {
            case null -> "None";
            case String s -> "'" + s + "'";
            case Long l -> l.toString();
            case Double d -> d.toString();
            case Boolean b -> b ? "True" : "False";
            default -> "(a " + PickleReader.kind(key) + ")";
        };
        text = text.replaceAll("\\p{Cntrl}", "?");
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }
}
