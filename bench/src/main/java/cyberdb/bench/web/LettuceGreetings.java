package cyberdb.bench.web;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * One Lettuce connection to the benchmark's redis-server ({@code bench.redis.port}), shared by
 * every request thread, as Lettuce advises and as the CyberDB client shares its few connections.
 */
@ApplicationScoped
public class LettuceGreetings {

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;

    /** For CDI's proxy only. */
    protected LettuceGreetings() {
        this.client = null;
        this.connection = null;
    }

    /**
     * Connects.
     *
     * @param port the server's port
     */
    @Inject
    public LettuceGreetings(@ConfigProperty(name = "bench.redis.port", defaultValue = "6379") int port) {
        this.client = RedisClient.create(RedisURI.create("127.0.0.1", port));
        this.connection = client.connect();
    }

    /**
     * Reads the greeting.
     *
     * @return the value of key {@code content}
     */
    public String content() {
        return connection.sync().get("content");
    }

    @PreDestroy
    void close() {
        connection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
