package cyberdb.cdi.extension;

import cyberdb.api.CyberClient;
import cyberdb.api.CyberDB;
import cyberdb.api.CyberProxy;
import cyberdb.api.EmbeddedBuilder;
import cyberdb.api.EmbeddedClient;
import cyberdb.net.CyberServer;

/** Opens the client the configuration asks for. */
final class Databases {

    private Databases() {
    }

    static CyberClient open(Settings settings) {
        if (settings.mode().equals(Settings.REMOTE)) {
            return CyberDB.client()
                    .host(settings.host())
                    .port(settings.port())
                    .password(settings.requiredPassword("in remote mode"))
                    .encrypted(settings.encrypted())
                    .connections(settings.connections())
                    .idleTimeout(settings.idleTimeout())
                    .connectTimeout(settings.connectTimeout())
                    .build();
        }
        if (settings.servePort().isPresent()) {
            return served(settings);
        }
        EmbeddedBuilder builder = settings.dataFile()
                .map(file -> CyberDB.embeddedBuilder(file).durability(settings.durability()))
                .orElseGet(CyberDB::embeddedBuilder);
        settings.maxMemory().ifPresent(builder::maxMemory);
        EmbeddedClient embedded = builder.build();
        settings.backupInterval().ifPresent(interval -> embedded.backupEvery(settings.dataFile().orElseThrow(), interval));
        return embedded;
    }

    /** An embedded database that also serves TCP, so other processes can share it. */
    private static CyberClient served(Settings settings) {
        CyberServer.Builder builder = CyberServer.builder()
                .host(settings.serveHost())
                .port(settings.servePort().orElseThrow())
                .password(settings.requiredPassword("to serve TCP (cyberdb.serve.port)"))
                .encrypted(settings.encrypted());
        settings.dataFile().ifPresent(builder::dataFile);
        builder.durability(settings.durability());
        settings.backupInterval().ifPresent(builder::backupEvery);
        settings.maxMemory().ifPresent(builder::maxMemory);
        CyberServer server = builder.build().start();
        return new CyberClient() {
            @Override
            public CyberProxy proxy() {
                return server.database().proxy();
            }

            @Override
            public java.util.Optional<String> storageProblem() {
                return server.database().storageProblem();
            }

            @Override
            public void close() {
                server.close();
            }
        };
    }
}
