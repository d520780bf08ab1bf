package cyberdb.client.remote;

import cyberdb.api.CyberClient;
import cyberdb.api.spi.ClientConfig;
import cyberdb.api.spi.ClientProvider;

/** Registered with {@link java.util.ServiceLoader}; {@link cyberdb.api.CyberDB#connect} finds it. */
public final class RemoteClientProvider implements ClientProvider {

    /** Creates the provider; called by {@link java.util.ServiceLoader}. */
    public RemoteClientProvider() {
    }

    @Override
    public CyberClient connect(ClientConfig config) {
        return new RemoteClient(config);
    }
}
