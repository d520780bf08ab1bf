package cyberdb.bench.web;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.RedisClient;

/**
 * A pooled Jedis client (Jedis 8's {@code RedisClient}, which replaces the deprecated
 * {@code JedisPool}) to the benchmark's redis-server ({@code bench.redis.port}), as large as the
 * CyberDB pool it is compared with ({@code bench.redis.pool}).
 */
@ApplicationScoped
public class RedisGreetings {

    private final RedisClient redis;

    /** For CDI's proxy only. */
    protected RedisGreetings() {
        this.redis = null;
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
        ConnectionPoolConfig config = new ConnectionPoolConfig();
        config.setMaxTotal(size);
        config.setMaxIdle(size);
        this.redis = RedisClient.builder().hostAndPort("127.0.0.1", port).poolConfig(config).build();
    }

    /**
     * Reads the greeting.
     *
     * @return the value of key {@code content}
     */
    public String content() {
        return redis.get("content");
    }

    @PreDestroy
    void close() {
        redis.close();
    }
}
