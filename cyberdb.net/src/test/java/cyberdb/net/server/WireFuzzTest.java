package cyberdb.net.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import cyberdb.api.CyberProxy;
import cyberdb.api.TableInfo;
import cyberdb.api.TableKind;
import cyberdb.client.wire.Codec;
import cyberdb.client.wire.Frames;
import cyberdb.client.wire.Op;
import cyberdb.client.wire.Status;
import cyberdb.core.value.ValueWriter;
import cyberdb.core.view.Placement;
import cyberdb.net.CyberServer;
import cyberdb.net.PlainConnection;
import cyberdb.net.Servers;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterProperty;

/**
 * Arbitrary frames through a real server connection, past the frame decoder and the dispatcher's
 * own decoding (frame kind, request id) that {@link RequestFuzzTest} leaves out: each frame is
 * answered, with its own id, by a result or a typed error, or the connection is closed; a frame
 * that is refused or fails changes nothing, and nothing behind it on its connection runs either.
 */
class WireFuzzTest {

    private final CyberServer server = Servers.start(b -> b.encrypted(false));

    @AfterProperty
    void stop() {
        server.close();
    }

    /** The same two tables at the start of every try. */
    private void reset() {
        try (CyberProxy proxy = server.database().proxy().connect()) {
            for (TableInfo table : proxy.tables()) {
                proxy.dropTable(table.name());
            }
            proxy.createDict("d", Map.of("k", "v", "n", 1));
            proxy.createList("l", List.of(1, "two", 3.0));
        }
    }

    /** Every table's name, kind and content. */
    private List<Object> state() {
        List<Object> state = new ArrayList<>();
        try (CyberProxy proxy = server.database().proxy().connect()) {
            for (TableInfo table : proxy.tables()) {
                state.add(table);
                state.add(table.kind() == TableKind.DICT ? proxy.dict(table.name()).toMap() : List.copyOf(proxy.list(table.name())));
            }
        }
        return state;
    }

    @Provide
    Arbitrary<byte[]> frames() {
        Arbitrary<Integer> kinds = Arbitraries.frequencyOf(Tuple.of(12, Arbitraries.just(Frames.REQUEST)),
                Tuple.of(1, Arbitraries.integers().between(0, 255)));
        Arbitrary<Integer> opcodes = Arbitraries.frequencyOf(Tuple.of(12, Arbitraries.of(Op.class).map(Op::code)),
                Tuple.of(1, Arbitraries.integers().between(0, 255)));
        Arbitrary<String> tables = Arbitraries.of("d", "l", "missing", "", "x".repeat(300));
        Arbitrary<byte[]> randomArguments = Arbitraries.bytes().array(byte[].class).ofMaxSize(48);
        Arbitrary<byte[]> valueArguments = Arbitraries.oneOf(Arbitraries.longs().between(-3, 3).map(Object.class::cast),
                        Arbitraries.of("k", "n", "v", "two").map(Object.class::cast), Arbitraries.just(List.of(1L)))
                .list().ofMaxSize(4).map(values -> {
                    ValueWriter w = new ValueWriter(64);
                    values.forEach(w::value);
                    return Arrays.copyOf(w.buffer(), w.size());
                });
        Arbitrary<byte[]> requests = Combinators.combine(kinds, Arbitraries.longs(), opcodes, tables,
                Arbitraries.oneOf(randomArguments, valueArguments)).as((kind, id, op, table, arguments) -> {
                    ValueWriter w = new ValueWriter(64).writeByte(kind).varLong(id).writeByte(op).string(table);
                    w.raw(arguments, 0, arguments.length);
                    return Arrays.copyOf(w.buffer(), w.size());
                });
        Arbitrary<byte[]> garbage = Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(64);
        return Arbitraries.frequencyOf(Tuple.of(8, requests), Tuple.of(1, garbage));
    }

    @Provide
    Arbitrary<List<byte[]>> sessions() {
        return frames().list().ofMinSize(1).ofMaxSize(8);
    }

    @Property(tries = 300)
    void everyFrameIsAnsweredOrClosesItsConnectionAndWhatFailsChangesNothing(@ForAll("sessions") List<byte[]> frames)
            throws IOException {
        reset();
        try (PlainConnection connection = PlainConnection.authenticated(server.port())) {
            connection.socket().setSoTimeout(10_000);
            for (byte[] frame : frames) {
                String what = HexFormat.of().formatHex(frame);
                List<Object> before = state();
                connection.sendFrame(frame);
                PlainConnection.Answer answer = connection.read();
                if (answer == null) {
                    assertEquals(before, state(), () -> "the connection was closed at " + what + " but the tables changed");
                    break;
                }
                assertEquals(Frames.REQUEST, frame[0], () -> "a frame that is no request was answered: " + what);
                assertEquals(requestId(frame), answer.id(), () -> "the answer to " + what + " has another id");
                if (answer.status() != Status.OK.code()) {
                    String error = answer.body().string();
                    assertNotEquals(Status.FAILED.code(), answer.status(), () -> what + " failed unexpectedly: " + error);
                    assertEquals(before, state(), () -> what + " failed with '" + error + "' but changed the tables");
                }
            }
        }
        Servers.await(() -> server.openConnections() == 0, Duration.ofSeconds(10));
        try (PlainConnection check = PlainConnection.authenticated(server.port())) {
            check.send(Op.PING, "", w -> { });
            assertEquals(Status.OK.code(), check.read().status(), "the server still serves");
        }
    }

    private static long requestId(byte[] frame) {
        return new cyberdb.core.value.ValueReader(frame, 1, frame.length - 1).varLong();
    }

    /** Requests that are certainly protocol errors, each a different way. */
    @Provide
    Arbitrary<byte[]> malformed() {
        Arbitrary<byte[]> wrongKind = Arbitraries.integers().between(0, 255).filter(k -> k != Frames.REQUEST)
                .map(kind -> new ValueWriter(16).writeByte(kind).varLong(1).writeByte(Op.PING.code()).string(""))
                .map(w -> Arrays.copyOf(w.buffer(), w.size()));
        Arbitrary<byte[]> truncatedId = Arbitraries.just(new byte[] {Frames.REQUEST, (byte) 0x80});
        Arbitrary<byte[]> unknownOp = Arbitraries.integers().between(0, 255).filter(code -> Op.of(code) == null)
                .map(code -> new ValueWriter(16).writeByte(Frames.REQUEST).varLong(1).writeByte(code).string("d"))
                .map(w -> Arrays.copyOf(w.buffer(), w.size()));
        Arbitrary<byte[]> badValue = Arbitraries.integers().between(0xF0, 0xFF)
                .map(tag -> new ValueWriter(16).writeByte(Frames.REQUEST).varLong(1).writeByte(Op.DICT_GET.code()).string("d")
                        .writeByte(tag))
                .map(w -> Arrays.copyOf(w.buffer(), w.size()));
        Arbitrary<byte[]> strayBytes = Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(8)
                .map(stray -> new ValueWriter(16).writeByte(Frames.REQUEST).varLong(1).writeByte(Op.DICT_SIZE.code()).string("d")
                        .raw(stray, 0, stray.length))
                .map(w -> Arrays.copyOf(w.buffer(), w.size()));
        return Arbitraries.oneOf(wrongKind, truncatedId, unknownOp, badValue, strayBytes);
    }

    @Property(tries = 100)
    void nothingBehindAProtocolErrorRuns(@ForAll("malformed") byte[] malformed) throws IOException {
        reset();
        List<Object> before;
        try (PlainConnection connection = PlainConnection.authenticated(server.port())) {
            connection.send(Op.DICT_PUT, "d", w -> Codec.placement(w.value("k").value("before"), Placement.KEEP));
            assertEquals(Status.OK.code(), connection.read().status());
            before = state();
            // One write: the requests behind the bad one reach the server in the same read.
            connection.queueFrame(malformed);
            connection.queue(Op.DICT_PUT, "d", w -> Codec.placement(w.value("k").value("behind"), Placement.KEEP));
            connection.queue(Op.LIST_CLEAR, "l", w -> { });
            connection.queue(Op.DROP, "d", w -> { });
            connection.flush();
            assertNull(connection.read(), "a protocol error closes the connection, unanswered");
        }
        assertEquals(before, state(), "a request behind a protocol error was applied");
    }
}
