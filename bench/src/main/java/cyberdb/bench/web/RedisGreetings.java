package cyberdb.bench.web;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.JedisPoolConfig;

/**
 * A Jedis pool to the benchmark's redis-server ({@code bench.redis.port}), as large as the
 * CyberDB pool it is compared with ({@code bench.redis.pool}).
 */
@ApplicationScoped
public class RedisGreetings {

    private final JedisPool pool;

    /** For CDI's proxy only. */
    protected RedisGreetings() {
        this.pool = null;
    }

    /**
     * Opens the pool.
     *
     * @param port the server's port
     * @param size the most connections
     */
    @Inject
    public RedisGreetings(@ConfigProperty(name = "bench.redis.port", defaultValue = "6379") int port,
                          @ConfigProperty(name = "bench.redis.pool", defaultValue = "50") int size) {
        JedisPoolConfig config = new JedisPoolConfig();
        config.setMaxTotal(size);
        config.setMaxIdle(size);
        this.pool = new JedisPool(config, "127.0.0.1", port);
    }

    /**
     * Reads the greeting.
     *
     * @return the value of key {@code content}
     */
    public String content() {
        try (Jedis jedis = pool.getResource()) {
            return jedis.get("content");
        }
    }

    @PreDestroy
    void close() {
        pool.close();
    }
}
