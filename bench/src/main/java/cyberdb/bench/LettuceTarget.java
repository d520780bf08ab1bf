package cyberdb.bench;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;

/**
 * redis-server driven by Lettuce as its documentation advises: one thread-safe connection that
 * every client thread shares, used synchronously by blocking threads and asynchronously for
 * requests in flight. The client's default resources (Netty event loops) are used as they come.
 */
final class LettuceTarget implements Target {

    private final String name;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;

    /**
     * Connects; the data is the one a {@link JedisTarget} on the same server stored.
     *
     * @param name   the name in tables
     * @param server the server
     */
    LettuceTarget(String name, RedisServer server) {
        this.name = name;
        this.client = RedisClient.create(RedisURI.create("127.0.0.1", server.port()));
        this.connection = client.connect();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Load.Client client(Work work, int depth) {
        if (depth != 1) {
            throw new IllegalArgumentException("Lettuce batches through its asynchronous API: use sender()");
        }
        RedisCommands<String, String> redis = connection.sync();
        return new Load.Client() {
            @Override
            public int request() {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                switch (work) {
                    case GET -> redis.get(Work.KEY[random.nextInt(Work.KEYS)]);
                    case SET -> redis.set(Work.KEY[random.nextInt(Work.KEYS)], Work.VALUE);
                    case INCR -> redis.incr(Work.COUNTER[random.nextInt(Work.KEYS)]);
                    case PUSH -> redis.rpush("bench-list", Work.VALUE);
                    case RANGE -> redis.lrange("bench-range", 0, 99);
                }
                return 1;
            }

            @Override
            public void close() {
                // The connection is shared.
            }
        };
    }

    @Override
    public Load.Sender sender(Work work) {
        RedisAsyncCommands<String, String> redis = connection.async();
        return new Load.Sender() {
            @Override
            public CompletionStage<?> send() {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                return switch (work) {
                    case GET -> redis.get(Work.KEY[random.nextInt(Work.KEYS)]);
                    case SET -> redis.set(Work.KEY[random.nextInt(Work.KEYS)], Work.VALUE);
                    case INCR -> redis.incr(Work.COUNTER[random.nextInt(Work.KEYS)]);
                    case PUSH -> redis.rpush("bench-list", Work.VALUE);
                    case RANGE -> redis.lrange("bench-range", 0, 99);
                };
            }

            @Override
            public void close() {
                // The connection is shared.
            }
        };
    }

    @Override
    public void reset() {
        connection.sync().del("bench-list");
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
