package cyberdb.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.helidon.microprofile.testing.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import jakarta.inject.Inject;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@HelidonTest
@AddConfig(key = "server.port", value = "0")
@AddConfig(key = "cyberdb.data-file", value = "target/sample-test.cdb")
class SampleServiceTest {

    @Inject
    WebTarget target;

    @Test
    void helloAnswersExactlyAsTheOriginal() {
        Response response = target.path("/").request(MediaType.APPLICATION_JSON).get();
        assertEquals(200, response.getStatus());
        assertEquals("{\"code\":1,\"content\":\"Hello CyberDB!\"}", response.readEntity(String.class));
    }

    @Test
    void notesCrudWithStatusCodes() {
        Response created = target.path("/notes").request()
                .post(Entity.json("{\"title\":\"groceries\",\"body\":\"milk\"}"));
        assertEquals(201, created.getStatus());
        String location = created.getLocation().toString();
        String id = location.substring(location.lastIndexOf('/') + 1);
        // As the README shows it: an absolute Location, and the new id in the body.
        assertEquals(target.getUri().resolve("/notes/" + id), created.getLocation());
        assertEquals("{\"id\":\"" + id + "\"}", created.readEntity(String.class));

        assertEquals("{\"body\":\"milk\",\"title\":\"groceries\"}", target.path("/notes/" + id).request().get(String.class));
        Response updated = target.path("/notes/" + id).request().put(Entity.json("{\"title\":\"groceries\",\"body\":\"eggs\"}"));
        assertEquals(200, updated.getStatus());
        assertTrue(target.path("/notes").request().get(String.class).contains("eggs"));
        assertEquals(204, target.path("/notes/" + id).request().delete().getStatus());

        Response missing = target.path("/notes/" + id).request().get();
        assertEquals(404, missing.getStatus());
        assertEquals("{\"error\":\"No note with id '" + id + "'\"}", missing.readEntity(String.class));
        assertEquals(404, target.path("/notes/" + id).request().delete().getStatus());
        assertEquals(404, target.path("/notes/" + id).request().put(Entity.json("{\"title\":\"x\"}")).getStatus());

        Response noTitle = target.path("/notes").request().post(Entity.json("{\"body\":\"no title\"}"));
        assertEquals(400, noTitle.getStatus());
        assertTrue(noTitle.readEntity(String.class).contains("\"error\""));
        assertEquals(400, target.path("/notes").request().post(Entity.json("{not json")).getStatus());
    }

    @Test
    void concurrentIncrementsAreNeverLost() throws Exception {
        long before = ((Number) target.path("/counter").request().get(Map.class).get("hits")).longValue();
        int threads = 8;
        int each = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Integer>> statuses = new ArrayList<>();
        for (int t = 0; t < threads * each; t++) {
            statuses.add(pool.submit(() -> target.path("/counter").request().post(Entity.json("")).getStatus()));
        }
        for (Future<Integer> status : statuses) {
            assertEquals(200, status.get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();
        long after = ((Number) target.path("/counter").request().get(Map.class).get("hits")).longValue();
        assertEquals(before + threads * each, after);
    }

    @Test
    void healthAndOpenApiAreServed() {
        assertEquals("{\"status\":\"UP\",\"checks\":[{\"name\":\"cyberdb\",\"status\":\"UP\"}]}",
                target.path("/health/ready").request().get(String.class));
        assertEquals("{\"status\":\"UP\",\"checks\":[{\"name\":\"cyberdb-live\",\"status\":\"UP\"}]}",
                target.path("/health/live").request().get(String.class));
        String all = target.path("/health").request().get(String.class);
        assertTrue(all.contains("{\"name\":\"cyberdb\",\"status\":\"UP\"}")
                && all.contains("{\"name\":\"cyberdb-live\",\"status\":\"UP\"}"), all);
        String openapi = target.path("/openapi").request().get(String.class);
        assertTrue(openapi.contains("/notes/{id}"), openapi);
    }
}
