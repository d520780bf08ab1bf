package cyberdb.engine.embedded;

import cyberdb.api.EmbeddedClient;
import cyberdb.api.spi.EmbeddedConfig;
import cyberdb.api.spi.EmbeddedProvider;
import cyberdb.engine.store.Engine;

/** Registered with {@link java.util.ServiceLoader}; {@link cyberdb.api.CyberDB#embedded()} finds it. */
public final class EmbeddedEngineProvider implements EmbeddedProvider {

    /** Creates the provider; called by {@link java.util.ServiceLoader}. */
    public EmbeddedEngineProvider() {
    }

    @Override
    public EmbeddedClient openInMemory(long maxMemory) {
        Engine engine = new Engine();
        engine.memoryLimit(maxMemory, "maxMemory (EmbeddedBuilder; cyberdb.max-memory in CDI configuration;"
                + " by default half the JVM's maximum heap, -Xmx)");
        return new LocalClient(engine);
    }

    @Override
    public EmbeddedClient open(EmbeddedConfig config) {
        return new LocalClient(config, new Engine());
    }
}
