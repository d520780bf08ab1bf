package cyberdb.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cyberdb.api.CyberClient;
import cyberdb.api.CyberDict;
import cyberdb.api.CyberList;
import cyberdb.api.CyberProxy;
import cyberdb.api.NoSuchTableException;
import cyberdb.api.ProxyClosedException;
import cyberdb.api.TableExistsException;
import cyberdb.api.ValueNotStorableException;
import cyberdb.api.WrongTableKindException;
import cyberdb.api.WrongValueKindException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** What a remote user sees beyond the Map and List contracts: errors, values, iteration, atomicity. */
class RemoteBehaviourTest {

    private static final CyberServer SERVER = Servers.start();
    private static final CyberClient CLIENT = Servers.client(SERVER).build();

    @AfterAll
    static void stop() {
        CLIENT.close();
        SERVER.close();
    }

    @Test
    void errorsArriveAsTheirOwnTypesAndTheConnectionStaysUsable() {
        try (CyberProxy proxy = CLIENT.proxy().connect()) {
            proxy.createDict("errors-d").put("text", "a string");
            proxy.createList("errors-l", List.of(1));
            assertThrows(NoSuchTableException.class, () -> proxy.dict("missing"));
            assertThrows(TableExistsException.class, () -> proxy.createList("errors-d"));
            assertThrows(WrongTableKindException.class, () -> proxy.list("errors-d"));
            assertThrows(WrongValueKindException.class, () -> proxy.dict("errors-d").addAndGet("text", 1));
            assertThrows(IndexOutOfBoundsException.class, () -> proxy.list("errors-l").set(5, "x"));
            assertThrows(NoSuchElementException.class, () -> proxy.createList("errors-empty").removeLast());
            proxy.dict("errors-d").put("max", Long.MAX_VALUE);
            assertThrows(ArithmeticException.class, () -> proxy.dict("errors-d").addAndGet("max", 1));
            assertThrows(ValueNotStorableException.class, () -> proxy.dict("errors-d").put("bad", new Object()));
            assertEquals("a string", proxy.dict("errors-d").get("text"));
        }
    }

    @Test
    void createIfAbsentOverTheNetworkIsGetOrCreateEvenWhenClientsRace() throws InterruptedException {
        List<Thread> racers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            long id = i;
            racers.add(Thread.ofPlatform().start(() -> {
                try (CyberClient own = Servers.client(SERVER).build(); CyberProxy proxy = own.proxy().connect()) {
                    proxy.createDictIfAbsent("race").put(id, true);
                }
            }));
        }
        for (Thread racer : racers) {
            racer.join();
        }
        try (CyberProxy proxy = CLIENT.proxy().connect()) {
            assertEquals(8, proxy.createDictIfAbsent("race").size());
            proxy.createListIfAbsent("race-l");
            assertThrows(WrongTableKindException.class, () -> proxy.createDictIfAbsent("race-l"));
        }
    }

    @Test
    void setStoresOverTheNetworkWithoutAnAnswerAndRefusesWhatCannotBeStored() {
        try (CyberProxy proxy = CLIENT.proxy().connect()) {
            CyberDict<Object, Object> d = proxy.createDict("set-d");
            d.set("k", List.of(1, "two"));
            d.set("first", 0);
            d.set("k", "replaced");
            assertEquals(List.of("k", "first"), List.copyOf(d.keySet()));
            assertEquals("replaced", d.get("k"));
            assertThrows(ValueNotStorableException.class, () -> d.set("bad", new Object()));
            assertEquals(2, d.size());
        }
    }

    @Test
    void valuesKeepTheirKindsAcrossTheWire() {
        try (CyberProxy proxy = CLIENT.proxy().connect()) {
            CyberDict<Object, Object> d = proxy.createDict("kinds");
            d.put("zero", 0);
            d.put("none", null);
            d.put("bytes", new byte[] {1, 2});
            d.put("nested", Map.of("list", List.of(1.5, true)));
            d.put(7, "int key");
            assertEquals(0L, d.get("zero"));
            assertNull(d.get("none"));
            assertTrue(d.containsKey("none"));
            assertArrayEquals(new byte[] {1, 2}, (byte[]) d.get("bytes"));
            assertEquals(Map.of("list", List.of(1.5, true)), d.get("nested"));
            assertEquals("int key", d.get(7L));
        }
    }

    @Test
    void reopeningAKnownTableSkipsTheCheckAndAStaleOneFailsAtItsFirstOperation() {
        try (CyberClient other = Servers.client(SERVER).build();
             CyberProxy mine = CLIENT.proxy().connect();
             CyberProxy theirs = other.proxy().connect()) {
            mine.createDict("known").put("k", "v");
            assertEquals("v", mine.dict("known").get("k"));

            theirs.dropTable("known");
            CyberDict<Object, Object> stale = mine.dict("known"); // remembered: no round trip, so no error yet
            assertThrows(NoSuchTableException.class, () -> stale.get("k"));
            assertThrows(NoSuchTableException.class, () -> mine.dict("known"), "the failure made the client check again");

            theirs.createList("known");
            mine.createDict("known-2");
            CyberDict<Object, Object> wrongKind = mine.dict("known-2");
            theirs.dropTable("known-2");
            theirs.createList("known-2");
            assertThrows(WrongTableKindException.class, () -> wrongKind.put("k", "v"));
            assertEquals(0, mine.list("known-2").size());
            assertThrows(WrongTableKindException.class, () -> mine.dict("known-2"));

            mine.dropTable("known-2");
            assertThrows(NoSuchTableException.class, () -> mine.list("known-2"), "a drop through this client is never missed");
        }
    }

    @Test
    void getAllReadsManyKeysInOneRequest() {
        try (CyberProxy proxy = CLIENT.proxy().connect()) {
            CyberDict<Object, Object> d = proxy.createDict("get-all");
            d.put("none", null);
            d.put(7, "int key");
            d.put("bytes", new byte[] {3});
            var found = d.getAll(List.of(7L, "missing", "none", "bytes", 7L));
            assertEquals(List.of(7L, "none", "bytes"), new ArrayList<>(found.keySet()));
            assertEquals("int key", found.get(7L));
            assertNull(found.get("none"));
            assertArrayEquals(new byte[] {3}, (byte[]) found.get("bytes"));
            List<String> many = new ArrayList<>();
            for (int i = 0; i < 5000; i++) {
                many.add("k" + i);
                d.put("k" + i, i);
            }
            var all = d.getAll(many);
            assertEquals(5000, all.size());
            assertEquals(4999L, all.get("k4999"));
            CyberDict<String, Long> typed = proxy.createDict("get-all-typed", String.class, Long.class);
            typed.put("x", 1L);
            assertEquals(Map.of("x", 1L), typed.getAll(List.of("x", "y")));
        }
    }

    @Test
    void iterationPagesThroughLargeTables() {
        try (CyberProxy proxy = CLIENT.proxy().connect()) {
            CyberDict<Object, Object> d = proxy.createDict("big-d");
            CyberList<Object> l = proxy.createList("big-l");
            Map<Object, Object> entries = new java.util.LinkedHashMap<>();
            List<Object> elements = new ArrayList<>();
            for (long i = 0; i < 3000; i++) {
                entries.put("k" + i, i);
                elements.add(i);
            }
            d.putAll(entries);
            l.addAll(elements);
            List<Object> keys = new ArrayList<>(d.keySet());
            assertEquals(new ArrayList<>(entries.keySet()), keys, "insertion order over many pages");
            assertEquals(elements, new ArrayList<>(l));
            Set<Object> reversed = new HashSet<>(d.reversed().keySet());
            assertEquals(3000, reversed.size());
        }
    }

    @Test
    void tablesFailAfterCloseAndWorkAfterReconnect() {
        CyberProxy proxy = CLIENT.proxy().connect();
        CyberDict<Object, Object> d = proxy.createDict("reconnect");
        d.put("k", "v");
        proxy.close();
        assertThrows(ProxyClosedException.class, () -> d.get("k"));
        proxy.connect();
        assertEquals("v", d.get("k"));
        proxy.close();
    }

    public record Point(int x, int y) {
    }

    @Test
    void typedTablesWorkRemotely() {
        try (CyberProxy proxy = CLIENT.proxy().connect()) {
            CyberDict<String, Point> points = proxy.createDict("points", String.class, Point.class);
            points.put("origin", new Point(0, 0));
            points.compute("origin", (k, p) -> new Point(p.x() + 1, p.y()));
            assertEquals(new Point(1, 0), points.get("origin"));
            assertEquals(Map.of("x", 1L, "y", 0L), proxy.dict("points").get("origin"));
        }
    }
}
