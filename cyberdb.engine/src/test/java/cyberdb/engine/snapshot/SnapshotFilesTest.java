package cyberdb.engine.snapshot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cyberdb.api.StorageException;
import cyberdb.api.TableKind;
import cyberdb.engine.store.TableImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Crash safety of saving: a write that dies half way never replaces a good snapshot. */
class SnapshotFilesTest {

    @TempDir
    Path dir;

    private static List<TableImage> images(int entries) {
        List<Object> keys = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        for (long i = 0; i < entries; i++) {
            keys.add("key-" + i);
            values.add("value ".repeat(20) + i);
        }
        return List.of(new TableImage("t", TableKind.DICT, keys, values));
    }

    /** A channel that accepts {@code budget} bytes and then fails, like a full disk or a dying process. */
    private static FileChannel failingAfter(Path path, long budget) throws IOException {
        FileChannel real = FileChannel.open(path, StandardOpenOption.WRITE);
        return new DelegatingChannel(real) {
            private long written;

            @Override
            public int write(ByteBuffer src) throws IOException {
                if (written + src.remaining() > budget) {
                    throw new IOException("No space left on device (simulated after " + written + " bytes)");
                }
                written += src.remaining();
                return super.write(src);
            }
        };
    }

    @Test
    void aSaveThatFailsHalfWayLeavesThePreviousSnapshotAndNoTempFile() throws IOException {
        Path target = dir.resolve("data.cdb");
        SnapshotFiles.save(images(10), target);
        byte[] good = Files.readAllBytes(target);

        List<TableImage> bigger = images(50_000);
        var error = assertThrows(StorageException.class,
                () -> SnapshotFiles.save(bigger, target, SnapshotId.fresh(), path -> failingAfter(path, 1 << 20)));
        assertInstanceOf(IOException.class, error.getCause());

        assertArrayEquals(good, Files.readAllBytes(target), "the good snapshot is untouched");
        assertEquals(images(10), SnapshotFiles.load(target).tables());
        assertFalse(Files.exists(SnapshotFiles.backupOf(target)), "the backup is only rotated once the new file is complete");
        try (var files = Files.list(dir)) {
            assertEquals(List.of(target), files.toList());
        }
    }

    /** For a replicated log's storage, which names its files: the same format, no .cdb name, no backup. */
    @Test
    void anImageSavedUnderAnotherNameLoadsAndLeavesNoBackup() throws IOException {
        Path file = dir.resolve("snapshot.3_120");
        SnapshotFiles.saveAs(images(10), file);
        SnapshotFiles.saveAs(images(20), file);
        assertEquals(20, SnapshotFiles.load(file).tables().getFirst().keys().size());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no backup, no temporary file");
        }
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void largeTablesSpanSeveralChunksAndRoundTrip() {
        Path target = dir.resolve("big.cdb");
        List<TableImage> big = images(30_000);
        SnapshotFiles.save(big, target);
        assertEquals(big, SnapshotFiles.load(target).tables());
    }

    @Test
    void leftoverTempFilesFromACrashDoNotDisturbLoading() throws IOException {
        Path target = dir.resolve("data.cdb");
        SnapshotFiles.save(images(3), target);
        Files.write(dir.resolve(".data.cdb.123.tmp"), new byte[] {1, 2, 3});
        assertEquals(images(3), SnapshotFiles.load(target).tables());
        SnapshotFiles.save(images(4), target);
        assertEquals(images(4), SnapshotFiles.load(target).tables());
        assertEquals(images(3), SnapshotFiles.load(SnapshotFiles.backupOf(target)).tables());
    }
}
