package cyberdb.sample;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/** The service's JAX-RS resources. */
@ApplicationScoped
@ApplicationPath("/")
public class SampleApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(HelloResource.class, NotesResource.class, CounterResource.class, BadJsonMapper.class,
                MetricsResource.class, HttpMetrics.class);
    }
}
