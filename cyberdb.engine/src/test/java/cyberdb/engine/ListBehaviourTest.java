package cyberdb.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cyberdb.api.CyberDB;
import cyberdb.api.CyberList;
import cyberdb.api.EmbeddedClient;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ListBehaviourTest {

    private final EmbeddedClient db = CyberDB.embedded();
    private final CyberList<String> list = db.proxy().connect().createList("l", String.class);

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void countReverseAndSlice() {
        list.addAll(List.of("a", "b", "a", "c"));
        assertEquals(2, list.count("a"));
        assertEquals(0, list.count("z"));
        assertEquals(0, list.count(42), "an element of another type is simply not there");
        list.reverse();
        assertEquals(List.of("c", "a", "b", "a"), list);
        assertEquals(List.of("a", "b"), list.slice(1, 3));
        assertThrows(IndexOutOfBoundsException.class, () -> list.slice(2, 9));
        assertThrows(IndexOutOfBoundsException.class, () -> list.slice(-1, 2));
    }

    @Test
    void copiesAreDetached() {
        list.add("x");
        List<String> copy = list.toList();
        copy.add("y");
        List<String> slice = list.slice(0, 1);
        slice.clear();
        assertEquals(List.of("x"), list);
    }

    @Test
    void sortWithoutComparatorUsesNaturalOrder() {
        list.addAll(List.of("pear", "apple", "fig"));
        list.sort(null);
        assertEquals(List.of("apple", "fig", "pear"), list);
        list.sort(Comparator.comparing(String::length));
        assertEquals(List.of("fig", "pear", "apple"), list);
    }

    @Test
    void sequencedEndsAreAtomicAndFailClearlyWhenEmpty() {
        var error = assertThrows(NoSuchElementException.class, list::removeLast);
        assertTrue(error.getMessage().contains("'l'"), error.getMessage());
        assertThrows(NoSuchElementException.class, list::getFirst);
        list.addFirst("b");
        list.addFirst("a");
        list.addLast("c");
        assertEquals("a", list.getFirst());
        assertEquals("c", list.getLast());
        assertEquals("c", list.removeLast());
        assertEquals("a", list.removeFirst());
        assertEquals(List.of("b"), list);
    }

    @Test
    void indexErrorsNameTheList() {
        list.add("only");
        var error = assertThrows(IndexOutOfBoundsException.class, () -> list.get(1));
        assertTrue(error.getMessage().contains("'l'") && error.getMessage().contains("size 1"), error.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> list.get(-1));
        assertThrows(IndexOutOfBoundsException.class, () -> list.set(1, "x"));
        assertThrows(IndexOutOfBoundsException.class, () -> list.add(3, "x"));
        assertEquals(List.of("only"), list);
    }

    @Test
    void iteratorFetchesPageByPageAndToleratesConcurrentShrinking() {
        for (int i = 0; i < 200; i++) {
            list.add("e" + i);
        }
        Iterator<String> it = list.iterator();
        assertEquals("e0", it.next());
        list.clear();
        int rest = 0;
        while (it.hasNext()) {
            it.next();
            rest++;
        }
        assertTrue(rest < 64, "only the page already fetched is seen after the list was cleared, saw " + rest);
        assertThrows(NoSuchElementException.class, it::next);
    }

    @Test
    void removeIfAndReplaceAllRewriteAtomically() {
        list.addAll(List.of("a", "bb", "ccc"));
        assertTrue(list.removeIf(s -> s.length() == 2));
        assertFalse(list.removeIf(s -> s.isEmpty()));
        list.replaceAll(s -> s.toUpperCase(Locale.ROOT));
        assertEquals(List.of("A", "CCC"), list);
    }
}
