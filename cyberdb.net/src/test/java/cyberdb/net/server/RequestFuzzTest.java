package cyberdb.net.server;

import static org.junit.jupiter.api.Assertions.assertNotEquals;

import cyberdb.engine.embedded.LocalClient;
import cyberdb.engine.store.Engine;
import cyberdb.engine.value.MalformedValueException;
import cyberdb.engine.value.ValueReader;
import cyberdb.engine.value.ValueWriter;
import cyberdb.net.wire.Op;
import cyberdb.net.wire.Status;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Arbitrary request bodies against the request handler: each is either refused as malformed
 * (which closes the connection) or answered with a typed error; none reaches an unexpected
 * internal failure.
 */
class RequestFuzzTest {

    private final LocalClient database = new LocalClient(new Engine());
    private final RequestHandler handler = new RequestHandler(database, 1 << 20);

    RequestFuzzTest() {
        var proxy = database.proxy().connect();
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

    @Property(tries = 5000)
    void anyArgumentsFailCleanly(@ForAll("ops") Op op, @ForAll("tables") String table, @ForAll @Size(max = 64) byte[] arguments) {
        ValueReader in = new ValueReader(arguments, 0, arguments.length);
        try {
            handler.handle(op, table, in, new ValueWriter(256));
        } catch (MalformedValueException malformed) {
            // Refused as a protocol error: the connection is closed, nothing changed.
        } catch (RuntimeException error) {
            assertNotEquals(Status.FAILED, Status.of(error), () -> op + " on '" + table + "' failed unexpectedly: " + error);
        }
    }

    @Property(tries = 3000)
    void wellFormedValuesInAnyOrderFailCleanly(@ForAll("ops") Op op, @ForAll("tables") String table,
                                               @ForAll @Size(max = 4) List<Long> numbers) {
        ValueWriter w = new ValueWriter(64);
        numbers.forEach(w::value);
        ValueReader in = new ValueReader(w.buffer(), 0, w.size());
        try {
            handler.handle(op, table, in, new ValueWriter(256));
        } catch (MalformedValueException malformed) {
            // Refused as a protocol error.
        } catch (RuntimeException error) {
            assertNotEquals(Status.FAILED, Status.of(error), () -> op + " on '" + table + "' failed unexpectedly: " + error);
        }
    }
}
