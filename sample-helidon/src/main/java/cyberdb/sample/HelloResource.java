package cyberdb.sample;

import cyberdb.api.CyberDict;
import cyberdb.cdi.CyberTable;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The original's web example: {@code GET /} answers the greeting stored in table {@code centre}. */
@Path("/")
@RequestScoped
public class HelloResource {

    /**
     * The JSON the original answers.
     *
     * @param code    always 1
     * @param content the greeting
     */
    public record Hello(int code, String content) {
    }

    // tag::inject[]
    @Inject
    @CyberTable("centre")
    CyberDict<String, String> centre;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Hello hello() {
        return new Hello(1, centre.get("content"));
    }
    // end::inject[]
}
