package cyberdb.bench;

import cyberdb.api.CyberClient;
import cyberdb.api.CyberDB;
import cyberdb.api.CyberDict;
import cyberdb.api.CyberProxy;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import redis.clients.jedis.Jedis;

/**
 * Values of 1 MiB and 15 MiB, set and read back one at a time by one client: CyberDB encrypted
 * and plaintext against Redis through Jedis and Lettuce. The time of one operation is what an
 * application storing files or documents sees; the median of many is quoted.
 */
final class LargeValuesBench {

    static final String ENCRYPTED = "CyberDB encrypted";
    static final String PLAINTEXT = "CyberDB plaintext";
    static final String JEDIS = "Redis + Jedis";
    static final String LETTUCE = "Redis + Lettuce";
    static final List<String> REDIS = List.of(JEDIS, LETTUCE);
    static final int[] SIZES = {1 << 20, 15 << 20};
    static final List<String> OPERATIONS = List.of("set", "get");
    /** Above the 16 MiB default, so a 15 MiB value and its frame fit with room to spare. */
    private static final int MAX_FRAME_BYTES = 32 << 20;

    /**
     * One size and operation on one target.
     *
     * @param target    the database and client
     * @param bytes     the value's size
     * @param operation set or get
     * @param millis    each measured operation's time, sorted
     */
    record Cell(String target, int bytes, String operation, double[] millis) {

        double median() {
            return Stats.median(millis);
        }
    }

    /**
     * Everything measured.
     *
     * @param cells every cell
     */
    record Outcome(List<Cell> cells) {

        Cell find(String target, int bytes, String operation) {
            return cells.stream().filter(c -> c.target().equals(target) && c.bytes() == bytes
                    && c.operation().equals(operation)).findFirst().orElseThrow();
        }

        /** @return the faster Redis client's cell */
        Cell redis(int bytes, String operation) {
            return REDIS.stream().map(t -> find(t, bytes, operation)).min(Comparator.comparingDouble(Cell::median))
                    .orElseThrow();
        }
    }

    /** A key-value store that takes and gives bytes. */
    private interface Store extends AutoCloseable {
        void set(String key, byte[] value);

        byte[] get(String key);

        @Override
        void close();
    }

    private LargeValuesBench() {
    }

    /**
     * Measures every size and operation and writes {@code large-values.json} and {@code .md}.
     *
     * @param machine the machine
     * @param quick   fewer operations
     * @param results the results directory
     * @param scratch a scratch directory
     * @return the figures
     * @throws Exception if a run fails
     */
    static Outcome run(Machine machine, boolean quick, Path results, Path scratch) throws Exception {
        List<Cell> cells = new ArrayList<>();
        Path dir = scratch.resolve("large-values");
        List<String> frames = List.of("--max-frame-bytes", Integer.toString(MAX_FRAME_BYTES));
        for (boolean encrypted : new boolean[] {true, false}) {
            try (CyberServerProcess server = CyberServerProcess.start(dir.resolve(encrypted ? "enc" : "plain"), encrypted, false,
                    frames);
                 Store store = cyber(server, encrypted)) {
                measure(encrypted ? ENCRYPTED : PLAINTEXT, store, quick, cells);
            }
        }
        try (RedisServer server = RedisServer.start(dir.resolve("redis"), false)) {
            try (Store store = jedis(server)) {
                measure(JEDIS, store, quick, cells);
            }
            try (Store store = lettuce(server)) {
                measure(LETTUCE, store, quick, cells);
            }
        }
        Outcome outcome = new Outcome(cells);
        write(machine, quick, outcome, results);
        return outcome;
    }

    /** Sets, then gets, each size: warm-up operations first, then the measured ones. */
    private static void measure(String target, Store store, boolean quick, List<Cell> cells) {
        Random random = new Random(42);
        for (int bytes : SIZES) {
            byte[] value = new byte[bytes];
            random.nextBytes(value);
            String key = "large:" + bytes;
            boolean small = bytes <= SIZES[0];
            // Enough warm-up for the JIT, which counts calls, not bytes: a value of 1 MiB is one call of each
            // method on its path, so after 200 of them CyberDB's encrypted sets still took 2.5x their time after 1,000.
            int warmUp = small ? (quick ? 300 : 1000) : (quick ? 10 : 40);
            int measured = small ? (quick ? 31 : 101) : (quick ? 11 : 31);
            for (String operation : OPERATIONS) {
                double[] millis = new double[measured];
                for (int i = -warmUp; i < measured; i++) {
                    long start = System.nanoTime();
                    if (operation.equals("set")) {
                        store.set(key, value);
                    } else if (store.get(key).length != bytes) {
                        throw new IllegalStateException(target + " gave back a value of the wrong size");
                    }
                    if (i >= 0) {
                        millis[i] = (System.nanoTime() - start) / 1e6;
                    }
                }
                Arrays.sort(millis);
                Cell cell = new Cell(target, bytes, operation, millis);
                cells.add(cell);
                System.out.printf(Locale.ROOT, "large %-18s %-6s %s: median %.2f ms (%.2f-%.2f)%n", target, size(bytes),
                        operation, cell.median(), millis[0], millis[measured - 1]);
            }
        }
    }

    private static Store cyber(CyberServerProcess server, boolean encrypted) {
        CyberClient client = CyberDB.client().port(server.port()).password(CyberServerProcess.PASSWORD).encrypted(encrypted)
                .maxFrameBytes(MAX_FRAME_BYTES).requestTimeout(Duration.ofSeconds(60)).build();
        CyberProxy proxy = client.proxy().connect();
        // A plain table: byte[] is one of its value kinds, stored as sent.
        CyberDict<Object, Object> dict = proxy.createDictIfAbsent("large");
        return new Store() {
            @Override
            public void set(String key, byte[] value) {
                dict.set(key, value);
            }

            @Override
            public byte[] get(String key) {
                return (byte[]) dict.get(key);
            }

            @Override
            public void close() {
                proxy.close();
                client.close();
            }
        };
    }

    private static Store jedis(RedisServer server) {
        Jedis jedis = server.connect();
        return new Store() {
            @Override
            public void set(String key, byte[] value) {
                jedis.set(key.getBytes(StandardCharsets.UTF_8), value);
            }

            @Override
            public byte[] get(String key) {
                return jedis.get(key.getBytes(StandardCharsets.UTF_8));
            }

            @Override
            public void close() {
                jedis.close();
            }
        };
    }

    private static Store lettuce(RedisServer server) {
        RedisClient client = RedisClient.create(RedisURI.create("127.0.0.1", server.port()));
        StatefulRedisConnection<byte[], byte[]> connection = client.connect(ByteArrayCodec.INSTANCE);
        RedisCommands<byte[], byte[]> redis = connection.sync();
        return new Store() {
            @Override
            public void set(String key, byte[] value) {
                redis.set(key.getBytes(StandardCharsets.UTF_8), value);
            }

            @Override
            public byte[] get(String key) {
                return redis.get(key.getBytes(StandardCharsets.UTF_8));
            }

            @Override
            public void close() {
                connection.close();
                client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            }
        };
    }

    static String size(int bytes) {
        return (bytes >> 20) + " MiB";
    }

    private static void write(Machine machine, boolean quick, Outcome outcome, Path results) throws Exception {
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT, "One client, one operation at a time, random bytes "
                        + "as the value (CyberDB: a plain dict, `set` and `get`; Redis: SET and GET of bytes), %s run, %s: "
                        + "median ms per operation (fastest-slowest). The CyberDB server runs with `--max-frame-bytes %d`.%n%n"
                        + "| value | operation | %s | %s | %s | %s | encrypted / best Redis | plaintext / best Redis |%n"
                        + "| --- | --- | --- | --- | --- | --- | --- | --- |%n",
                quick ? "`--quick`" : "full", machine.line(), MAX_FRAME_BYTES, ENCRYPTED, PLAINTEXT, JEDIS, LETTUCE));
        JsonArrayBuilder json = Json.createArrayBuilder();
        for (int bytes : SIZES) {
            for (String operation : OPERATIONS) {
                md.append("| ").append(size(bytes)).append(" | ").append(operation);
                for (String target : List.of(ENCRYPTED, PLAINTEXT, JEDIS, LETTUCE)) {
                    Cell c = outcome.find(target, bytes, operation);
                    md.append(String.format(Locale.ROOT, " | %.2f (%.2f-%.2f)", c.median(), c.millis()[0],
                            c.millis()[c.millis().length - 1]));
                    json.add(Json.createObjectBuilder().add("target", target).add("bytes", bytes).add("operation", operation)
                            .add("medianMillis", c.median()).add("minMillis", c.millis()[0])
                            .add("maxMillis", c.millis()[c.millis().length - 1]).add("operations", c.millis().length));
                }
                double redis = outcome.redis(bytes, operation).median();
                md.append(" | ").append(Results.ratio(outcome.find(ENCRYPTED, bytes, operation).median() / redis))
                        .append(" | ").append(Results.ratio(outcome.find(PLAINTEXT, bytes, operation).median() / redis))
                        .append(" |\n");
            }
        }
        Results.write(results, "large-values", Json.createObjectBuilder().add("machine", machine.json()).add("quick", quick)
                .add("maxFrameBytes", MAX_FRAME_BYTES).add("cells", json).build(), md.toString());
    }
}
