package cyberdb.bench;

import java.util.concurrent.ThreadLocalRandom;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

/**
 * redis-server driven by Jedis, one connection per client thread: a pool as large as the
 * threads, each thread keeping its connection, so no borrowing is measured (Jedis at its best).
 */
final class JedisTarget implements Target {

    private final String name;
    private final RedisServer server;

    /**
     * Stores the workloads' data (again, if another target did: SET and a fresh list are idempotent).
     *
     * @param name   the name in tables
     * @param server the server
     */
    JedisTarget(String name, RedisServer server) {
        this.name = name;
        this.server = server;
        try (Jedis jedis = server.connect(); Pipeline pipeline = jedis.pipelined()) {
            for (String key : Work.KEY) {
                pipeline.set(key, Work.VALUE);
            }
            pipeline.del("bench-range");
            for (int i = 0; i < 1000; i++) {
                pipeline.rpush("bench-range", Work.VALUE);
            }
            pipeline.sync();
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Load.Client client(Work work, int depth) {
        Jedis jedis = server.connect();
        return new Load.Client() {
            @Override
            public int request() {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                if (depth == 1) {
                    switch (work) {
                        case GET -> jedis.get(Work.KEY[random.nextInt(Work.KEYS)]);
                        case SET -> jedis.set(Work.KEY[random.nextInt(Work.KEYS)], Work.VALUE);
                        case INCR -> jedis.incr(Work.COUNTER[random.nextInt(Work.KEYS)]);
                        case PUSH -> jedis.rpush("bench-list", Work.VALUE);
                        case RANGE -> jedis.lrange("bench-range", 0, 99);
                    }
                    return 1;
                }
                try (Pipeline pipeline = jedis.pipelined()) {
                    for (int i = 0; i < depth; i++) {
                        switch (work) {
                            case GET -> pipeline.get(Work.KEY[random.nextInt(Work.KEYS)]);
                            case SET -> pipeline.set(Work.KEY[random.nextInt(Work.KEYS)], Work.VALUE);
                            case PUSH -> pipeline.rpush("bench-list", Work.VALUE);
                            default -> throw new IllegalArgumentException(work + " is not batched");
                        }
                    }
                    pipeline.sync();
                }
                return depth;
            }

            @Override
            public void close() {
                jedis.close();
            }
        };
    }

    @Override
    public void reset() {
        try (Jedis jedis = server.connect()) {
            jedis.del("bench-list");
        }
    }

    @Override
    public void close() {
        // Each client thread closed its own connection.
    }
}
