package cyberdb.sample;

import cyberdb.api.CyberDict;
import cyberdb.cdi.CyberTable;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;

/**
 * A small CRUD API over a typed dict of records, with the status codes a client expects:
 * 201 with a Location on create, 404 for a missing note, 400 for a bad body.
 */
@Path("/notes")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class NotesResource {

    @Inject
    @CyberTable(value = "notes", create = true)
    CyberDict<String, Note> notes;

    @Inject
    @CyberTable(value = "counters", create = true)
    CyberDict<String, Long> counters;

    @GET
    public Map<String, Note> list() {
        return notes.toMap();
    }

    @GET
    @Path("{id}")
    public Note get(@PathParam("id") String id) {
        Note note = notes.get(id);
        if (note == null) {
            throw new ApiError(Response.Status.NOT_FOUND, "No note with id '" + id + "'");
        }
        return note;
    }

    @POST
    public Response create(Note note, @Context UriInfo uri) {
        check(note);
        String id = String.valueOf(counters.addAndGet("note-ids", 1));
        notes.put(id, note);
        return Response.created(uri.getAbsolutePathBuilder().path(id).build()).entity(Map.of("id", id)).build();
    }

    @PUT
    @Path("{id}")
    public Note update(@PathParam("id") String id, Note note) {
        check(note);
        if (notes.replace(id, note) == null) {
            throw new ApiError(Response.Status.NOT_FOUND, "No note with id '" + id + "'");
        }
        return note;
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        if (notes.remove(id) == null) {
            throw new ApiError(Response.Status.NOT_FOUND, "No note with id '" + id + "'");
        }
        return Response.noContent().build();
    }

    private static void check(Note note) {
        if (note == null || note.title() == null || note.title().isBlank()) {
            throw new ApiError(Response.Status.BAD_REQUEST, "A note needs a non-empty title");
        }
    }
}
