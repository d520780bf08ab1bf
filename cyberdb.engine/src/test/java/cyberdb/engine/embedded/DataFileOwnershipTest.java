package cyberdb.engine.embedded;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cyberdb.api.CyberDB;
import cyberdb.api.CyberDict;
import cyberdb.api.CyberProxy;
import cyberdb.api.Durability;
import cyberdb.api.EmbeddedClient;
import cyberdb.api.FileInUseException;
import cyberdb.api.ReadOnlyException;
import cyberdb.api.StorageException;
import cyberdb.api.spi.EmbeddedConfig;
import cyberdb.engine.journal.Journal;
import cyberdb.engine.store.Engine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One owner per data file, files that only their owner can read, opening and closing that write
 * nothing unasked, and loads that survive a crash.
 */
class DataFileOwnershipTest {

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("data.cdb");
    }

    /** Every file in the directory with its bytes, to compare before and after. */
    private Map<String, byte[]> files() throws IOException {
        Map<String, byte[]> contents = new TreeMap<>();
        try (Stream<Path> listing = Files.list(dir)) {
            for (Path path : listing.toList()) {
                contents.put(path.getFileName().toString(), Files.readAllBytes(path));
            }
        }
        return contents;
    }

    private static void assertSameFiles(Map<String, byte[]> expected, Map<String, byte[]> actual, String why) {
        assertEquals(expected.keySet(), actual.keySet(), why);
        expected.forEach((name, bytes) -> assertArrayEquals(bytes, actual.get(name), why + ": " + name));
    }

    /** A database with a snapshot, changes after it in the journal, and a torn record at the end. */
    private void prepareFilesWithJournalAndTornTail() throws IOException {
        LocalClient db = new LocalClient(EmbeddedConfig.of(file(), Durability.JOURNAL_FSYNC_ALWAYS), new Engine());
        CyberDict<Object, Object> d = db.proxy().connect().createDict("d");
        d.put("saved", 1);
        db.save();
        d.put("journaled", 2);
        db.abandon();
        Files.write(DataFile.journalOf(file()), new byte[] {0, 0, 0, 100, 1, 2}, java.nio.file.StandardOpenOption.APPEND);
    }

    @Test
    void aSecondOpenerInThisProcessIsRefusedBeforeItTouchesAnything() throws IOException {
        try (EmbeddedClient owner = CyberDB.embedded(file()); CyberProxy proxy = owner.proxy().connect()) {
            CyberDict<Object, Object> d = proxy.createDict("d");
            d.put("before", 1);
            Map<String, byte[]> before = files();

            FileInUseException refused = assertThrows(FileInUseException.class, () -> CyberDB.embedded(file()));
            assertTrue(refused.getMessage().contains(file().toString()), refused.getMessage());
            assertEquals(file(), refused.file());
            assertSameFiles(before, files(), "the refused opener touched nothing");

            d.put("after", 2);
        }
        try (EmbeddedClient reopened = CyberDB.embedded(file()); CyberProxy proxy = reopened.proxy().connect()) {
            assertEquals(Map.of("before", 1L, "after", 2L), proxy.dict("d").toMap(), "the owner's writes all survived");
        }
    }

    @Test
    void anotherProcessIsRefusedWithItsProcessIdAndTheFileIsFreeOnceThatProcessDies() throws Exception {
        String classPath = System.getProperty("java.class.path");
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, DataFileHolder.class.getName(), file().toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("open", out.readLine(), "the other process opened the file");
            Map<String, byte[]> before = files();

            FileInUseException refused = assertThrows(FileInUseException.class, () -> CyberDB.embedded(file()));
            assertEquals(holder.pid(), refused.ownerPid().orElseThrow());
            assertTrue(refused.getMessage().contains("process " + holder.pid()) && refused.getMessage().contains("data.cdb"),
                    refused.getMessage());
            assertSameFiles(before, files(), "the refused opener touched nothing");
        } finally {
            holder.destroyForcibly();
            assertTrue(holder.waitFor(30, TimeUnit.SECONDS));
        }
        // A killed owner holds nothing: its lock went with it, and what it acknowledged is in the journal.
        try (EmbeddedClient db = CyberDB.embedded(file()); CyberProxy proxy = db.proxy().connect()) {
            assertEquals(holder.pid(), proxy.dict("held").get("by"));
        }
    }

    @Test
    void openingAndClosingWithoutAChangeLeavesTheFilesAsTheyWere() throws IOException {
        prepareFilesWithJournalAndTornTail();
        Map<String, byte[]> before = files();
        for (Durability durability : Durability.values()) {
            new LocalClient(EmbeddedConfig.of(file(), durability), new Engine()).close();
            assertSameFiles(before, files(), "open and close with " + durability);
        }
    }

    @Test
    void opening_aFileThatDoesNotExist_createsNothingUntilTheFirstChange() throws IOException {
        new LocalClient(EmbeddedConfig.of(file(), Durability.JOURNAL_FSYNC_EVERY_SECOND), new Engine()).close();
        assertEquals(List.of("data.lock"), List.copyOf(files().keySet()), "only the lock, which stays");

        try (LocalClient db = new LocalClient(EmbeddedConfig.of(file(), Durability.JOURNAL_FSYNC_EVERY_SECOND), new Engine())) {
            db.proxy().connect().createDict("d");
        }
        assertEquals(List.of("data.cdb", "data.journal", "data.lock"), List.copyOf(files().keySet()));
    }

    @Test
    void aFileThatMustExistButDoesNotIsRefusedAndNothingIsCreated() {
        Path mistyped = dir.resolve("dta.cdb");
        StorageException refused = assertThrows(StorageException.class,
                () -> CyberDB.embeddedBuilder(mistyped).createIfMissing(false).build());
        assertTrue(refused.getMessage().contains("dta.cdb"), refused.getMessage());
        assertFalse(Files.exists(mistyped) || Files.exists(dir.resolve("dta.journal")) || Files.exists(dir.resolve("dta.lock")),
                "a mistyped name leaves no files behind");
    }

    @Test
    void everyFileTheDatabaseWritesIsReadableByItsOwnerOnly() throws IOException {
        try (EmbeddedClient db = CyberDB.embedded(file()); CyberProxy proxy = db.proxy().connect()) {
            proxy.createDict("d").put("secret", "value");
            db.save();
            proxy.dict("d").put("more", "secrets");
            db.save();
            List<String> written = List.copyOf(files().keySet());
            assertEquals(List.of("data.cdb", "data.journal", "data.lock", "data_backup.cdb"), written);
            for (String name : written) {
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(name))), name);
            }
        }
    }

    @Test
    void aJournalThatWasWorldReadableBecomesOwnerOnlyWhenWrittenAgain() throws IOException {
        try (EmbeddedClient db = CyberDB.embedded(file())) {
            db.proxy().connect().createDict("d");
        }
        Path journal = DataFile.journalOf(file());
        Files.setPosixFilePermissions(journal, PosixFilePermissions.fromString("rw-r--r--"));
        try (EmbeddedClient db = CyberDB.embedded(file())) {
            db.proxy().connect().dict("d").put("k", "v");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(journal)));
        }
    }

    @Test
    void aReadOnlyOpenSeesWhatTheOwnerJournaledRefusesChangesAndWritesNothing() throws IOException {
        try (EmbeddedClient owner = CyberDB.embedded(file()); CyberProxy proxy = owner.proxy().connect()) {
            CyberDict<Object, Object> d = proxy.createDict("d");
            d.put("k", "v");
            Map<String, byte[]> before = files();

            try (EmbeddedClient reader = CyberDB.embeddedBuilder(file()).readOnly(true).build();
                 CyberProxy look = reader.proxy().connect()) {
                CyberDict<Object, Object> seen = look.dict("d");
                assertEquals(Map.of("k", "v"), seen.toMap());
                assertThrows(ReadOnlyException.class, () -> seen.put("k", "changed"));
                assertThrows(ReadOnlyException.class, () -> look.createList("l"));
                assertThrows(ReadOnlyException.class, reader::save);
                assertThrows(ReadOnlyException.class, () -> reader.save(dir.resolve("copy.cdb")));
                assertEquals(Map.of("k", "v"), seen.toMap(), "nothing changed in memory either");
            }
            assertSameFiles(before, files(), "a read-only open and close wrote nothing");
            d.put("owner", "goes on");
        }
        try (EmbeddedClient db = CyberDB.embedded(file()); CyberProxy proxy = db.proxy().connect()) {
            assertEquals(Map.of("k", "v", "owner", "goes on"), proxy.dict("d").toMap());
        }
    }

    @Test
    void aReadOnlyOpenOfAMissingFileIsRefused() {
        assertThrows(StorageException.class, () -> CyberDB.embeddedBuilder(dir.resolve("nothing.cdb")).readOnly(true).build());
        assertFalse(Files.exists(dir.resolve("nothing.lock")));
    }

    @Test
    void savingOverAnotherDatabasesDataFileIsRefused() throws IOException {
        try (EmbeddedClient owner = CyberDB.embedded(file()); CyberProxy proxy = owner.proxy().connect()) {
            proxy.createDict("d").put("k", "v");
            owner.save();
            Map<String, byte[]> before = files();
            try (EmbeddedClient other = CyberDB.embedded()) {
                other.proxy().connect().createDict("other");
                assertThrows(FileInUseException.class, () -> other.save(file()));
            }
            assertSameFiles(before, files(), "the owner's files are untouched");
        }
    }

    @Test
    void savingOverADatabaseWhoseJournalIsThereIsRefused() throws IOException {
        LocalClient crashed = new LocalClient(EmbeddedConfig.of(file(), Durability.JOURNAL_FSYNC_ALWAYS), new Engine());
        crashed.proxy().connect().createDict("d").put("k", "journaled only");
        crashed.abandon();
        Map<String, byte[]> before = files();
        try (EmbeddedClient other = CyberDB.embedded()) {
            other.proxy().connect().createDict("other");
            StorageException refused = assertThrows(StorageException.class, () -> other.save(file()));
            assertTrue(refused.getMessage().contains("data.journal"), refused.getMessage());
        }
        assertSameFiles(before, files(), "the journal and what it holds are intact");
    }

    @Test
    void theBackupOfASnapshotLeftWorldReadableIsOwnerOnly() throws IOException {
        try (EmbeddedClient db = CyberDB.embedded(file()); CyberProxy proxy = db.proxy().connect()) {
            proxy.createDict("d");
            db.save();
            Files.setPosixFilePermissions(file(), PosixFilePermissions.fromString("rw-rw-rw-"));
            proxy.dict("d").put("k", "v");
            db.save();
        }
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("data_backup.cdb"))));
    }

    @Test
    void aLoadFollowedByWritesSurvivesACrashAtEveryStepOfTheSnapshotAfterIt() throws IOException {
        Path source = dir.resolve("source.cdb");
        try (EmbeddedClient db = CyberDB.embedded(); CyberProxy proxy = db.proxy().connect()) {
            proxy.createDict("loaded").put("from", "source");
            db.save(source);
        }
        for (String step : List.of("marked", "snapshot written", "journal compacted")) {
            Path file = dir.resolve(step.replace(' ', '-') + ".cdb");
            LocalClient[] crashed = new LocalClient[1];
            crashed[0] = new LocalClient(EmbeddedConfig.of(file, Durability.JOURNAL_FSYNC_ALWAYS), new Engine(), Journal.FILES,
                    reached -> {
                        if (reached.equals(step)) {
                            crashed[0].proxy().connect().dict("loaded").put("during", step);
                            throw new IllegalStateException("crash at " + step);
                        }
                    });
            crashed[0].proxy().connect().createDict("old").put("k", 1);
            assertThrows(IllegalStateException.class, () -> crashed[0].load(source));
            crashed[0].abandon();

            try (LocalClient recovered = new LocalClient(EmbeddedConfig.of(file, Durability.JOURNAL_FSYNC_ALWAYS), new Engine());
                 CyberProxy proxy = recovered.proxy().connect()) {
                assertEquals(List.of("loaded"), proxy.tables().stream().map(t -> t.name()).toList(), step);
                assertEquals(Map.of("from", "source", "during", step), proxy.dict("loaded").toMap(), step);
                proxy.dict("loaded").put("after", "recovery");
            }
        }
    }

    @Test
    void writesAfterALoadReplayOntoTheLoadedTables() {
        Path source = dir.resolve("source.cdb");
        try (EmbeddedClient db = CyberDB.embedded(); CyberProxy proxy = db.proxy().connect()) {
            proxy.createDict("loaded").put("from", "source");
            db.save(source);
        }
        LocalClient crashed = new LocalClient(EmbeddedConfig.of(file(), Durability.JOURNAL_FSYNC_ALWAYS), new Engine());
        crashed.proxy().connect().createDict("old").put("k", 1);
        crashed.load(source);
        crashed.proxy().connect().dict("loaded").put("after", "load");
        crashed.abandon();

        try (LocalClient recovered = new LocalClient(EmbeddedConfig.of(file(), Durability.JOURNAL_FSYNC_ALWAYS), new Engine());
             CyberProxy proxy = recovered.proxy().connect()) {
            assertEquals(Map.of("from", "source", "after", "load"), proxy.dict("loaded").toMap());
            assertFalse(proxy.exists("old"));
        }
    }

}
