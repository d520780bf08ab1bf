package cyberdb.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cyberdb.api.AsyncDict;
import cyberdb.api.CyberClient;
import cyberdb.api.CyberDB;
import cyberdb.api.CyberDict;
import cyberdb.api.CyberProxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's server and client snippets, run; the README test checks they match. */
class ReadmeExamplesTest {

    @TempDir
    Path dir;

    @Test
    void serverAndClientAsTheReadmeShowsThem() {
        String password = Servers.PASSWORD;
        Path data = dir.resolve("data.cdb");
        // tag::server[]
        CyberServer server = CyberServer.builder()
                .port(0)                                  // 0: any free port; server.port() tells which
                .password(password)                       // only an SRP verifier of it is kept
                .dataFile(data)                           // owned and loaded by start(), saved by close()
                .backupEvery(Duration.ofMinutes(5))       // and every five minutes
                .build()
                .start();
        // end::server[]
        try (server) {
            for (int run = 0; run < 2; run++) {   // the snippet works however often it runs
                // tag::client[]
                try (CyberClient client = CyberDB.connect("127.0.0.1", server.port(), password);
                     CyberProxy proxy = client.proxy().connect()) {       // a session: it holds no connection
                    CyberDict<Object, Object> centre = proxy.createDictIfAbsent("centre");   // get or create
                    centre.put("content", "Hello CyberDB!");
                    System.out.println(centre.get("content") + ", tables: " + proxy.tables()
                            + ", has 'notes': " + proxy.exists("notes"));
                }                                                         // close() ends the session
                // end::client[]
            }
            // tag::client-options[]
            CyberClient client = CyberDB.client()
                    .host("127.0.0.1").port(server.port()).password(password)
                    .encrypted(true)                        // must match the server; the default
                    .connections(2)                         // shared by every thread of the application
                    .idleTimeout(Duration.ofSeconds(900))   // the original's time_out
                    .connectTimeout(Duration.ofSeconds(10))
                    .build();
            // end::client-options[]
            try (client; CyberProxy proxy = client.proxy().connect()) {
                assertEquals("Hello CyberDB!", proxy.dict("centre").get("content"));
                // tag::async[]
                AsyncDict<String, Long> hits = proxy.createDictIfAbsent("hits", String.class, Long.class).async();
                List<CompletableFuture<Long>> counted = new ArrayList<>();
                for (String page : List.of("/", "/notes", "/")) {
                    counted.add(hits.addAndGet(page, 1).toCompletableFuture());   // sent at once, none waits
                }
                hits.get("/").thenAccept(n -> System.out.println("/ was hit " + n + " times"))   // on the I/O thread
                        .toCompletableFuture().join();
                // end::async[]
                assertEquals(List.of(1L, 1L, 2L), counted.stream().map(CompletableFuture::join).toList());
            }
        }
    }
}
