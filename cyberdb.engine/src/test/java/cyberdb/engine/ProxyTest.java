package cyberdb.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cyberdb.api.CyberDB;
import cyberdb.api.CyberDict;
import cyberdb.api.CyberList;
import cyberdb.api.CyberProxy;
import cyberdb.api.EmbeddedClient;
import cyberdb.api.InvalidTableNameException;
import cyberdb.api.NoSuchTableException;
import cyberdb.api.ProxyClosedException;
import cyberdb.api.TableExistsException;
import cyberdb.api.TableInfo;
import cyberdb.api.TableKind;
import cyberdb.api.ValueNotStorableException;
import cyberdb.api.WrongTableKindException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProxyTest {

    private final EmbeddedClient db = CyberDB.embedded();

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void createIfAbsentCreatesOnceAndThenOpensWhatIsThere() {
        try (CyberProxy proxy = db.proxy().connect()) {
            proxy.createDictIfAbsent("centre").put("content", "Hello CyberDB!");
            assertEquals("Hello CyberDB!", proxy.createDictIfAbsent("centre").get("content"), "run twice, the data stays");
            assertTrue(proxy.exists("centre"));
            proxy.createListIfAbsent("queue").add(1);
            assertEquals(List.of(1L), proxy.createListIfAbsent("queue", Long.class));
            assertThrows(WrongTableKindException.class, () -> proxy.createDictIfAbsent("queue"));
            assertThrows(WrongTableKindException.class, () -> proxy.createListIfAbsent("centre"));
        }
    }

    @Test
    void concurrentCreateIfAbsentAllGetTheOneTable() throws InterruptedException {
        List<Thread> racers = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            long id = i;
            racers.add(Thread.ofPlatform().start(() -> {
                try (CyberProxy proxy = db.proxy().connect()) {
                    proxy.createDictIfAbsent("shared").put(id, true);
                }
            }));
        }
        for (Thread racer : racers) {
            racer.join();
        }
        try (CyberProxy proxy = db.proxy().connect()) {
            assertEquals(8, proxy.dict("shared").size());
        }
    }

    @Test
    void tablesStopWorkingWhenTheProxyClosesAndWorkAgainAfterConnect() {
        CyberProxy proxy = db.proxy().connect();
        CyberDict<Object, Object> centre = proxy.createDict("centre");
        centre.put("content", "Hello CyberDB!");
        proxy.close();
        assertFalse(proxy.isConnected());
        var error = assertThrows(ProxyClosedException.class, () -> centre.get("content"));
        assertInstanceOf(IllegalStateException.class, error);
        assertTrue(error.getMessage().contains("connect()"), error.getMessage());
        proxy.close();
        proxy.connect();
        assertEquals("Hello CyberDB!", centre.get("content"));
    }

    @Test
    void aFreshProxyMustBeConnected() {
        CyberProxy proxy = db.proxy();
        assertFalse(proxy.isConnected());
        assertThrows(ProxyClosedException.class, () -> proxy.createDict("x"));
    }

    @Test
    void catalogueOperations() {
        try (CyberProxy proxy = db.proxy().connect()) {
            proxy.createList("b-list");
            proxy.createDict("a-dict", Map.of("k", "v"));
            assertEquals(List.of(new TableInfo("a-dict", TableKind.DICT), new TableInfo("b-list", TableKind.LIST)),
                    proxy.tables());
            assertTrue(proxy.exists("a-dict"));
            assertThrows(TableExistsException.class, () -> proxy.createList("a-dict"));
            assertThrows(WrongTableKindException.class, () -> proxy.list("a-dict"));
            var wrongKind = assertThrows(WrongTableKindException.class, () -> proxy.dict("b-list"));
            assertTrue(wrongKind.getMessage().contains("list(\"b-list\")"), wrongKind.getMessage());
            assertThrows(NoSuchTableException.class, () -> proxy.dict("missing"));
            assertTrue(proxy.dropTable("a-dict"));
            assertFalse(proxy.dropTable("a-dict"));
            assertFalse(proxy.exists("a-dict"));
        }
    }

    @Test
    void tablesOfADroppedNameFailUntilItIsCreatedAgain() {
        try (CyberProxy proxy = db.proxy().connect()) {
            CyberList<Object> list = proxy.createList("queue", List.of(1, 2));
            proxy.dropTable("queue");
            assertThrows(NoSuchTableException.class, list::size);
            proxy.createList("queue", List.of(3));
            assertEquals(List.of(3L), list.toList());
        }
    }

    @Test
    void anOpenDictFollowsItsNameThroughDropsRecreationsAndLoads(@TempDir Path dir) {
        try (CyberProxy proxy = db.proxy().connect()) {
            CyberDict<Object, Object> dict = proxy.createDict("d", Map.of("k", "first"));
            assertEquals("first", dict.get("k"));
            proxy.dropTable("d");
            assertThrows(NoSuchTableException.class, () -> dict.get("k"), "a read must not see the dropped table");
            proxy.createList("d");
            assertThrows(WrongTableKindException.class, () -> dict.get("k"));
            proxy.dropTable("d");
            proxy.createDict("d", Map.of("k", "second"));
            assertEquals("second", dict.get("k"));

            Path file = dir.resolve("saved.cdb");
            db.save(file);
            dict.put("k", "third");
            assertEquals("third", dict.get("k"));
            db.load(file);
            assertEquals("second", dict.get("k"), "after a load, reads see the loaded table");
        }
    }

    @Test
    void invalidNamesAndContentCreateNothing() {
        try (CyberProxy proxy = db.proxy().connect()) {
            assertThrows(InvalidTableNameException.class, () -> proxy.createDict(""));
            assertThrows(InvalidTableNameException.class, () -> proxy.createDict("bad\nname"));
            assertThrows(InvalidTableNameException.class, () -> proxy.createDict("x".repeat(201)));
            assertThrows(ValueNotStorableException.class, () -> proxy.createList("l", List.of(new Object())));
            assertThrows(ValueNotStorableException.class, () -> proxy.createDict("d", Map.of("k", new Object())));
            assertEquals(List.of(), proxy.tables());
        }
    }

    @Test
    void closingTheClientStopsItsProxies() {
        EmbeddedClient client = CyberDB.embedded();
        CyberProxy proxy = client.proxy().connect();
        CyberDict<Object, Object> dict = proxy.createDict("d");
        client.close();
        assertThrows(ProxyClosedException.class, () -> dict.put("k", "v"));
        assertThrows(ProxyClosedException.class, client::proxy);
        assertFalse(proxy.isConnected());
    }
}
