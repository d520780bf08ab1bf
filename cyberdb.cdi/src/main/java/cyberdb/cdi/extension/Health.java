package cyberdb.cdi.extension;

import cyberdb.api.CyberClient;
import cyberdb.api.CyberProxy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * MicroProfile Health checks, registered only when the application has the Health API: ready
 * when the database answers a request, live while the client is open.
 */
final class Health {

    private static final String NAME = "cyberdb";

    private Health() {
    }

    static boolean available() {
        try {
            Class.forName("org.eclipse.microprofile.health.HealthCheck", false, Health.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError absent) {
            return false;
        }
    }

    /** Ready when a request round-trips to the database and writes are not failing for lack of storage. */
    @ApplicationScoped
    @org.eclipse.microprofile.health.Readiness
    public static class Readiness implements HealthCheck {
        private CyberClient client;

        /** For the container's client proxy. */
        protected Readiness() {
        }

        /**
         * @param client the application's client
         */
        @Inject
        public Readiness(CyberClient client) {
            this.client = client;
        }

        @Override
        public HealthCheckResponse call() {
            try (CyberProxy proxy = client.proxy().connect()) {
                var problem = client.storageProblem();
                if (problem.isPresent()) {
                    return HealthCheckResponse.named(NAME).down().withData("storage", problem.get()).build();
                }
                int tables = proxy.tables().size();
                return HealthCheckResponse.named(NAME).up().withData("tables", tables).build();
            } catch (RuntimeException down) {
                return HealthCheckResponse.named(NAME).down().withData("error", String.valueOf(down.getMessage())).build();
            }
        }
    }

    /** Live while the application's client exists; the database's own state is readiness. */
    @ApplicationScoped
    @org.eclipse.microprofile.health.Liveness
    public static class Liveness implements HealthCheck {
        @Override
        public HealthCheckResponse call() {
            return HealthCheckResponse.named(NAME).up().build();
        }
    }
}
