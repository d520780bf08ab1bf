package cyberdb.cluster.member;

import cyberdb.client.wire.Srp;
import cyberdb.engine.serve.ServedDatabase;
import cyberdb.net.server.Allowlist;
import cyberdb.net.server.ServerRuntime;
import cyberdb.net.server.ServerStats;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.server.storage.RaftStorage;

/**
 * One member of a CyberDB group: its engine, the Ratis server whose state machine the engine is,
 * and the CyberDB server its clients use, which writes through the group's log and reads after a
 * ReadIndex. The engine lives in memory; the Raft log and its snapshots in the storage directory
 * are what a member starts again from.
 */
public final class ClusterMember implements AutoCloseable {

    /**
     * What a member is.
     *
     * @param group    every member of the group, with its Raft address
     * @param self     this member
     * @param storage  where its Raft log and snapshots are kept
     * @param password the password its clients use
     * @param clients  where it serves clients (port 0 picks one)
     * @param tuning   further Ratis settings (tests make snapshots frequent)
     */
    public record Config(RaftGroup group, RaftPeer self, Path storage, String password, InetSocketAddress clients,
                         Consumer<RaftProperties> tuning) {
    }

    private final ServedDatabase database;
    private final RaftServer raft;
    private final RatisReplication replication;
    private final ServerRuntime server;

    private ClusterMember(ServedDatabase database, RaftServer raft, RatisReplication replication, ServerRuntime server) {
        this.database = database;
        this.raft = raft;
        this.replication = replication;
        this.server = server;
    }

    /**
     * Starts a member: from its storage if it holds a log, as a new member otherwise.
     *
     * @param config what the member is
     * @return the running member
     * @throws IOException if its Raft server cannot start
     */
    public static ClusterMember start(Config config) throws IOException {
        RaftProperties properties = new RaftProperties();
        RaftServerConfigKeys.setStorageDir(properties, List.of(config.storage().toFile()));
        GrpcConfigKeys.Server.setPort(properties, Integer.parseInt(config.self().getAddress()
                .substring(config.self().getAddress().lastIndexOf(':') + 1)));
        RaftServerConfigKeys.Read.setOption(properties, RaftServerConfigKeys.Read.Option.LINEARIZABLE);
        config.tuning().accept(properties);
        ServedDatabase database = ServedDatabase.inMemory(Long.MAX_VALUE);
        RaftServer raft = RaftServer.newBuilder().setServerId(config.self().getId()).setGroup(config.group())
                .setStateMachine(new EngineStateMachine(database)).setProperties(properties)
                .setOption(holdsLog(config.storage()) ? RaftStorage.StartupOption.RECOVER : RaftStorage.StartupOption.FORMAT)
                .build();
        raft.start();
        RatisReplication replication = new RatisReplication(raft.getDivision(config.group().getGroupId()), new RaftProperties());
        ServerRuntime server = ServerRuntime.start(ServerRuntime.bind(config.clients(), 1, 1024),
                new ServerRuntime.Settings(database, Srp.Verifier.of(config.password()), true,
                        Allowlist.of(Allowlist.LOOPBACK), 10_000, 16 << 20, Duration.ofSeconds(10), Duration.ZERO, false,
                        Runtime.getRuntime().availableProcessors(), 1024, 256L << 20, 1024, 64L << 20,
                        Duration.ofSeconds(60), new ServerStats(Duration.ofMillis(10)), replication));
        return new ClusterMember(database, raft, replication, server);
    }

    private static boolean holdsLog(Path storage) {
        if (!Files.isDirectory(storage)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(storage)) {
            return entries.findAny().isPresent();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the member's storage " + storage, e);
        }
    }

    /** @return the port its clients connect to */
    public int clientPort() {
        return server.address().getPort();
    }

    /** @return its engine */
    public ServedDatabase database() {
        return database;
    }

    @Override
    public void close() throws IOException {
        server.close(Duration.ofSeconds(5));
        replication.close();
        raft.close();
        database.close();
    }
}
