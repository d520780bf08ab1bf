package cyberdb.cdi.extension;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cyberdb.api.CyberClient;
import cyberdb.api.CyberDB;
import cyberdb.api.CyberProxy;
import cyberdb.api.EmbeddedClient;
import cyberdb.net.CyberServer;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

class HealthTest {

    @Test
    void readyWhileTheDatabaseAnswersAndWritesSucceed() {
        try (EmbeddedClient db = CyberDB.embedded()) {
            HealthCheckResponse response = new Health.Readiness(db).call();
            assertEquals(HealthCheckResponse.Status.UP, response.getStatus());
        }
    }

    @Test
    void readinessNeedsOnlyOneConnection() {
        try (CyberServer server = CyberServer.builder().port(0).password("health password").build().start();
             CyberClient client = CyberDB.client().host("127.0.0.1").port(server.port()).password("health password")
                     .connections(1).connectTimeout(Duration.ofSeconds(1)).build()) {
            HealthCheckResponse response = new Health.Readiness(client).call();
            assertEquals(HealthCheckResponse.Status.UP, response.getStatus(), () -> String.valueOf(response.getData()));
            assertEquals(1, server.openConnections());
        }
    }

    @Test
    void theTwoChecksHaveTheirOwnNames() {
        try (EmbeddedClient db = CyberDB.embedded()) {
            assertEquals("cyberdb", new Health.Readiness(db).call().getName());
            assertEquals("cyberdb-live", new Health.Liveness().call().getName());
        }
    }

    @Test
    void notReadyWhileWritesFailForLackOfStorage() {
        try (EmbeddedClient db = CyberDB.embedded()) {
            CyberClient full = new CyberClient() {
                @Override
                public CyberProxy proxy() {
                    return db.proxy();
                }

                @Override
                public Optional<String> storageProblem() {
                    return Optional.of("Journal data.journal: No space left on device");
                }

                @Override
                public void close() {
                }
            };
            HealthCheckResponse response = new Health.Readiness(full).call();
            assertEquals(HealthCheckResponse.Status.DOWN, response.getStatus());
            assertEquals(Optional.of("Journal data.journal: No space left on device"),
                    response.getData().map(data -> data.get("storage")));
        }
    }
}
