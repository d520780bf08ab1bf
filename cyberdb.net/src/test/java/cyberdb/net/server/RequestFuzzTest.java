package cyberdb.net.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cyberdb.api.TableInfo;
import cyberdb.api.TableKind;
import cyberdb.client.wire.Codec;
import cyberdb.client.wire.Op;
import cyberdb.client.wire.ProtocolException;
import cyberdb.client.wire.Status;
import cyberdb.core.value.ValueReader;
import cyberdb.core.value.ValueWriter;
import cyberdb.core.view.Placement;
import cyberdb.core.view.VersionedList;
import cyberdb.engine.serve.ServedDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * Arbitrary request frames against the request handler: each is either refused as malformed
 * (which closes the connection) or answered with a typed error or a result; none reaches an
 * unexpected internal failure, and neither a refused frame nor a failed request changes anything.
 */
class RequestFuzzTest {

    private final ServedDatabase database = ServedDatabase.inMemory(Long.MAX_VALUE);
    private final RequestHandler handler = new RequestHandler(database, LinkedHashMap::new,
            new ServerStats(Duration.ofMillis(10)), 1 << 20);

    RequestFuzzTest() {
        var proxy = database.client().proxy().connect();
        proxy.createDict("d", Map.of("k", "v", "n", 1));
        proxy.createList("l", List.of(1, "two", 3.0));
    }

    @Provide
    Arbitrary<Op> ops() {
        return Arbitraries.of(Op.class).filter(op -> op != Op.SAVE);
    }

    @Provide
    Arbitrary<String> tables() {
        return Arbitraries.of("d", "l", "missing", "", "x".repeat(300));
    }

    private static byte[] frame(Op op, String table, byte[] arguments, int length) {
        ValueWriter w = new ValueWriter(64).writeByte(op.code()).string(table);
        w.raw(arguments, 0, length);
        return Arrays.copyOf(w.buffer(), w.size());
    }

    /** Runs a frame as the server would, checking that whatever is refused or fails changed nothing. */
    private void exercise(byte[] frame, String what) {
        List<Object> before = state();
        RequestHandler.Request request;
        try {
            request = handler.decode(new ValueReader(frame, 0, frame.length));
        } catch (ProtocolException malformed) {
            assertEquals(before, state(), () -> what + " was refused but changed the tables");
            return;
        }
        try {
            request.work().accept(new ValueWriter(256));
        } catch (RuntimeException error) {
            assertNotEquals(Status.FAILED, Status.of(error), () -> what + " failed unexpectedly: " + error);
            assertEquals(before, state(), () -> what + " failed with " + error + " but changed the tables");
        }
    }

    /** Every table's name, kind and content, and each list's version, which any change moves on. */
    private List<Object> state() {
        List<Object> state = new ArrayList<>();
        for (TableInfo table : database.tables()) {
            state.add(table);
            if (table.kind() == TableKind.DICT) {
                state.add(database.dict(table.name()).copy());
            } else {
                VersionedList list = database.list(table.name()).versioned();
                state.add(list.version());
                state.add(list.elements());
            }
        }
        return state;
    }

    @Property(tries = 5000)
    void anyArgumentsFailCleanly(@ForAll("ops") Op op, @ForAll("tables") String table, @ForAll @Size(max = 64) byte[] arguments) {
        exercise(frame(op, table, arguments, arguments.length), op + " on '" + table + "' " + Arrays.toString(arguments));
    }

    @Property(tries = 3000)
    void wellFormedValuesInAnyOrderFailCleanly(@ForAll("ops") Op op, @ForAll("tables") String table,
                                               @ForAll @Size(max = 4) List<Long> numbers) {
        ValueWriter w = new ValueWriter(64);
        numbers.forEach(w::value);
        exercise(frame(op, table, w.buffer(), w.size()), op + " on '" + table + "' " + numbers);
    }

    @Test
    void aRequestWithStrayBytesAfterValidArgumentsIsRefusedAndNotApplied() {
        ValueWriter arguments = new ValueWriter(64).value("k").value("changed");
        Codec.placement(arguments, Placement.KEEP);
        arguments.value("stray");
        byte[] frame = frame(Op.DICT_PUT, "d", arguments.buffer(), arguments.size());

        ProtocolException refused = assertThrows(ProtocolException.class,
                () -> handler.decode(new ValueReader(frame, 0, frame.length)));
        assertTrue(refused.getMessage().contains("stray bytes"), refused.getMessage());
        assertEquals("v", database.client().proxy().connect().dict("d").get("k"), "the put before the stray bytes was not applied");
    }
}
