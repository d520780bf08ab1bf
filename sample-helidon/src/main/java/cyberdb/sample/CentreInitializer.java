package cyberdb.sample;

import cyberdb.api.CyberClient;
import cyberdb.api.CyberProxy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The original's initialisation script, run at startup: if table {@code centre} is missing,
 * create it with the configured greeting. A data file that already holds it is left alone.
 */
@ApplicationScoped
public class CentreInitializer {

    @Inject
    CyberClient client;

    @Inject
    @ConfigProperty(name = "sample.greeting", defaultValue = "Hello CyberDB!")
    String greeting;

    void initialise(@Observes @Initialized(ApplicationScoped.class) Object started) {
        try (CyberProxy proxy = client.proxy().connect()) {
            if (!proxy.exists("centre")) {
                proxy.createDict("centre").put("content", greeting);
            }
        }
    }
}
