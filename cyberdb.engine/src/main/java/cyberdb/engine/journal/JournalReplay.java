package cyberdb.engine.journal;

import cyberdb.api.CorruptFileException;
import cyberdb.api.CyberDBException;
import cyberdb.api.StorageException;
import cyberdb.core.value.MalformedValueException;
import cyberdb.core.value.ValueReader;
import cyberdb.engine.command.Command;
import cyberdb.engine.command.CommandCodec;
import cyberdb.engine.snapshot.SnapshotId;
import cyberdb.engine.store.Engine;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Start-up recovery: applies to the engine what a journal holds beyond the snapshot just loaded.
 * A journal that continues that snapshot is applied whole; one that continues an older snapshot
 * (the process died while a newer one was being taken) is applied from the mark of the loaded
 * snapshot on. A torn last record is cut off with a warning; a damaged record with more after
 * it stops start-up, unless the caller allows cutting the journal there.
 */
public final class JournalReplay {

    private static final System.Logger LOG = System.getLogger("cyberdb.engine");

    /**
     * What a replay did.
     *
     * @param applied     commands applied
     * @param validLength where the last whole record ends; the journal continues from there
     * @param fromMark    whether the journal continued an older snapshot (compact it soon)
     * @param droppedBytes bytes cut off the end, torn or (when allowed) damaged
     */
    public record Result(long applied, long validLength, boolean fromMark, long droppedBytes) {
    }

    private JournalReplay() {
    }

    /**
     * Replays a journal onto an engine that holds the snapshot {@code loaded}.
     *
     * @param file                 the journal
     * @param loaded               the snapshot already in the engine ({@link SnapshotId#NONE} if none)
     * @param engine               the engine, with no command log attached yet
     * @param truncateAtError      whether to cut the journal at a damaged record instead of refusing to start
     * @return what was done
     * @throws CorruptFileException if the journal is damaged, or does not belong to the snapshot
     */
    public static Result replay(Path file, SnapshotId loaded, Engine engine, boolean truncateAtError) {
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
            long size = Files.size(file);
            SnapshotId base = header(file, in);
            boolean applying = base.equals(loaded);
            boolean fromMark = !applying;
            long position = JournalFormat.HEADER_SIZE;
            long applied = 0;
            while (position < size) {
                long start = position;
                byte[] payload = next(in, size - position);
                if (payload == null || !intact(payload)) {
                    long dropped = size - start;
                    // Torn if nothing whole follows: a length or checksum damaged in the middle has
                    // intact records after it, which must not be cut off as if the process had died.
                    if (!intactRecordAfter(file, start, size)) {
                        LOG.log(Level.WARNING, "Journal " + file + ": cut off a torn last record at offset " + start
                                + " (" + dropped + " bytes); the process had died while writing it");
                        return finish(applying, file, loaded, new Result(applied, start, fromMark, dropped));
                    }
                    return damaged(file, start, dropped, truncateAtError, applying, loaded, applied, fromMark);
                }
                position += JournalFormat.RECORD_HEADER + payload.length - 4;
                try {
                    ValueReader reader = new ValueReader(payload, 4, payload.length - 4);
                    int type = reader.readByte();
                    if (type == JournalFormat.MARK) {
                        SnapshotId marked = new SnapshotId(reader.fixedLong(), (int) reader.fixedLong());
                        applying |= marked.equals(loaded);
                    } else if (type == JournalFormat.COMMAND) {
                        Command command = CommandCodec.read(reader);
                        if (applying) {
                            engine.write(() -> engine.apply(command));
                            applied++;
                        }
                    } else {
                        throw new MalformedValueException("Unknown record type " + type, 0);
                    }
                } catch (CyberDBException | IndexOutOfBoundsException invalid) {
                    return damaged(file, start, size - start, truncateAtError, applying, loaded, applied, fromMark);
                }
            }
            return finish(applying, file, loaded, new Result(applied, position, fromMark, 0));
        } catch (IOException e) {
            throw new StorageException("Cannot read the journal " + file + ": " + e, e);
        }
    }

    private static Result finish(boolean applying, Path file, SnapshotId loaded, Result result) {
        if (!applying) {
            throw new CorruptFileException(file, "it continues a different snapshot than the one loaded (" + loaded
                    + ") and holds no mark of it", "The snapshot and the journal do not belong together: restore the"
                    + " matching snapshot, or move the journal aside to start from the snapshot alone.");
        }
        return result;
    }

    private static Result damaged(Path file, long at, long dropped, boolean truncateAtError, boolean applying,
                                  SnapshotId loaded, long applied, boolean fromMark) {
        if (!truncateAtError) {
            throw new CorruptFileException(file, "the record at offset " + at + " is damaged, and " + dropped
                    + " bytes from there on cannot be trusted", "Nothing was started. To start anyway, dropping those "
                    + dropped + " bytes (the changes they hold are lost), restart with --truncate-journal-at-error"
                    + " (truncateJournalAtError(true) from Java); or restore the previous snapshot.");
        }
        LOG.log(Level.WARNING, "Journal " + file + ": leaving out " + dropped + " bytes from the damaged record at offset "
                + at + " on, as asked");
        return finish(applying, file, loaded, new Result(applied, at, fromMark, dropped));
    }

    private static SnapshotId header(Path file, DataInputStream in) throws IOException {
        byte[] header = new byte[JournalFormat.HEADER_SIZE];
        try {
            in.readFully(header);
        } catch (EOFException e) {
            throw new CorruptFileException(file, "truncated inside the header", "Move it aside to start from the snapshot.");
        }
        ByteBuffer fields = ByteBuffer.wrap(header);
        if (!Arrays.equals(header, 0, 8, JournalFormat.MAGIC, 0, 8)) {
            throw new CorruptFileException(file, "not a CyberDB journal", "Move it aside to start from the snapshot.");
        }
        int version = Short.toUnsignedInt(fields.getShort(8));
        if (version != JournalFormat.VERSION) {
            throw new CorruptFileException(file, "journal format version " + version + "; this CyberDB reads "
                    + JournalFormat.VERSION, "Open it with the CyberDB that wrote it.");
        }
        if (JournalFormat.crc(header, 0, JournalFormat.HEADER_SIZE - 4) != fields.getInt(JournalFormat.HEADER_SIZE - 4)) {
            throw new CorruptFileException(file, "header checksum mismatch", "Move it aside to start from the snapshot.");
        }
        return new SnapshotId(fields.getLong(12), fields.getInt(20));
    }

    /**
     * Reads a record's CRC and payload, as one array (CRC first); {@code null} if the file ends
     * inside the record or its length cannot fit in what remains.
     */
    private static byte[] next(DataInputStream in, long remaining) throws IOException {
        if (remaining < JournalFormat.RECORD_HEADER) {
            return null;
        }
        int length = in.readInt();
        if (length < 1 || length > remaining - JournalFormat.RECORD_HEADER) {
            return null;
        }
        byte[] record = new byte[4 + length];
        in.readFully(record);
        return record;
    }

    /**
     * Looks for a whole record (plausible length, a known type, a matching checksum) starting
     * anywhere after {@code from}: what tells damage in the middle from a torn tail.
     */
    private static boolean intactRecordAfter(Path file, long from, long size) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer head = ByteBuffer.allocate(JournalFormat.RECORD_HEADER + 1);
            for (long at = from + 1; at + JournalFormat.RECORD_HEADER < size; at++) {
                head.clear();
                if (channel.read(head, at) < head.capacity()) {
                    return false;
                }
                int length = head.getInt(0);
                int type = head.get(JournalFormat.RECORD_HEADER);
                if (length < 1 || length > size - at - JournalFormat.RECORD_HEADER
                        || type != JournalFormat.COMMAND && type != JournalFormat.MARK) {
                    continue;
                }
                ByteBuffer payload = ByteBuffer.allocate(length);
                channel.read(payload, at + JournalFormat.RECORD_HEADER);
                if (JournalFormat.crc(payload.array(), 0, length) == head.getInt(4)) {
                    return true;
                }
            }
            return false;
        }
    }

    private static boolean intact(byte[] record) {
        int stored = ByteBuffer.wrap(record).getInt();
        return JournalFormat.crc(record, 4, record.length - 4) == stored;
    }
}
