package cyberdb.net.client;

import cyberdb.api.CyberClient;
import cyberdb.api.spi.ClientConfig;
import cyberdb.api.spi.ClientProvider;

/** Registered with {@link java.util.ServiceLoader}; {@link cyberdb.api.CyberDB#connect} finds it. */
public final class NetClientProvider implements ClientProvider {

    /** Creates the provider; called by {@link java.util.ServiceLoader}. */
    public NetClientProvider() {
    }

    @Override
    public CyberClient connect(ClientConfig config) {
        return new NetClient(config);
    }
}
