package cyberdb.sample;

import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;

/** A request body that is not valid JSON for the resource is the client's mistake: 400, in JSON. */
@Provider
public class BadJsonMapper implements ExceptionMapper<ProcessingException> {

    @Override
    public Response toResponse(ProcessingException exception) {
        Throwable cause = exception;
        while (cause.getCause() != null && !(cause instanceof JsonbException)) {
            cause = cause.getCause();
        }
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("error", "The request body is not valid JSON for this resource: " + cause.getMessage()))
                .build();
    }
}
