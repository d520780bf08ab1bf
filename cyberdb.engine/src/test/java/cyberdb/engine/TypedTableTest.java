package cyberdb.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cyberdb.api.CyberDB;
import cyberdb.api.CyberDict;
import cyberdb.api.CyberList;
import cyberdb.api.CyberProxy;
import cyberdb.api.EmbeddedClient;
import cyberdb.api.WrongValueKindException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

public class TypedTableTest {

    public record Address(String street, String city) {
    }

    public record User(String name, int age, List<Address> addresses, Map<String, Double> scores, byte[] avatar) {
    }

    /** A JavaBean, the other shape JSON-B maps. */
    public static class Note {
        private String title;
        private long version;

        public String getTitle() {
            return title;
        }

        public void setTitle(String title) {
            this.title = title;
        }

        public long getVersion() {
            return version;
        }

        public void setVersion(long version) {
            this.version = version;
        }
    }

    private final EmbeddedClient db = CyberDB.embedded();
    private final CyberProxy proxy = db.proxy().connect();

    @AfterEach
    void close() {
        db.close();
    }

    private static User ada() {
        return new User("Ada", 36, List.of(new Address("1 Analytical St", "London")), Map.of("maths", 9.5), new byte[] {7, -1});
    }

    @Test
    void recordsRoundTripAndReadAsStructuredMapsFromAPlainView() {
        CyberDict<String, User> users = proxy.createDict("users", String.class, User.class);
        users.put("ada", ada());

        User read = users.get("ada");
        assertEquals("Ada", read.name());
        assertEquals(List.of(new Address("1 Analytical St", "London")), read.addresses());
        assertEquals(Map.of("maths", 9.5), read.scores());
        assertEquals(List.of((byte) 7, (byte) -1), List.of(read.avatar()[0], read.avatar()[1]));

        Map<?, ?> plain = (Map<?, ?>) proxy.dict("users").get("ada");
        assertEquals("Ada", plain.get("name"));
        assertEquals(36L, plain.get("age"));
        assertEquals(List.of(Map.of("city", "London", "street", "1 Analytical St")), plain.get("addresses"));
    }

    @Test
    void equalityQueriesWorkOnTypedValues() {
        CyberDict<String, Address> places = proxy.createDict("places", String.class, Address.class);
        Address home = new Address("Main St", "Springfield");
        places.put("home", home);
        assertTrue(places.containsValue(new Address("Main St", "Springfield")));
        assertTrue(places.replace("home", home, new Address("Elm St", "Springfield")));
        assertEquals("Elm St", places.get("home").street());
        assertTrue(places.remove("home", new Address("Elm St", "Springfield")));
    }

    @Test
    void javaBeansRoundTrip() {
        CyberDict<Long, Note> notes = proxy.createDict("notes", Long.class, Note.class);
        Note note = new Note();
        note.setTitle("hello");
        note.setVersion(3);
        notes.put(1L, note);
        assertEquals("hello", notes.get(1L).getTitle());
        assertEquals(3, notes.get(1L).getVersion());
        notes.compute(1L, (id, n) -> {
            n.setVersion(n.getVersion() + 1);
            return n;
        });
        assertEquals(4, notes.get(1L).getVersion());
    }

    @Test
    void genericElementTypesRoundTrip() {
        CyberList<Map<String, Integer>> rows = proxy.createList("rows", new TypeOf<Map<String, Integer>>() { }.type());
        rows.add(Map.of("a", 1));
        rows.add(Map.of("b", 2));
        Map<String, Integer> first = rows.getFirst();
        assertEquals(Integer.valueOf(1), first.get("a"));

        CyberDict<String, List<Address>> routes = proxy.createDict("routes", String.class,
                new TypeOf<List<Address>>() { }.type());
        routes.put("r", List.of(new Address("a", "b"), new Address("c", "d")));
        assertEquals(new Address("c", "d"), routes.get("r").get(1));
    }

    @Test
    void aValueThatDoesNotMapToTheTypeFailsClearly() {
        proxy.createDict("mixed").put("k", "not a user");
        CyberDict<String, User> users = proxy.dict("mixed", String.class, User.class);
        var error = assertThrows(WrongValueKindException.class, () -> users.get("k"));
        assertTrue(error.getMessage().contains("User"), error.getMessage());

        proxy.dict("mixed").put("n", 5_000_000_000L);
        CyberDict<String, Integer> ints = proxy.dict("mixed", String.class, Integer.class);
        assertThrows(WrongValueKindException.class, () -> ints.get("n"));
        assertThrows(WrongValueKindException.class, () -> ints.get("k"));
    }
}
