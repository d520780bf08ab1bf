package cyberdb.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cyberdb.api.CyberClient;
import cyberdb.api.CyberDB;
import cyberdb.api.CyberDict;
import cyberdb.api.CyberProxy;
import cyberdb.cluster.member.ClusterMember;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
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

    private ClusterMember start(RaftGroup group, RaftPeer peer) throws IOException {
        return ClusterMember.start(new ClusterMember.Config(group, peer, dir.resolve(peer.getId().toString()), PASSWORD,
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), properties -> { }));
    }

    private static CyberClient client(ClusterMember member) {
        return CyberDB.client().host("127.0.0.1").port(member.clientPort()).password(PASSWORD).build();
    }

    private List<ClusterMember> startGroup() throws IOException {
        List<RaftPeer> peers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            peers.add(RaftPeer.newBuilder().setId("m" + i).setAddress("127.0.0.1:" + Loopback.freePort()).build());
        }
        RaftGroup group = RaftGroup.valueOf(RaftGroupId.valueOf(UUID.randomUUID()), peers);
        List<ClusterMember> members = new ArrayList<>();
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
        List<ClusterMember> members = startGroup();
        List<CyberClient> clients = new ArrayList<>();
        try {
            List<CyberDict<Object, Object>> dicts = new ArrayList<>();
            for (ClusterMember member : members) {
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
            for (ClusterMember member : members) {
                member.close();
            }
        }
    }

    @Test
    void aWriteToAnyMemberIsReadOnEveryMember() throws Exception {
        List<ClusterMember> members = startGroup();
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
            int leaders = 0;
            for (ClusterMember member : members) {
                try (CyberClient client = client(member); CyberProxy proxy = client.proxy().connect()) {
                    var replication = proxy.info().section("replication").orElseThrow();
                    leaders += replication.get("role").equals("leader") ? 1 : 0;
                    assertEquals(3L, replication.get("members"));
                    assertTrue((Long) replication.get("term") >= 1, replication.toString());
                    assertTrue((Long) replication.get("commit_index") >= 18, "a table, 15 increments, 6 putIfAbsent: "
                            + replication);
                }
            }
            assertEquals(1, leaders, "one leader");
            for (ClusterMember member : members) {
                try (CyberClient client = client(member); CyberProxy proxy = client.proxy().connect()) {
                    Loopback.await(() -> proxy.exists("d") && Objects.equals(15L, proxy.dict("d").get("n")),
                            "the 15 increments on every member");
                    assertEquals(4, proxy.dict("d").size(), "n and a key by each member's client");
                }
            }
        } finally {
            for (ClusterMember member : members) {
                member.close();
            }
        }
    }
}
