package cyberdb.cdi.extension;

import cyberdb.api.CyberClient;
import cyberdb.api.CyberProxy;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * One request's proxy, connected on first use and closed when the request ends, which returns
 * its pooled connection; and the tables opened through it, so each is opened once per request.
 */
@RequestScoped
public class RequestTables {

    private CyberClient client;
    private CyberProxy proxy;
    private final Map<TableInjection, Object> tables = new HashMap<>();

    /** For the container's client proxy. */
    protected RequestTables() {
    }

    /**
     * Creates the request's tables.
     *
     * @param client the application's client
     */
    @Inject
    public RequestTables(CyberClient client) {
        this.client = client;
    }

    /**
     * Returns this request's proxy, connecting it on first use.
     *
     * @return the connected proxy
     */
    public CyberProxy proxy() {
        if (proxy == null) {
            proxy = client.proxy().connect();
        }
        return proxy;
    }

    /**
     * Returns the table an injection point asks for, opened on this request's proxy.
     *
     * @param injection the injection point's table, kind and types
     * @return the table
     */
    public Object table(TableInjection injection) {
        return tables.computeIfAbsent(injection, (Function<TableInjection, Object>) i -> i.open(proxy()));
    }

    /** Returns the connection to the pool. */
    @PreDestroy
    public void close() {
        if (proxy != null) {
            proxy.close();
            proxy = null;
        }
        tables.clear();
    }
}
