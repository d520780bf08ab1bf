package cyberdb.bench.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/**
 * The web benchmark's comparison resources, served beside the sample under {@code /bench}:
 * the same greeting read from Redis through Jedis and through Lettuce, and a constant, the
 * framework's ceiling.
 */
@ApplicationScoped
@ApplicationPath("/bench")
public class BenchApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(RedisHelloResource.class, LettuceHelloResource.class, ConstantHelloResource.class);
    }
}
