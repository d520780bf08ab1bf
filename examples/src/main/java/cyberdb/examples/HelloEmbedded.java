package cyberdb.examples;

import cyberdb.api.CyberDB;
import cyberdb.api.CyberDict;
import cyberdb.api.CyberProxy;
import cyberdb.api.EmbeddedClient;
import java.nio.file.Path;

/**
 * The reference scenario in one process: create table {@code centre}, store the greeting, save
 * {@code data.cdb}; then open the file again and read it back.
 */
public final class HelloEmbedded {

    private HelloEmbedded() {
    }

    /**
     * Runs the example.
     *
     * @param args the directory to keep {@code data.cdb} in (default: the current one)
     */
    public static void main(String[] args) {
        Path dir = Path.of(args.length > 0 ? args[0] : ".");
        // tag::hello[]
        try (EmbeddedClient db = CyberDB.embedded(dir.resolve("data.cdb"));
             CyberProxy proxy = db.proxy().connect()) {
            CyberDict<Object, Object> centre = proxy.createDictIfAbsent("centre");
            centre.put("content", "Hello CyberDB!");
            db.save();
        }

        try (EmbeddedClient db = CyberDB.embedded(dir.resolve("data.cdb"));
             CyberProxy proxy = db.proxy().connect()) {
            System.out.println(proxy.dict("centre").get("content"));   // Hello CyberDB!
        }
        // end::hello[]
    }
}
