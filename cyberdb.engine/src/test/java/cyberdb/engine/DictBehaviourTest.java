package cyberdb.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cyberdb.api.CyberDB;
import cyberdb.api.CyberDict;
import cyberdb.api.EmbeddedClient;
import cyberdb.api.WrongValueKindException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DictBehaviourTest {

    private final EmbeddedClient db = CyberDB.embedded();
    private final CyberDict<String, Long> dict = db.proxy().connect().createDict("d", String.class, Long.class);

    @AfterEach
    void close() {
        db.close();
    }

    private List<String> keys(Map<String, ?> map) {
        return new ArrayList<>(map.keySet());
    }

    @Test
    void getAllReturnsPresentKeysInTheOrderAsked() {
        dict.put("a", 1L);
        dict.put("b", null);
        dict.put("c", 3L);
        SequencedMap<String, Long> found = dict.getAll(List.of("c", "missing", "b", "a", "c"));
        assertEquals(List.of("c", "b", "a"), keys(found), "duplicates once, missing left out, asked order kept");
        assertEquals(3L, found.get("c"));
        assertTrue(found.containsKey("b") && found.get("b") == null, "a key mapped to null is present");
        assertTrue(dict.getAll(List.of()).isEmpty());
        assertTrue(dict.getAll(java.util.Arrays.asList((String) null)).isEmpty(), "null can never be a key");
        @SuppressWarnings({"unchecked", "rawtypes"})
        CyberDict<Object, Long> raw = (CyberDict) dict;
        assertTrue(raw.getAll(List.of(42L)).isEmpty(), "a key of the wrong type is simply missing");
        found.put("new", 9L);
        assertTrue(!dict.containsKey("new"), "the result is a detached copy");
    }

    @Test
    void setStoresLikePutAndAnExistingKeyKeepsItsPlace() {
        dict.set("a", 1L);
        dict.set("b", 2L);
        dict.set("a", 3L);
        assertEquals(List.of("a", "b"), List.copyOf(dict.keySet()));
        assertEquals(3L, dict.get("a"));
        assertThrows(NullPointerException.class, () -> dict.set(null, 1L));
        assertEquals(2, dict.size(), "a refused set stores nothing");
    }

    @Test
    void pollLastEntryRemovesTheMostRecentlyInsertedLikePopitem() {
        dict.put("a", 1L);
        dict.put("b", 2L);
        dict.put("c", 3L);
        dict.put("a", 10L);
        assertEquals(Map.entry("c", 3L), dict.pollLastEntry());
        assertEquals(Map.entry("a", 10L), dict.pollFirstEntry(), "updating a key keeps its place");
        assertEquals(List.of("b"), keys(dict));
        dict.clear();
        assertNull(dict.pollLastEntry());
    }

    @Test
    void putFirstAndPutLastMoveKeys() {
        dict.put("a", 1L);
        dict.put("b", 2L);
        dict.put("c", 3L);
        assertEquals(3L, dict.putFirst("c", 30L));
        assertEquals(List.of("c", "a", "b"), keys(dict));
        assertNull(dict.putLast("d", 4L));
        assertEquals(1L, dict.putLast("a", 1L));
        assertEquals(List.of("c", "b", "d", "a"), keys(dict));
        assertEquals(Map.entry("c", 30L), dict.firstEntry());
        assertEquals(Map.entry("a", 1L), dict.lastEntry());
    }

    @Test
    void reversedIsALiveViewInTheOppositeOrder() {
        dict.put("a", 1L);
        dict.put("b", 2L);
        SequencedMap<String, Long> reversed = dict.reversed();
        assertEquals(List.of("b", "a"), keys(reversed));
        reversed.putFirst("z", 26L);
        assertEquals(List.of("a", "b", "z"), keys(dict));
        assertEquals(Map.entry("a", 1L), reversed.pollLastEntry());
        assertEquals(List.of("b", "z"), keys(dict));
        assertEquals(List.of("z", "b"), new ArrayList<>(dict.sequencedKeySet().reversed()));
        assertTrue(reversed.reversed() == dict);
    }

    @Test
    void addAndGetCountsFromZeroAndRefusesNonIntegers() {
        assertEquals(5, dict.addAndGet("hits", 5));
        assertEquals(3, dict.addAndGet("hits", -2));
        assertEquals(3L, dict.get("hits"));

        CyberDict<Object, Object> plain = db.proxy().connect().dict("d");
        plain.put("name", "text");
        var error = assertThrows(WrongValueKindException.class, () -> dict.addAndGet("name", 1));
        assertTrue(error.getMessage().contains("string"), error.getMessage());
        dict.put("max", Long.MAX_VALUE);
        assertThrows(ArithmeticException.class, () -> dict.addAndGet("max", 1));
        assertEquals(Long.MAX_VALUE, dict.get("max"), "an overflowing add stores nothing");
    }

    @Test
    void toMapIsADetachedCopyInOrder() {
        dict.put("b", 2L);
        dict.put("a", 1L);
        SequencedMap<String, Long> copy = dict.toMap();
        copy.put("c", 3L);
        assertEquals(List.of("b", "a", "c"), keys(copy));
        assertEquals(2, dict.size());
    }

    @Test
    void computeAndMergeFollowTheMapContract() {
        assertEquals(1L, dict.merge("k", 1L, Long::sum));
        assertEquals(3L, dict.merge("k", 2L, Long::sum));
        assertNull(dict.merge("k", 0L, (a, b) -> null));
        assertTrue(dict.isEmpty());
        assertEquals(7L, dict.computeIfAbsent("k", key -> 7L));
        assertEquals(7L, dict.computeIfAbsent("k", key -> 8L));
        assertEquals(14L, dict.computeIfPresent("k", (key, v) -> v * 2));
        assertNull(dict.compute("k", (key, v) -> null));
        assertNull(dict.computeIfPresent("k", (key, v) -> 1L));
        assertTrue(dict.isEmpty());
    }

    @Test
    void iteratedEntriesWriteThrough() {
        dict.put("a", 1L);
        dict.put("b", 2L);
        for (Map.Entry<String, Long> entry : dict.entrySet()) {
            entry.setValue(entry.getValue() * 100);
        }
        assertEquals(Map.of("a", 100L, "b", 200L), dict.toMap());
        dict.keySet().removeIf("a"::equals);
        assertEquals(List.of("b"), keys(dict));
        dict.values().clear();
        assertTrue(dict.isEmpty());
    }
}
