package cyberdb.net.server;

import cyberdb.client.wire.Op;
import cyberdb.client.wire.ProtocolException;
import cyberdb.client.wire.Status;
import cyberdb.core.value.ValueReader;
import cyberdb.core.value.ValueWriter;
import cyberdb.engine.serve.ServedDatabase;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;

/**
 * Runs requests that reach the engine through a replicated log instead of a connection: each
 * member decodes and runs the same bytes, in log order, exactly as a connection's request
 * handler would, so a conditional write ({@code putIfAbsent}, {@code replace},
 * {@code addAndGet}) is decided against the state it is applied to, identically everywhere.
 * Nothing here may throw: a failed request is an answer with its status, as on the wire.
 */
public final class ReplicatedRequests {

    private final ServedDatabase database;
    private final RequestHandler handler;

    /**
     * @param database the member's engine
     */
    public ReplicatedRequests(ServedDatabase database) {
        this.database = database;
        this.handler = new RequestHandler(database, LinkedHashMap::new, new ServerStats(Duration.ofDays(1)), Integer.MAX_VALUE);
    }

    /**
     * Runs one request.
     *
     * @param request the request as the protocol encodes it after a frame's kind and id: operation,
     *                table, arguments
     * @return the answer body: its status byte, then the result or the error's message
     */
    public byte[] apply(byte[] request) {
        return run(request, false);
    }

    /**
     * Runs one read of the data (see {@link Op#readsData}), which must change nothing: anything
     * else is refused, so a read can never make this member's engine differ from the others'.
     *
     * @param request the request, encoded as for {@link #apply}
     * @return the answer body
     */
    public byte[] read(byte[] request) {
        return run(request, true);
    }

    private byte[] run(byte[] request, boolean readOnly) {
        ValueWriter body = new ValueWriter(64);
        try {
            RequestHandler.Request decoded = handler.decode(new ValueReader(request, 0, request.length));
            if (readOnly && !decoded.op().readsData()) {
                throw new IllegalStateException(decoded.op() + " is not a read of the data; it cannot be run as one");
            }
            body.writeByte(Status.OK.code());
            database.run(() -> decoded.work().accept(body));
        } catch (ProtocolException malformed) {
            body.reset();
            body.writeByte(Status.ILLEGAL_ARGUMENT.code()).string("Malformed request: " + malformed.getMessage());
        } catch (RuntimeException failed) {
            body.reset();
            body.writeByte(Status.of(failed).code()).string(String.valueOf(failed.getMessage()));
        }
        return Arrays.copyOf(body.buffer(), body.size());
    }
}
