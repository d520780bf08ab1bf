package cyberdb.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cyberdb.api.CyberProxy;
import cyberdb.client.wire.Codec;
import cyberdb.client.wire.Op;
import cyberdb.client.wire.Status;
import cyberdb.cluster.member.EngineStateMachine;
import cyberdb.core.value.ValueReader;
import cyberdb.core.value.ValueWriter;
import cyberdb.core.value.Values;
import cyberdb.engine.serve.ServedDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three members of one Raft group in this JVM, on loopback: every write reaches every member's
 * engine through the log, and a conditional write is decided the same on each.
 */
class ReplicationTest {


    @TempDir
    Path dir;


    private static byte[] request(Op op, String table, Consumer<ValueWriter> arguments) {
        ValueWriter w = new ValueWriter(64).writeByte(op.code()).string(table);
        arguments.accept(w);
        return java.util.Arrays.copyOf(w.buffer(), w.size());
    }

    /** Sends a write through the log and reads its answer: its status, then what follows. */
    private static ValueReader write(RaftClient client, byte[] request) throws IOException {
        RaftClientReply reply = client.io().send(Message.valueOf(ByteString.copyFrom(request)));
        assertEquals(true, reply.isSuccess(), String.valueOf(reply.getException()));
        byte[] answer = reply.getMessage().getContent().toByteArray();
        ValueReader in = new ValueReader(answer, 0, answer.length);
        int status = in.readByte();
        assertEquals(Status.OK.code(), status, () -> "status " + status + ": " + in.string());
        return in;
    }


    /** A member: its Ratis server and its engine. */
    private record Member(RaftServer server, ServedDatabase database) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            server.close();
            database.close();
        }
    }

    private static RaftGroup group(int members) throws IOException {
        List<RaftPeer> peers = new ArrayList<>();
        for (int i = 0; i < members; i++) {
            peers.add(RaftPeer.newBuilder().setId("m" + i).setAddress("127.0.0.1:" + Loopback.freePort()).build());
        }
        return RaftGroup.valueOf(RaftGroupId.valueOf(UUID.randomUUID()), peers);
    }

    /** Starts a member on a fresh engine; with {@code again}, from what its storage holds. */
    private Member start(RaftGroup group, RaftPeer peer, Consumer<RaftProperties> settings, boolean again) throws IOException {
        RaftProperties properties = new RaftProperties();
        RaftServerConfigKeys.setStorageDir(properties, List.of(dir.resolve(peer.getId().toString()).toFile()));
        GrpcConfigKeys.Server.setPort(properties, Integer.parseInt(peer.getAddress().split(":")[1]));
        settings.accept(properties);
        ServedDatabase database = ServedDatabase.inMemory(Long.MAX_VALUE);
        RaftServer server = RaftServer.newBuilder().setServerId(peer.getId()).setGroup(group)
                .setStateMachine(new EngineStateMachine(database)).setProperties(properties)
                .setOption(again ? RaftStorage.StartupOption.RECOVER : RaftStorage.StartupOption.FORMAT).build();
        server.start();
        return new Member(server, database);
    }

    private static long counter(ServedDatabase member) {
        try (CyberProxy proxy = member.client().proxy().connect()) {
            return proxy.exists("d") && proxy.dict("d").get("n") instanceof Long n ? n : -1;
        }
    }

    private static boolean hasSnapshot(Path storage) {
        try (Stream<Path> files = Files.walk(storage)) {
            return files.anyMatch(file -> file.getFileName().toString().startsWith("snapshot."));
        } catch (IOException notYet) {
            return false;
        }
    }

    @Test
    void aMemberStartedAgainLoadsTheLatestSnapshotAndCatchesUpFromTheLeader() throws Exception {
        RaftGroup group = group(3);
        List<RaftPeer> peers = List.copyOf(group.getPeers());
        // A snapshot every 20 entries, and the log cut behind it: a member that was down must be sent the snapshot.
        Consumer<RaftProperties> snapshots = properties -> {
            RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(properties, true);
            RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(properties, 20L);
            RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(properties, true);
        };
        List<Member> members = new ArrayList<>();
        try {
            for (RaftPeer peer : peers) {
                members.add(start(group, peer, snapshots, false));
            }
            try (RaftClient client = RaftClient.newBuilder().setProperties(new RaftProperties()).setRaftGroup(group).build()) {
                write(client, request(Op.CREATE_DICT, "d", w -> Codec.entries(w, new LinkedHashMap<>())));
                for (int i = 0; i < 100; i++) {
                    write(client, request(Op.DICT_ADD_AND_GET, "d", w -> Codec.integer(w.value("n"), 1)));
                }
                Path lastStorage = dir.resolve(peers.get(2).getId().toString());
                Loopback.await(() -> hasSnapshot(lastStorage), "a snapshot on the member about to stop");
                members.get(2).close();
                for (int i = 0; i < 50; i++) {
                    write(client, request(Op.DICT_ADD_AND_GET, "d", w -> Codec.integer(w.value("n"), 1)));
                }
                members.set(2, start(group, peers.get(2), snapshots, true));
                ServedDatabase restarted = members.get(2).database();
                Loopback.await(() -> counter(restarted) == 150, "the restarted member at 150 (it is at " + counter(restarted) + ")");
                write(client, request(Op.DICT_ADD_AND_GET, "d", w -> Codec.integer(w.value("n"), 1)));
                for (Member member : members) {
                    Loopback.await(() -> counter(member.database()) == 151, "every member at 151");
                }
            }
            // All down and up again: the log before the snapshots was purged, so 151 comes back only
            // through each member's snapshot and the log after it.
            for (int i = 0; i < members.size(); i++) {
                members.get(i).close();
            }
            for (int i = 0; i < members.size(); i++) {
                members.set(i, start(group, peers.get(i), snapshots, true));
            }
            for (Member member : members) {
                Loopback.await(() -> counter(member.database()) == 151, "every member at 151 after a restart of all");
            }
        } finally {
            for (Member member : members) {
                member.close();
            }
        }
    }

    @Test
    void everyMemberAppliesEveryWriteAndDecidesConditionalWritesAlike() throws Exception {
        List<RaftPeer> peers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            peers.add(RaftPeer.newBuilder().setId("m" + i).setAddress("127.0.0.1:" + Loopback.freePort()).build());
        }
        RaftGroup group = RaftGroup.valueOf(RaftGroupId.valueOf(UUID.randomUUID()), peers);
        List<RaftServer> servers = new ArrayList<>();
        List<ServedDatabase> members = new ArrayList<>();
        try {
            for (RaftPeer peer : peers) {
                RaftProperties properties = new RaftProperties();
                RaftServerConfigKeys.setStorageDir(properties, List.of(dir.resolve(peer.getId().toString()).toFile()));
                GrpcConfigKeys.Server.setPort(properties, Integer.parseInt(peer.getAddress().split(":")[1]));
                ServedDatabase database = ServedDatabase.inMemory(Long.MAX_VALUE);
                members.add(database);
                RaftServer server = RaftServer.newBuilder().setServerId(peer.getId()).setGroup(group)
                        .setStateMachine(new EngineStateMachine(database)).setProperties(properties).build();
                servers.add(server);
                server.start();
            }
            try (RaftClient client = RaftClient.newBuilder().setProperties(new RaftProperties()).setRaftGroup(group).build()) {
                write(client, request(Op.CREATE_DICT, "d", w -> Codec.entries(w, new LinkedHashMap<>())));
                ValueReader first = write(client, request(Op.DICT_PUT_IF_ABSENT, "d", w -> w.value("k").value("first")));
                assertEquals(Values.ABSENT, Codec.optional(first), "absent: inserted");
                ValueReader second = write(client, request(Op.DICT_PUT_IF_ABSENT, "d", w -> w.value("k").value("second")));
                assertEquals("first", Codec.optional(second), "decided against the state it was applied to");
                for (int i = 0; i < 10; i++) {
                    write(client, request(Op.DICT_ADD_AND_GET, "d", w -> Codec.integer(w.value("n"), 1)));
                }
            }
            for (ServedDatabase member : members) {
                try (CyberProxy proxy = member.client().proxy().connect()) {
                    Loopback.await(() -> proxy.exists("d") && Objects.equals(10L, proxy.dict("d").get("n")),
                            "every increment on every member");
                    assertEquals("first", proxy.dict("d").get("k"));
                }
            }
        } finally {
            for (RaftServer server : servers) {
                server.close();
            }
            members.forEach(ServedDatabase::close);
        }
    }
}
