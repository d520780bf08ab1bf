package cyberdb.bench.web;

import cyberdb.sample.HelloResource.Hello;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The sample's {@code GET /} with the greeting as a constant: what the framework alone costs. */
@Path("/constant")
@RequestScoped
public class ConstantHelloResource {

    /**
     * Answers the greeting without a database.
     *
     * @return the same JSON as the sample's {@code GET /}
     */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Hello hello() {
        return new Hello(1, "Hello CyberDB!");
    }
}
