package cyberdb.sample;

import cyberdb.api.CyberDict;
import cyberdb.cdi.CyberTable;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** An atomic counter: {@code POST /counter} adds one with {@code merge}, safe under any concurrency. */
@Path("/counter")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class CounterResource {

    @Inject
    @CyberTable(value = "counters", create = true)
    CyberDict<String, Long> counters;

    @POST
    public Map<String, Long> increment() {
        return Map.of("hits", counters.merge("hits", 1L, Long::sum));
    }

    @GET
    public Map<String, Long> current() {
        return Map.of("hits", counters.getOrDefault("hits", 0L));
    }
}
