package cyberdb.examples;

import cyberdb.api.CyberDB;
import cyberdb.api.CyberDict;
import cyberdb.api.CyberList;
import cyberdb.api.CyberProxy;
import cyberdb.api.EmbeddedClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A tour of the API, section by section as the README shows it; prints one line per check. */
public final class Tour {

    /**
     * A record stored in a typed table.
     *
     * @param name   the user's name
     * @param age    the age in years
     * @param emails the addresses
     */
    // tag::record[]
    public record User(String name, int age, List<String> emails) { }
    // end::record[]

    private Tour() {
    }

    /**
     * Runs the tour.
     *
     * @param args the directory for the snapshot files (default: the current one)
     */
    public static void main(String[] args) {
        Path dir = Path.of(args.length > 0 ? args[0] : ".");
        try (EmbeddedClient db = CyberDB.embedded(); CyberProxy proxy = db.proxy().connect()) {
            dicts(proxy);
            lists(proxy);
            typed(proxy);
            snapshots(db, dir);
        }
    }

    private static void dicts(CyberProxy proxy) {
        // tag::dict[]
        CyberDict<Object, Object> scores = proxy.createDict("scores");
        scores.put("alice", 3);                       // integral numbers come back as Long
        scores.merge("alice", 1L, (a, b) -> (Long) a + (Long) b);   // atomic per key
        scores.putIfAbsent("bob", 0);
        long visits = scores.addAndGet("visits", 1);  // a counter in one atomic step
        scores.put("tags", List.of("new", Map.of("level", 2)));     // nested lists and maps
        Map.Entry<Object, Object> newest = scores.pollLastEntry();  // Python's popitem()
        Map<Object, Object> some = scores.getAll(List.of("alice", "carol"));  // one request remotely
        // end::dict[]
        System.out.println("dict " + scores.toMap() + " visits=" + visits + " popped=" + newest.getKey() + " some=" + some);
    }

    private static void lists(CyberProxy proxy) {
        // tag::list[]
        CyberList<Object> queue = proxy.createList("queue", List.of("a", "b"));
        queue.add("c");
        queue.addFirst("start");
        Object last = queue.removeLast();             // Python's pop(): one atomic step
        List<Object> firstTwo = queue.slice(0, 2);    // a detached copy, like l[0:2]
        queue.reverse();
        int count = queue.count("a");
        // end::list[]
        System.out.println("list " + queue + " last=" + last + " slice=" + firstTwo + " count=" + count);
    }

    private static void typed(CyberProxy proxy) {
        // tag::typed[]
        CyberDict<String, User> users = proxy.createDict("users", String.class, User.class);
        users.put("ada", new User("Ada", 36, List.of("ada@example.org")));
        User ada = users.get("ada");
        users.computeIfPresent("ada", (id, u) -> new User(u.name(), u.age() + 1, u.emails()));

        // A plain view of the same table reads the record as structured data.
        Map<?, ?> raw = (Map<?, ?>) proxy.dict("users").get("ada");   // {age=37, emails=[...], name=Ada}
        // end::typed[]
        System.out.println("typed " + ada.name() + " raw=" + raw);
    }

    private static void snapshots(EmbeddedClient db, Path dir) {
        // tag::snapshots[]
        db.save(dir.resolve("tour.cdb"));           // atomic; the previous file becomes tour_backup.cdb
        db.backupEvery(dir.resolve("tour.cdb"), Duration.ofMinutes(5));   // CyberDB's set_backup
        db.load(dir.resolve("tour.cdb"));           // checked completely before anything changes
        // end::snapshots[]
        db.stopBackup();
        System.out.println("snapshot tables " + db.proxy().connect().tables().size());
    }
}
