package cyberdb.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cyberdb.api.CyberClient;
import cyberdb.api.CyberDB;
import cyberdb.api.CyberDict;
import cyberdb.api.CyberProxy;
import cyberdb.client.wire.Codec;
import cyberdb.client.wire.Op;
import cyberdb.core.value.ValueWriter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three members in three JVMs; a writer increments a counter through one of them while the leader
 * is killed (SIGKILL) and started again: no acknowledged increment is lost, none counts twice,
 * and the member that was killed catches up. A write that failed may or may not have been
 * applied, so the count must lie between the acknowledged and the attempted.
 */
class LeaderKillTest {

    private static final String PASSWORD = "leader kill test password";

    @TempDir
    Path dir;

    private final String group = UUID.randomUUID().toString();
    private final List<Integer> raftPorts = new ArrayList<>();

    private Process start(int member) throws IOException {
        String peers = IntStream.range(0, raftPorts.size()).mapToObj(i -> "m" + i + "=127.0.0.1:" + raftPorts.get(i))
                .collect(Collectors.joining(","));
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), MemberProcess.class.getName(), "m" + member, group,
                peers, dir.resolve("m" + member).toString())
                .redirectError(dir.resolve("m" + member + ".err").toFile());
        builder.environment().put("CYBERDB_PASSWORD", PASSWORD);
        return builder.start();
    }

    /** Reads the member's {@code serving PORT}, failing with its error output if it ends first. */
    private int servingPort(Process process, int member) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertTrue(line != null && line.startsWith("serving "), () -> "member m" + member + " did not start: "
                + readQuietly(dir.resolve("m" + member + ".err")));
        return Integer.parseInt(line.substring("serving ".length()));
    }

    private static String readQuietly(Path file) {
        try {
            return java.nio.file.Files.readString(file);
        } catch (IOException e) {
            return "(no error output)";
        }
    }

    /**
     * Which member leads now, as Ratis's client finds it by sending a write, which only the
     * leader takes (a read would not do: with linearizable reads a follower answers it).
     */
    private int leader() throws IOException {
        List<RaftPeer> peers = new ArrayList<>();
        for (int i = 0; i < raftPorts.size(); i++) {
            peers.add(RaftPeer.newBuilder().setId("m" + i).setAddress("127.0.0.1:" + raftPorts.get(i)).build());
        }
        RaftGroup raftGroup = RaftGroup.valueOf(RaftGroupId.valueOf(UUID.fromString(group)), peers);
        try (RaftClient ratis = RaftClient.newBuilder().setProperties(new RaftProperties()).setRaftGroup(raftGroup).build()) {
            ValueWriter probe = new ValueWriter(32).writeByte(Op.DICT_ADD_AND_GET.code()).string("counters");
            Codec.integer(probe.value("probe"), 1);
            ratis.io().send(Message.valueOf(ByteString.copyFrom(probe.buffer(), 0, probe.size())));
            return Integer.parseInt(ratis.getLeaderId().toString().substring(1));
        }
    }

    private static CyberClient client(int port) {
        return CyberDB.client().host("127.0.0.1").port(port).password(PASSWORD).requestTimeout(Duration.ofSeconds(20))
                .build();
    }

    @Test
    void aKilledMemberLosesNoAcknowledgedIncrementAndCatchesUp() throws Exception {
        for (int i = 0; i < 3; i++) {
            raftPorts.add(Loopback.freePort());
        }
        List<Process> processes = new ArrayList<>();
        List<Integer> ports = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                processes.add(start(i));
            }
            for (int i = 0; i < 3; i++) {
                ports.add(servingPort(processes.get(i), i));
            }
            AtomicLong acknowledged = new AtomicLong();
            AtomicLong failed = new AtomicLong();
            AtomicLong longestNanos = new AtomicLong();
            AtomicBoolean stop = new AtomicBoolean();
            Thread writer;
            // The client knows one member (a client with several is yet to come): one that is not the leader.
            int leader = leader();
            try (CyberClient client = client(ports.get((leader + 1) % 3)); CyberProxy proxy = client.proxy().connect()) {
                CyberDict<Object, Object> dict = proxy.createDictIfAbsent("counters");
                writer = Thread.ofPlatform().start(() -> {
                    while (!stop.get()) {
                        long start = System.nanoTime();
                        try {
                            dict.addAndGet("n", 1);
                            acknowledged.incrementAndGet();
                        } catch (RuntimeException unacknowledged) {
                            failed.incrementAndGet();
                        }
                        longestNanos.accumulateAndGet(System.nanoTime() - start, Math::max);
                    }
                });
                Loopback.await(() -> acknowledged.get() >= 200, "200 increments before the kill");
                assertEquals(leader, leader(), "the same leader");
                processes.get(leader).destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                long atKill = acknowledged.get();
                Loopback.await(() -> acknowledged.get() >= atKill + 200, "200 increments with the leader down");
                processes.set(leader, start(leader));
                ports.set(leader, servingPort(processes.get(leader), leader));
                long atRestart = acknowledged.get();
                Loopback.await(() -> acknowledged.get() >= atRestart + 200, "200 increments after the restart");
                stop.set(true);
                writer.join();
            }
            long acked = acknowledged.get();
            for (int i = 0; i < 3; i++) {
                try (CyberClient reader = client(ports.get(i)); CyberProxy proxy = reader.proxy().connect()) {
                    long counted = (Long) proxy.dict("counters").get("n");
                    assertTrue(counted >= acked && counted <= acked + failed.get(), "member m" + i + " counted " + counted
                            + " of " + acked + " acknowledged (" + failed.get() + " failed)");
                    if (failed.get() == 0) {
                        assertEquals(acked, counted, "member m" + i);
                    }
                }
            }
            System.out.printf(Locale.ROOT, "killed the leader m%d: %d increments acknowledged, %d failed; the longest"
                    + " took %d ms%n", leader, acked, failed.get(), TimeUnit.NANOSECONDS.toMillis(longestNanos.get()));
        } finally {
            for (Process process : processes) {
                process.destroyForcibly();
            }
        }
    }
}
