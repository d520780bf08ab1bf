package cyberdb.cdi.extension;

import cyberdb.api.CyberClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * MicroProfile Health checks, registered only when the application has the Health API: ready
 * ({@value #READINESS}) when the database answers a request and writes are not failing for lack
 * of storage; live ({@value #LIVENESS}) while the application runs.
 */
final class Health {

    static final String READINESS = "cyberdb";
    static final String LIVENESS = "cyberdb-live";

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

    /**
     * Ready when the database answers and writes are not failing for lack of storage: one request,
     * on one connection, which reports both, so a pool of one connection can serve it.
     */
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
            try {
                return client.storageProblem()
                        .map(problem -> HealthCheckResponse.named(READINESS).down().withData("storage", problem).build())
                        .orElseGet(() -> HealthCheckResponse.named(READINESS).up().build());
            } catch (RuntimeException down) {
                return HealthCheckResponse.named(READINESS).down().withData("error", String.valueOf(down.getMessage())).build();
            }
        }
    }

    /** Live while the application runs; whether the database answers is readiness, not liveness. */
    @ApplicationScoped
    @org.eclipse.microprofile.health.Liveness
    public static class Liveness implements HealthCheck {
        @Override
        public HealthCheckResponse call() {
            return HealthCheckResponse.named(LIVENESS).up().build();
        }
    }
}
