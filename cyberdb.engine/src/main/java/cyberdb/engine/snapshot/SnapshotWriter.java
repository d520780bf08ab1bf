package cyberdb.engine.snapshot;

import cyberdb.api.TableKind;
import cyberdb.core.value.ValueWriter;
import cyberdb.engine.store.TableImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.zip.CRC32C;

/** Encodes table images as a version 1 snapshot onto a stream. */
final class SnapshotWriter {

    private final OutputStream out;
    private final ValueWriter payload = new ValueWriter(SnapshotFormat.CHUNK_BYTES + 4096);
    private final ValueWriter chunk = new ValueWriter(SnapshotFormat.CHUNK_BYTES + 4096);
    private final CRC32C crc = new CRC32C();

    SnapshotWriter(OutputStream out) {
        this.out = out;
    }

    void write(List<TableImage> images, SnapshotId id) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(SnapshotFormat.HEADER_SIZE);
        header.put(SnapshotFormat.MAGIC)
                .putShort((short) SnapshotFormat.VERSION)
                .putShort((short) 0)
                .putLong(id.created())
                .putInt(images.size())
                .putInt(id.nonce());
        crc.reset();
        crc.update(header.array(), 0, header.position());
        header.putInt((int) crc.getValue());
        out.write(header.array());

        long total = 0;
        for (TableImage image : images) {
            writeTable(image);
            total += image.values().size();
        }
        payload.reset();
        payload.varLong(images.size()).varLong(total);
        record(SnapshotFormat.RECORD_END);
    }

    private void writeTable(TableImage image) throws IOException {
        boolean dict = image.kind() == TableKind.DICT;
        int count = image.values().size();
        payload.reset();
        payload.string(image.name())
                .writeByte(dict ? SnapshotFormat.KIND_DICT : SnapshotFormat.KIND_LIST)
                .varLong(count);
        record(SnapshotFormat.RECORD_TABLE);

        int start = 0;
        while (start < count) {
            chunk.reset();
            int end = start;
            while (end < count && chunk.size() < SnapshotFormat.CHUNK_BYTES) {
                if (dict) {
                    chunk.value(image.keys().get(end));
                }
                chunk.value(image.values().get(end));
                end++;
            }
            payload.reset();
            payload.varLong(end - start).raw(chunk.buffer(), 0, chunk.size());
            record(SnapshotFormat.RECORD_ENTRIES);
            start = end;
        }
    }

    private void record(int type) throws IOException {
        byte[] head = ByteBuffer.allocate(5).put((byte) type).putInt(payload.size()).array();
        crc.reset();
        crc.update(head);
        crc.update(payload.buffer(), 0, payload.size());
        out.write(head);
        out.write(payload.buffer(), 0, payload.size());
        out.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
