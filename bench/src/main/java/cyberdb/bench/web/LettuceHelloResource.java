package cyberdb.bench.web;

import cyberdb.sample.HelloResource.Hello;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The sample's {@code GET /} reading the greeting from Redis through Lettuce. */
@Path("/redis-lettuce")
@RequestScoped
public class LettuceHelloResource {

    @Inject
    LettuceGreetings greetings;

    /**
     * Answers the greeting stored in Redis under {@code content}.
     *
     * @return the same JSON as the sample's {@code GET /}
     */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Hello hello() {
        return new Hello(1, greetings.content());
    }
}
