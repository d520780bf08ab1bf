package cyberdb.engine.snapshot;

import java.nio.charset.StandardCharsets;

/**
 * The constants of the {@code .cdb} snapshot format, version 1, described in
 * {@code docs/file-format.md}. Numbers here are part of the file format: never change them,
 * add a version instead.
 */
final class SnapshotFormat {

    /** Eight bytes; the CR LF and SUB catch files mangled by text-mode transfers, as PNG's do. */
    static final byte[] MAGIC = {'C', 'Y', 'B', 'E', 'R', 'D', 'B', 0x1A};
    static final int VERSION = 1;
    static final int HEADER_SIZE = 32;

    static final int RECORD_TABLE = 'T';
    static final int RECORD_ENTRIES = 'E';
    static final int RECORD_END = 'Z';

    static final int KIND_DICT = 1;
    static final int KIND_LIST = 2;

    /** The writer starts a new entries record once the current one reaches this size. */
    static final int CHUNK_BYTES = 1 << 20;

    static final String SUFFIX = ".cdb";

    private SnapshotFormat() {
    }

    static String describeMagic(byte[] first) {
        if (first.length > 0 && (first[0] & 0xFF) == 0x80) {
            return "it looks like a Python CyberDB file (a pickle); convert it with ./cyberdb import-python";
        }
        return "it does not start with the CyberDB magic bytes (found '"
                + new String(first, StandardCharsets.ISO_8859_1).replaceAll("\\p{Cntrl}", "?") + "')";
    }
}
