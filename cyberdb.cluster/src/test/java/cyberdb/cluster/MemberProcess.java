package cyberdb.cluster;

import cyberdb.cluster.member.ClusterMember;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;

/**
 * One member in a process of its own, for the tests that kill one: run by {@link LeaderKillTest}
 * with {@code ID GROUP_UUID PEERS STORAGE}, PEERS as {@code m0=127.0.0.1:7001,m1=...}, the password
 * in {@code CYBERDB_PASSWORD}. Prints {@code serving PORT} once its clients can connect, and runs
 * until it is killed or its standard input ends.
 */
public final class MemberProcess {

    private MemberProcess() {
    }

    public static void main(String[] args) throws Exception {
        List<RaftPeer> peers = new ArrayList<>();
        RaftPeer self = null;
        for (String peer : args[2].split(",")) {
            String[] idAndAddress = peer.split("=", 2);
            RaftPeer built = RaftPeer.newBuilder().setId(idAndAddress[0]).setAddress(idAndAddress[1]).build();
            peers.add(built);
            if (idAndAddress[0].equals(args[0])) {
                self = built;
            }
        }
        RaftGroup group = RaftGroup.valueOf(RaftGroupId.valueOf(UUID.fromString(args[1])), peers);
        try (ClusterMember member = ClusterMember.start(new ClusterMember.Config(group, self, Path.of(args[3]),
                System.getenv("CYBERDB_PASSWORD"), new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                properties -> { }))) {
            System.out.println("serving " + member.clientPort());
            System.out.flush();
            while (System.in.read() >= 0) {
                // Runs until killed, or until the test closes its input.
            }
        }
    }
}
