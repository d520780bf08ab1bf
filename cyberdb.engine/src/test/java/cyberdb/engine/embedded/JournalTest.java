package cyberdb.engine.embedded;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cyberdb.api.CorruptFileException;
import cyberdb.api.CyberDict;
import cyberdb.api.CyberList;
import cyberdb.api.CyberProxy;
import cyberdb.api.Durability;
import cyberdb.api.StorageException;
import cyberdb.api.spi.EmbeddedConfig;
import cyberdb.engine.Await;
import cyberdb.engine.journal.Journal;
import cyberdb.engine.snapshot.DelegatingChannel;
import cyberdb.engine.store.Engine;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Crash recovery in one process: a "crash" abandons a database without closing it, as a killed
 * process would (what reached the file system stays; nothing more is written), and a new one
 * opens the same files.
 */
class JournalTest {

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("data.cdb");
    }

    private LocalClient open(Durability durability) {
        return open(file(), durability, false);
    }

    private static LocalClient open(Path file, Durability durability, boolean truncateJournalAtError) {
        return new LocalClient(new EmbeddedConfig(file, durability, truncateJournalAtError, true, false, Long.MAX_VALUE), new Engine());
    }

    private static Map<Object, Object> contents(LocalClient db, String table) {
        try (CyberProxy proxy = db.proxy().connect()) {
            return proxy.dict(table).toMap();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Durability.class, names = "SNAPSHOT_ONLY", mode = EnumSource.Mode.EXCLUDE)
    void acknowledgedWritesSurviveACrashWithoutAnySnapshot(Durability durability) {
        LocalClient crashed = open(durability);
        CyberProxy proxy = crashed.proxy().connect();
        CyberDict<Object, Object> d = proxy.createDict("d");
        CyberList<Object> l = proxy.createList("l");
        for (int i = 0; i < 100; i++) {
            d.put("k" + i, i);
            l.add(i);
        }
        d.merge("k1", 10L, (a, b) -> (Long) a + (Long) b);
        d.remove("k2");
        l.sort((a, b) -> Long.compare((Long) b, (Long) a));
        Map<Object, Object> dict = d.toMap();
        List<Object> list = l.toList();
        crashed.abandon();

        LocalClient recovered = open(durability);
        try (CyberProxy after = recovered.proxy().connect()) {
            assertEquals(dict, after.dict("d").toMap());
            assertEquals(list, after.list("l").toList());
        }
        recovered.close();
    }

    @Test
    void withoutAJournalWhatCameAfterTheLastSnapshotIsLost() {
        LocalClient crashed = open(Durability.SNAPSHOT_ONLY);
        CyberDict<Object, Object> d = crashed.proxy().connect().createDict("d");
        d.put("saved", 1);
        crashed.save();
        d.put("unsaved", 2);
        assertFalse(Files.exists(DataFile.journalOf(file())));
        crashed.abandon();
        LocalClient recovered = open(Durability.SNAPSHOT_ONLY);
        assertEquals(Map.of("saved", 1L), contents(recovered, "d"));
        recovered.close();
    }

    @Test
    void aCrashAtEachStepOfASnapshotRecoversTheSameState() {
        for (String step : List.of("marked", "snapshot written", "journal compacted")) {
            Path file = dir.resolve(step.replace(' ', '-') + ".cdb");
            Map<Object, Object> expected = new java.util.LinkedHashMap<>();
            LocalClient[] crashed = new LocalClient[1];
            crashed[0] = new LocalClient(EmbeddedConfig.of(file, Durability.JOURNAL_FSYNC_ALWAYS), new Engine(), Journal.FILES, reached -> {
                if (reached.equals(step)) {
                    // Writers go on between the steps; then the process dies.
                    CyberDict<Object, Object> d = crashed[0].proxy().connect().dict("d");
                    d.put("during " + step, true);
                    expected.put("during " + step, true);
                    throw new Crash();
                }
            });
            CyberDict<Object, Object> d = crashed[0].proxy().connect().createDict("d");
            for (int i = 0; i < 50; i++) {
                d.put(i, "before");
                expected.put((long) i, "before");
            }
            assertThrows(Crash.class, crashed[0]::save);
            crashed[0].abandon();

            LocalClient recovered = open(file, Durability.JOURNAL_FSYNC_ALWAYS, false);
            assertEquals(expected, contents(recovered, "d"), "crash after step: " + step);
            recovered.close();
            LocalClient again = open(file, Durability.JOURNAL_FSYNC_ALWAYS, false);
            assertEquals(expected, contents(again, "d"), "a clean restart after recovery, step: " + step);
            again.close();
        }
    }

    private static final class Crash extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    @Test
    void aTornLastRecordIsCutOff() throws IOException {
        LocalClient crashed = open(Durability.JOURNAL_FSYNC_ALWAYS);
        crashed.proxy().connect().createDict("d").put("k", "v");
        crashed.abandon();
        Path journal = DataFile.journalOf(file());
        // The process died while writing a record: its length says 100 bytes, only 10 made it.
        Files.write(journal, ByteBuffer.allocate(18).putInt(100).putInt(0).array(), java.nio.file.StandardOpenOption.APPEND);
        LocalClient recovered = open(Durability.JOURNAL_FSYNC_ALWAYS);
        assertEquals(Map.of("k", "v"), contents(recovered, "d"));
        recovered.proxy().connect().dict("d").put("after", "recovery");
        recovered.close();
        LocalClient again = open(Durability.JOURNAL_FSYNC_ALWAYS);
        assertEquals(Map.of("k", "v", "after", "recovery"), contents(again, "d"));
        again.close();
    }

    @Test
    void aDamagedRecordInTheMiddleStopsStartUpUnlessTruncationIsAsked() throws IOException {
        LocalClient crashed = open(Durability.JOURNAL_FSYNC_ALWAYS);
        CyberDict<Object, Object> d = crashed.proxy().connect().createDict("d");
        for (int i = 0; i < 20; i++) {
            d.put(i, "value " + i);
        }
        crashed.abandon();
        Path journal = DataFile.journalOf(file());
        byte[] bytes = Files.readAllBytes(journal);
        int middle = bytes.length / 2;
        bytes[middle] ^= 0x40;
        Files.write(journal, bytes);

        var refused = assertThrows(CorruptFileException.class, () -> open(Durability.JOURNAL_FSYNC_ALWAYS));
        assertTrue(refused.getMessage().contains("data.journal") && refused.getMessage().contains("offset")
                && refused.getMessage().contains("--truncate-journal-at-error"), refused.getMessage());

        LocalClient truncated = open(file(), Durability.JOURNAL_FSYNC_ALWAYS, true);
        Map<Object, Object> kept = contents(truncated, "d");
        assertTrue(kept.size() > 0 && kept.size() < 20, "the records before the damage survive: " + kept.size());
        for (Map.Entry<Object, Object> entry : kept.entrySet()) {
            assertEquals("value " + entry.getKey(), entry.getValue());
        }
        truncated.close();
    }

    @Test
    void aDamagedLengthInTheMiddleIsNotMistakenForATornTail() throws IOException {
        LocalClient crashed = open(Durability.JOURNAL_FSYNC_ALWAYS);
        CyberDict<Object, Object> d = crashed.proxy().connect().createDict("d");
        for (int i = 0; i < 20; i++) {
            d.put(i, "value " + i);
        }
        crashed.abandon();
        Path journal = DataFile.journalOf(file());
        byte[] bytes = Files.readAllBytes(journal);
        // The first record's length, right after the 32-byte header, now claims far more than the file holds.
        bytes[32] = 0x7f;
        Files.write(journal, bytes);

        var refused = assertThrows(CorruptFileException.class, () -> open(Durability.JOURNAL_FSYNC_ALWAYS));
        assertTrue(refused.getMessage().contains("offset 32"), refused.getMessage());
        assertArrayEquals(bytes, Files.readAllBytes(journal), "nothing was cut");
    }

    @Test
    void aFullDiskFailsWritesClearlyKeepsReadsAndWritesResumeWhenSpaceReturns() {
        AtomicBoolean full = new AtomicBoolean();
        Journal.ChannelOpener filling = path -> new DelegatingChannel(Journal.FILES.open(path)) {
            @Override
            public int write(ByteBuffer src, long position) throws IOException {
                if (full.get()) {
                    throw new IOException("No space left on device");
                }
                return super.write(src, position);
            }
        };
        LocalClient db = new LocalClient(EmbeddedConfig.of(file(), Durability.JOURNAL_FSYNC_ALWAYS), new Engine(), filling,
                DataFile.Steps.NONE);
        CyberProxy proxy = db.proxy().connect();
        CyberDict<Object, Object> d = proxy.createDict("d");
        d.put("before", 1);

        full.set(true);
        var error = assertThrows(StorageException.class, () -> d.put("during", 2));
        assertTrue(error.getMessage().contains("No space left") && error.getMessage().contains("not applied"), error.getMessage());
        assertFalse(d.containsKey("during"), "a write that could not be journaled is not applied");
        assertEquals(1L, d.get("before"), "reads keep working");
        assertTrue(db.storageProblem().orElseThrow().contains("No space left"));

        full.set(false);
        d.put("after", 3);
        assertTrue(db.storageProblem().isEmpty());
        db.abandon();
        LocalClient recovered = open(Durability.JOURNAL_FSYNC_ALWAYS);
        assertEquals(Map.of("before", 1L, "after", 3L), contents(recovered, "d"));
        recovered.close();
    }

    @Test
    void everySecondForcesWhatWasWrittenWithinAboutASecond() {
        // The size of the journal at each force: a write is durable once a force saw it.
        List<Long> forcedAt = java.util.Collections.synchronizedList(new ArrayList<>());
        Journal.ChannelOpener counting = path -> new DelegatingChannel(Journal.FILES.open(path)) {
            @Override
            public void force(boolean metaData) throws IOException {
                long size = size();
                super.force(metaData);
                forcedAt.add(size);
            }
        };
        try (LocalClient db = new LocalClient(EmbeddedConfig.of(file(), Durability.JOURNAL_FSYNC_EVERY_SECOND), new Engine(),
                counting, DataFile.Steps.NONE)) {
            CyberDict<Object, Object> d = db.proxy().connect().createDict("d");
            for (int round = 0; round < 2; round++) {
                d.put("round", round);
                long written = Files.size(DataFile.journalOf(file()));
                // About a second is promised; three leave room for a busy machine, not for a missed tick.
                Await.until(() -> forcedAt.stream().anyMatch(size -> size >= written), Duration.ofSeconds(3));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aFailedCompactionClosesAndRemovesItsFileAndTheJournalGoesOn() throws IOException {
        List<FileChannel> compactions = new ArrayList<>();
        Journal.ChannelOpener failingCompaction = path -> {
            if (!path.getFileName().toString().endsWith(".compact")) {
                return Journal.FILES.open(path);
            }
            FileChannel channel = new DelegatingChannel(Journal.FILES.open(path)) {
                @Override
                public void force(boolean metaData) throws IOException {
                    throw new IOException("Input/output error");
                }
            };
            compactions.add(channel);
            return channel;
        };
        try (LocalClient db = new LocalClient(EmbeddedConfig.of(file(), Durability.JOURNAL_FSYNC_ALWAYS), new Engine(),
                failingCompaction, DataFile.Steps.NONE)) {
            CyberDict<Object, Object> d = db.proxy().connect().createDict("d");
            d.put("before", 1);
            StorageException failed = assertThrows(StorageException.class, db::save);
            assertTrue(failed.getMessage().contains("compact"), failed.getMessage());
            assertEquals(1, compactions.size());
            assertFalse(compactions.getFirst().isOpen(), "the compaction's channel was closed");
            try (var listing = Files.list(dir)) {
                assertTrue(listing.noneMatch(p -> p.getFileName().toString().endsWith(".compact")), "and its file removed");
            }
            d.put("after", 2);
            db.abandon();
        }
        try (LocalClient recovered = open(Durability.JOURNAL_FSYNC_ALWAYS)) {
            assertEquals(Map.of("before", 1L, "after", 2L), contents(recovered, "d"), "the journal went on as before");
        }
    }

    @Test
    void aWriterThatMustNotBlockIsToldWhenItsWriteIsForced() throws Exception {
        CountDownLatch diskDone = new CountDownLatch(1);
        AtomicBoolean slowDisk = new AtomicBoolean();
        AtomicBoolean failingDisk = new AtomicBoolean();
        Journal.ChannelOpener disk = path -> new DelegatingChannel(Journal.FILES.open(path)) {
            @Override
            public void force(boolean metaData) throws IOException {
                if (slowDisk.get()) {
                    try {
                        diskDone.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                if (failingDisk.get()) {
                    throw new IOException("Input/output error");
                }
                super.force(metaData);
            }
        };
        try (LocalClient db = new LocalClient(EmbeddedConfig.of(file(), Durability.JOURNAL_FSYNC_ALWAYS), new Engine(),
                disk, DataFile.Steps.NONE)) {
            ServedEngine served = ServedEngine.of(db);
            served.createDict("d", new LinkedHashMap<>());
            assertTrue(served.run(() -> served.dict("d").get("k")).isDone(), "a read has nothing to wait for");

            slowDisk.set(true);
            CompletableFuture<Void> write = served.run(() -> served.dict("d").set("k", "v"));
            assertEquals("v", served.dict("d").get("k"), "applied at once, without waiting for the disk");
            assertFalse(write.isDone(), "but not acknowledged before the force");
            diskDone.countDown();
            write.get(10, TimeUnit.SECONDS);

            failingDisk.set(true);
            CompletableFuture<Void> failing = served.run(() -> served.dict("d").set("k", "w"));
            ExecutionException error = assertThrows(ExecutionException.class, () -> failing.get(10, TimeUnit.SECONDS));
            assertInstanceOf(StorageException.class, error.getCause());
            failingDisk.set(false);
        }
    }

    /** Not an I/O error but a bug or an Error: the group commit thread must neither die nor leave writers waiting. */
    @Test
    void anUnexpectedFailureWhileForcingFailsItsWritersAndTheNextWritesGoThrough() throws Exception {
        AtomicBoolean broken = new AtomicBoolean();
        Journal.ChannelOpener disk = path -> new DelegatingChannel(Journal.FILES.open(path)) {
            @Override
            public void force(boolean metaData) throws IOException {
                if (broken.get()) {
                    throw new IllegalStateException("a bug in the file system layer");
                }
                super.force(metaData);
            }
        };
        try (LocalClient db = new LocalClient(EmbeddedConfig.of(file(), Durability.JOURNAL_FSYNC_ALWAYS), new Engine(),
                disk, DataFile.Steps.NONE)) {
            ServedEngine served = ServedEngine.of(db);
            served.createDict("d", new LinkedHashMap<>());
            broken.set(true);
            CompletableFuture<Void> failing = served.run(() -> served.dict("d").set("k", "v"));
            ExecutionException error = assertThrows(ExecutionException.class, () -> failing.get(10, TimeUnit.SECONDS));
            assertInstanceOf(StorageException.class, error.getCause());
            broken.set(false);
            served.run(() -> served.dict("d").set("k", "w")).get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void concurrentWritersUnderFsyncAlwaysLoseNothing() throws InterruptedException {
        LocalClient crashed = open(Durability.JOURNAL_FSYNC_ALWAYS);
        crashed.proxy().connect().createDict("d");
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int id = t;
            writers.add(Thread.ofPlatform().start(() -> {
                CyberDict<Object, Object> d = crashed.proxy().connect().dict("d");
                for (int i = 0; i < 200; i++) {
                    d.put(id + ":" + i, i);
                    d.merge("total", 1L, (a, b) -> (Long) a + (Long) b);
                }
            }));
        }
        for (Thread writer : writers) {
            writer.join();
        }
        crashed.abandon();
        LocalClient recovered = open(Durability.JOURNAL_FSYNC_ALWAYS);
        Map<Object, Object> d = contents(recovered, "d");
        assertEquals(8 * 200 + 1, d.size());
        assertEquals(1600L, d.get("total"));
        recovered.close();
    }

    @Test
    void turningTheJournalOffKeepsWhatItHeld() {
        LocalClient crashed = open(Durability.JOURNAL_FSYNC_EVERY_SECOND);
        crashed.proxy().connect().createDict("d").put("journaled", true);
        crashed.abandon();
        LocalClient snapshots = open(Durability.SNAPSHOT_ONLY);
        assertEquals(Map.of("journaled", true), contents(snapshots, "d"));
        snapshots.close();
        assertTrue(Files.exists(DataFile.journalOf(file())), "nothing changed, so nothing was written: the journal stays");

        LocalClient changed = open(Durability.SNAPSHOT_ONLY);
        changed.proxy().connect().dict("d").put("snapshot", true);
        changed.close();
        assertFalse(Files.exists(DataFile.journalOf(file())), "the journal was folded into a snapshot and removed");
        try (LocalClient reopened = open(Durability.SNAPSHOT_ONLY)) {
            assertEquals(Map.of("journaled", true, "snapshot", true), contents(reopened, "d"));
        }
    }

    @Test
    void aDamagedSnapshotIsRefusedAndThePreviousOneCanBeLoaded() throws IOException {
        LocalClient db = open(Durability.JOURNAL_FSYNC_EVERY_SECOND);
        CyberDict<Object, Object> d = db.proxy().connect().createDict("d");
        d.put("version", 1);
        db.save();
        d.put("version", 2);
        db.close();
        byte[] bytes = Files.readAllBytes(file());
        bytes[bytes.length / 2] ^= 1;
        Files.write(file(), bytes);

        var refused = assertThrows(CorruptFileException.class, () -> open(Durability.JOURNAL_FSYNC_EVERY_SECOND));
        assertTrue(refused.getMessage().contains("data.cdb") && refused.getMessage().contains("data_backup.cdb"),
                refused.getMessage());
        try (LocalClient restored = new LocalClient(new Engine())) {
            restored.load(dir.resolve("data_backup.cdb"));
            assertEquals(Map.of("version", 1L), contents(restored, "d"), "the snapshot before the last one");
        }
    }

    @Test
    void snapshotsKeepTheJournalShort() throws IOException {
        LocalClient db = open(Durability.JOURNAL_NO_FSYNC);
        CyberDict<Object, Object> d = db.proxy().connect().createDict("d");
        for (int i = 0; i < 1000; i++) {
            d.put("key", "value " + i);
        }
        long grown = Files.size(DataFile.journalOf(file()));
        db.save();
        long compacted = Files.size(DataFile.journalOf(file()));
        assertTrue(compacted < grown / 10, "after a snapshot the journal holds only what followed it: " + compacted);
        d.put("key", "last");
        db.close();
        LocalClient reopened = open(Durability.JOURNAL_NO_FSYNC);
        assertEquals(Map.of("key", "last"), contents(reopened, "d"));
        reopened.close();
    }
}
