package cyberdb.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import cyberdb.api.CyberClient;
import cyberdb.api.CyberDB;
import cyberdb.api.CyberDict;
import cyberdb.api.CyberProxy;
import cyberdb.client.wire.Srp;
import cyberdb.cluster.member.EngineStateMachine;
import cyberdb.cluster.member.RatisReplication;
import cyberdb.engine.serve.ServedDatabase;
import cyberdb.net.server.Allowlist;
import cyberdb.net.server.ServerRuntime;
import cyberdb.net.server.ServerStats;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three members, each a CyberDB server over its own engine with a Ratis server beside it, in this
 * JVM: a client of any member writes through the log, and every member's clients read the write.
 */
class MemberServerTest {

    private static final String PASSWORD = "cluster member password";

    @TempDir
    Path dir;

    /** A member: its engine, its Ratis server, the replication its CyberDB server writes through, and that server. */
    private record Member(ServedDatabase database, RaftServer raft, RatisReplication replication, ServerRuntime server)
            implements AutoCloseable {
        @Override
        public void close() throws IOException {
            server.close(Duration.ofSeconds(5));
            replication.close();
            raft.close();
            database.close();
        }
    }

    private Member start(RaftGroup group, RaftPeer peer) throws IOException {
        RaftProperties properties = new RaftProperties();
        RaftServerConfigKeys.setStorageDir(properties, List.of(dir.resolve(peer.getId().toString()).toFile()));
        GrpcConfigKeys.Server.setPort(properties, Integer.parseInt(peer.getAddress().split(":")[1]));
        RaftServerConfigKeys.Read.setOption(properties, RaftServerConfigKeys.Read.Option.LINEARIZABLE);
        ServedDatabase database = ServedDatabase.inMemory(Long.MAX_VALUE);
        RaftServer raft = RaftServer.newBuilder().setServerId(peer.getId()).setGroup(group)
                .setStateMachine(new EngineStateMachine(database)).setProperties(properties).build();
        raft.start();
        RatisReplication replication = new RatisReplication(group, peer.getId(), new RaftProperties());
        ServerRuntime server = ServerRuntime.start(ServerRuntime.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                1, 64), new ServerRuntime.Settings(database, Srp.Verifier.of(PASSWORD), true, Allowlist.of(Allowlist.LOOPBACK),
                64, 1 << 20, Duration.ofSeconds(10), Duration.ZERO, false, 1, 1024, 64L << 20, 64, 16L << 20,
                Duration.ofSeconds(60), new ServerStats(Duration.ofMillis(10)), replication));
        return new Member(database, raft, replication, server);
    }

    private static CyberClient client(Member member) {
        return CyberDB.client().host("127.0.0.1").port(member.server().address().getPort()).password(PASSWORD).build();
    }

    private List<Member> startGroup() throws IOException {
        List<RaftPeer> peers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            peers.add(RaftPeer.newBuilder().setId("m" + i).setAddress("127.0.0.1:" + Loopback.freePort()).build());
        }
        RaftGroup group = RaftGroup.valueOf(RaftGroupId.valueOf(UUID.randomUUID()), peers);
        List<Member> members = new ArrayList<>();
        for (RaftPeer peer : peers) {
            members.add(start(group, peer));
        }
        return members;
    }

    /**
     * Linearizable reads: a read on any member, begun after a write was acknowledged by another
     * member, sees it, at once. Without the ReadIndex a follower answers before it applied the
     * write often enough to fail this within a few rounds.
     */
    @Test
    void aReadOnAnyMemberSeesEveryWriteAcknowledgedBeforeIt() throws Exception {
        List<Member> members = startGroup();
        List<CyberClient> clients = new ArrayList<>();
        try {
            List<CyberDict<Object, Object>> dicts = new ArrayList<>();
            for (Member member : members) {
                CyberClient client = client(member);
                clients.add(client);
                dicts.add(client.proxy().connect().createDictIfAbsent("register"));
            }
            for (int round = 0; round < 60; round++) {
                dicts.get(round % 3).put("value", (long) round);
                assertEquals((long) round, dicts.get((round + 1) % 3).get("value"), "round " + round);
                assertEquals((long) round, dicts.get((round + 2) % 3).get("value"), "round " + round);
            }
        } finally {
            for (CyberClient client : clients) {
                client.close();
            }
            for (Member member : members) {
                member.close();
            }
        }
    }

    @Test
    void aWriteToAnyMemberIsReadOnEveryMember() throws Exception {
        List<Member> members = startGroup();
        try {
            for (int writer = 0; writer < 3; writer++) {
                try (CyberClient client = client(members.get(writer)); CyberProxy proxy = client.proxy().connect()) {
                    CyberDict<Object, Object> dict = proxy.createDictIfAbsent("d");
                    for (int i = 0; i < 5; i++) {
                        dict.merge("n", 1L, (a, b) -> (Long) a + (Long) b);
                    }
                    assertNull(dict.putIfAbsent("by m" + writer, "first"));
                    assertEquals("first", dict.putIfAbsent("by m" + writer, "second"), "decided as it was applied");
                }
            }
            for (Member member : members) {
                try (CyberClient client = client(member); CyberProxy proxy = client.proxy().connect()) {
                    Loopback.await(() -> proxy.exists("d") && Objects.equals(15L, proxy.dict("d").get("n")),
                            "the 15 increments on every member");
                    assertEquals(4, proxy.dict("d").size(), "n and a key by each member's client");
                }
            }
        } finally {
            for (Member member : members) {
                member.close();
            }
        }
    }
}
