package cyberdb.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cyberdb.api.CyberDB;
import cyberdb.api.CyberDict;
import cyberdb.api.CyberList;
import cyberdb.api.CyberProxy;
import cyberdb.api.EmbeddedClient;
import cyberdb.api.ValueNotStorableException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ValueModelTest {

    private final EmbeddedClient db = CyberDB.embedded();
    private final CyberProxy proxy = db.proxy().connect();
    private final CyberDict<Object, Object> dict = proxy.createDict("values");

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void zeroStaysZeroAndNullStaysNull() {
        dict.put("zero", 0);
        dict.put("none", null);
        assertEquals(0L, dict.get("zero"));
        assertNull(dict.get("none"));
        assertTrue(dict.containsKey("none"), "a key mapped to null is present, unlike a missing one");
        assertFalse(dict.containsKey("missing"));
        assertEquals("default", dict.getOrDefault("missing", "default"));
        assertNull(dict.getOrDefault("none", "default"));
    }

    @Test
    void integralNumbersAreLongsAndFloatsAreDoubles() {
        dict.put("int", 7);
        dict.put("short", (short) 7);
        dict.put("big", BigInteger.valueOf(-5));
        dict.put("float", 1.5f);
        assertEquals(7L, dict.get("int"));
        assertEquals(7L, dict.get("short"));
        assertEquals(-5L, dict.get("big"));
        assertEquals(1.5d, dict.get("float"));
        assertEquals(7L, dict.get("int"));
        assertTrue(dict.containsKey("int"));
        dict.put(1, "one");
        assertEquals("one", dict.get(1L), "Integer and Long keys of the same number are the same key");
    }

    @Test
    void storedValuesAreCopiesInAndOut() {
        List<Object> nested = new ArrayList<>(List.of(1, "two", Map.of("three", 3)));
        byte[] bytes = {1, 2, 3};
        dict.put("list", nested);
        dict.put("bytes", bytes);
        nested.add("changed after put");
        bytes[0] = 99;

        @SuppressWarnings("unchecked")
        List<Object> read = (List<Object>) dict.get("list");
        assertEquals(List.of(1L, "two", Map.of("three", 3L)), read);
        read.add("changed after get");
        assertEquals(3, ((List<?>) dict.get("list")).size());
        byte[] readBytes = (byte[]) dict.get("bytes");
        assertArrayEquals(new byte[] {1, 2, 3}, readBytes);
        readBytes[1] = 42;
        assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) dict.get("bytes"));
        assertTrue(dict.containsValue(new byte[] {1, 2, 3}), "byte arrays compare by content");
        assertTrue(dict.remove("bytes", new byte[] {1, 2, 3}));
    }

    @Test
    void nestedMapsKeepInsertionOrder() {
        Map<String, Object> ordered = new LinkedHashMap<>();
        ordered.put("z", 1);
        ordered.put("a", 2);
        ordered.put("m", 3);
        dict.put("ordered", ordered);
        assertEquals(List.of("z", "a", "m"), new ArrayList<>(((Map<?, ?>) dict.get("ordered")).keySet()));
    }

    @Test
    void valuesOutsideTheModelAreRefusedAndNothingIsStored() {
        var error = assertThrows(ValueNotStorableException.class, () -> dict.put("thread", new Object()));
        assertTrue(error.getMessage().contains("java.lang.Object"), error.getMessage());
        assertThrows(ValueNotStorableException.class, () -> dict.put("set", Set.of(1)));
        assertThrows(ValueNotStorableException.class, () -> dict.put("nested", List.of(List.of(new Object()))));
        assertThrows(ValueNotStorableException.class, () -> dict.put("huge", BigInteger.TWO.pow(64)));
        assertThrows(ValueNotStorableException.class, () -> dict.putAll(Map.of("ok", 1, "bad", new Object())));
        assertTrue(dict.isEmpty(), "a refused putAll stores none of its entries");
        assertThrows(NullPointerException.class, () -> dict.put(null, 1));
    }

    @Test
    void selfContainingAndDeeplyNestedValuesAreRefused() {
        List<Object> loop = new ArrayList<>();
        loop.add(loop);
        assertThrows(ValueNotStorableException.class, () -> dict.put("loop", loop));
        Object deep = "leaf";
        for (int i = 0; i < 100; i++) {
            deep = List.of(deep);
        }
        Object tooDeep = deep;
        assertThrows(ValueNotStorableException.class, () -> dict.put("deep", tooDeep));
        assertTrue(dict.isEmpty());
    }

    @Test
    void listsHoldTheSameModel() {
        CyberList<Object> list = proxy.createList("elements", List.of(0, "s", 2.5));
        list.add(null);
        assertEquals(List.of(0L, "s", 2.5), list.subList(0, 3));
        assertNull(list.get(3));
        assertEquals(1, list.count(null));
        assertInstanceOf(Long.class, list.getFirst());
        assertThrows(ValueNotStorableException.class, () -> list.add(new Object()));
        assertEquals(4, list.size());
    }
}
