package cyberdb.engine.snapshot;

import cyberdb.api.CorruptFileException;
import cyberdb.api.TableKind;
import cyberdb.core.value.MalformedValueException;
import cyberdb.core.value.ValueReader;
import cyberdb.core.value.Values;
import cyberdb.engine.store.Engine;
import cyberdb.engine.store.TableImage;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32C;

/**
 * Decodes a snapshot, checking everything: magic, version, every checksum, every length against
 * the bytes left in the file, the counts the records declare, and the end record. Any problem
 * is a {@link CorruptFileException} naming the file and the offset.
 */
final class SnapshotReader {

    private final Path file;
    private final DataInputStream in;
    private final long fileSize;
    private final CRC32C crc = new CRC32C();
    private long offset;

    SnapshotReader(Path file, InputStream in, long fileSize) {
        this.file = file;
        this.in = new DataInputStream(in);
        this.fileSize = fileSize;
    }

    Snapshot read() throws IOException {
        byte[] header = readFully(SnapshotFormat.HEADER_SIZE, "the header");
        byte[] magic = Arrays.copyOf(header, SnapshotFormat.MAGIC.length);
        if (!Arrays.equals(magic, SnapshotFormat.MAGIC)) {
            throw corrupt(0, "not a CyberDB snapshot: " + SnapshotFormat.describeMagic(magic));
        }
        ByteBuffer fields = ByteBuffer.wrap(header);
        int version = Short.toUnsignedInt(fields.getShort(8));
        if (version != SnapshotFormat.VERSION) {
            throw corrupt(8, "format version " + version + ", but this CyberDB reads version " + SnapshotFormat.VERSION
                    + (version > SnapshotFormat.VERSION ? "; open it with a newer CyberDB" : ""));
        }
        crc.reset();
        crc.update(header, 0, SnapshotFormat.HEADER_SIZE - 4);
        if ((int) crc.getValue() != fields.getInt(SnapshotFormat.HEADER_SIZE - 4)) {
            throw corrupt(0, "header checksum mismatch");
        }
        long tableCount = Integer.toUnsignedLong(fields.getInt(20));
        SnapshotId id = new SnapshotId(fields.getLong(12), fields.getInt(24));

        List<TableImage> images = new ArrayList<>();
        Set<String> names = new HashSet<>();
        while (true) {
            long recordAt = offset;
            int type = readType();
            ValueReader payload = readPayload(type, recordAt);
            try {
                if (type == SnapshotFormat.RECORD_END) {
                    long tables = payload.varLong();
                    payload.varLong();
                    if (tables != images.size() || tables != tableCount) {
                        throw corrupt(recordAt, "end record counts " + tables + " tables, header " + tableCount
                                + ", found " + images.size());
                    }
                    if (offset != fileSize) {
                        throw corrupt(offset, (fileSize - offset) + " unexpected bytes after the end record");
                    }
                    return new Snapshot(id, images);
                }
                if (type != SnapshotFormat.RECORD_TABLE) {
                    throw corrupt(recordAt, "expected a table record, found type " + type);
                }
                TableImage image = readTable(payload, recordAt);
                if (!names.add(image.name())) {
                    throw corrupt(recordAt, "table '" + image.name() + "' appears twice");
                }
                images.add(image);
            } catch (MalformedValueException e) {
                throw corrupt(recordAt, "malformed record: " + e.getMessage());
            }
        }
    }

    private TableImage readTable(ValueReader payload, long recordAt) throws IOException {
        String name = payload.string();
        int kindCode = payload.readByte();
        if (kindCode != SnapshotFormat.KIND_DICT && kindCode != SnapshotFormat.KIND_LIST) {
            throw corrupt(recordAt, "table '" + name + "' has unknown kind " + kindCode);
        }
        try {
            Engine.checkName(name);
        } catch (RuntimeException invalid) {
            throw corrupt(recordAt, "invalid table name");
        }
        boolean dict = kindCode == SnapshotFormat.KIND_DICT;
        long declared = payload.varLong();
        // Each entry takes at least one byte per value in the rest of the file: bound before allocating.
        if (declared < 0 || declared > (fileSize - offset) || declared > Integer.MAX_VALUE - 8) {
            throw corrupt(recordAt, "table '" + name + "' declares " + Long.toUnsignedString(declared)
                    + " entries, more than the file can hold");
        }
        int count = (int) declared;
        Object[] keys = new Object[dict ? count : 0];
        Object[] values = new Object[count];
        Set<Object> seen = dict ? HashSet.newHashSet(count) : Set.of();
        int filled = 0;
        while (filled < count) {
            long chunkAt = offset;
            int type = readType();
            if (type != SnapshotFormat.RECORD_ENTRIES) {
                throw corrupt(chunkAt, "table '" + name + "' ends after " + filled + " of " + count + " entries");
            }
            ValueReader chunk = readPayload(type, chunkAt);
            try {
                int n = chunk.count(dict ? 2 : 1);
                if (n > count - filled) {
                    throw corrupt(chunkAt, "table '" + name + "' has more entries than the " + count + " it declares");
                }
                for (int i = 0; i < n; i++, filled++) {
                    if (dict) {
                        keys[filled] = chunk.value();
                        if (keys[filled] == null || !seen.add(keys[filled])) {
                            throw corrupt(chunkAt, "table '" + name + "' has a null or repeated key");
                        }
                    }
                    values[filled] = chunk.value();
                }
                if (chunk.remaining() != 0) {
                    throw corrupt(chunkAt, chunk.remaining() + " stray bytes in an entries record of '" + name + "'");
                }
            } catch (MalformedValueException e) {
                throw corrupt(chunkAt, "malformed entries of table '" + name + "': " + e.getMessage());
            }
        }
        return new TableImage(name, dict ? TableKind.DICT : TableKind.LIST,
                dict ? Values.frozenList(keys) : List.of(), Values.frozenList(values));
    }

    private int readType() throws IOException {
        return readFully(1, "a record")[0] & 0xFF;
    }

    private ValueReader readPayload(int type, long recordAt) throws IOException {
        int length = ByteBuffer.wrap(readFully(4, "a record length")).getInt();
        long left = fileSize - offset;
        if (length < 0 || length > left - 4) {
            throw corrupt(recordAt, "record declares " + Integer.toUnsignedString(length) + " bytes but only "
                    + Math.max(0, left - 4) + " remain (truncated file?)");
        }
        byte[] payload = readFully(length, "a record");
        int stored = ByteBuffer.wrap(readFully(4, "a checksum")).getInt();
        crc.reset();
        crc.update(type);
        crc.update(ByteBuffer.allocate(4).putInt(length).array());
        crc.update(payload);
        if ((int) crc.getValue() != stored) {
            throw corrupt(recordAt, "checksum mismatch in a record of " + length + " bytes");
        }
        return new ValueReader(payload, 0, length);
    }

    private byte[] readFully(int n, String what) throws IOException {
        byte[] bytes = new byte[n];
        try {
            in.readFully(bytes);
        } catch (EOFException eof) {
            throw corrupt(offset, "truncated: the file ends inside " + what);
        }
        offset += n;
        return bytes;
    }

    private CorruptFileException corrupt(long at, String problem) {
        return new CorruptFileException(file, problem + " (offset " + at + ")");
    }
}
