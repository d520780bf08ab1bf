package cyberdb.sample;

import cyberdb.api.CyberClient;
import cyberdb.api.CyberProxy;
import io.helidon.microprofile.server.ServerCdiExtension;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The original's initialisation script: if table {@code centre} is missing, create it with the
 * configured greeting. A data file that already holds it is left alone. It runs once the web
 * server is listening, so a start that fails (the port in use) changes nothing in the data file.
 */
@ApplicationScoped
public class CentreInitializer {

    @Inject
    CyberClient client;

    @Inject
    ServerCdiExtension server;

    @Inject
    @ConfigProperty(name = "sample.greeting", defaultValue = "Hello CyberDB!")
    String greeting;

    /** After Helidon's own observer, at {@code PLATFORM_AFTER + 100}, has started the web server. */
    void initialise(@Observes @Priority(Interceptor.Priority.PLATFORM_AFTER + 200) @Initialized(ApplicationScoped.class) Object started) {
        if (!server.started()) {
            return;
        }
        try (CyberProxy proxy = client.proxy().connect()) {
            // Atomic at both steps, so instances starting together against one server agree.
            proxy.createDictIfAbsent("centre").putIfAbsent("content", greeting);
        }
    }
}
