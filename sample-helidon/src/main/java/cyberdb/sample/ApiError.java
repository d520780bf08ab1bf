package cyberdb.sample;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** An HTTP error with a JSON body: {@code {"error": "..."}}. */
final class ApiError extends WebApplicationException {
    private static final long serialVersionUID = 1L;

    ApiError(Response.Status status, String message) {
        super(message, Response.status(status).type(MediaType.APPLICATION_JSON).entity(Map.of("error", message)).build());
    }
}
