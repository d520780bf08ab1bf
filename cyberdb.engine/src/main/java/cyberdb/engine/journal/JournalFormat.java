package cyberdb.engine.journal;

import cyberdb.engine.snapshot.SnapshotId;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The journal file format, version 1 (see {@code docs/file-format.md}): a 32-byte header naming
 * the snapshot the journal continues, then records of a 4-byte length, a 4-byte CRC32C of the
 * payload, and the payload: {@code C} and a command, or {@code M} and the identity of a snapshot
 * taken at that point.
 */
final class JournalFormat {

    static final byte[] MAGIC = {'C', 'Y', 'B', 'E', 'R', 'J', 'N', 'L'};
    static final int VERSION = 1;
    static final int HEADER_SIZE = 32;
    static final int RECORD_HEADER = 8;
    static final int COMMAND = 'C';
    static final int MARK = 'M';

    private JournalFormat() {
    }

    static ByteBuffer header(SnapshotId base) {
        ByteBuffer header = ByteBuffer.allocate(HEADER_SIZE);
        header.put(MAGIC).putShort((short) VERSION).putShort((short) 0)
                .putLong(base.created()).putInt(base.nonce()).putInt(0);
        CRC32C crc = new CRC32C();
        crc.update(header.array(), 0, HEADER_SIZE - 4);
        header.putInt((int) crc.getValue());
        return header.flip();
    }

    static int crc(byte[] payload, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(payload, offset, length);
        return (int) crc.getValue();
    }
}
