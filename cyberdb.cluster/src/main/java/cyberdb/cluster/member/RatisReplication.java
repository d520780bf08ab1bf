package cyberdb.cluster.member;

import cyberdb.net.server.Replication;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.SequencedMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.TimeDuration;

/**
 * A member server's writes, sent through the Raft group's log. Ratis's client finds the leader and
 * retries a request under the same call id while the group elects one, so the retry cache applies
 * it once; it sleeps between tries (Ratis's default retries without sleeping, which spun in the
 * checks before this issue) and gives up after {@value #ATTEMPTS} tries.
 */
public final class RatisReplication implements Replication, AutoCloseable {

    private static final int ATTEMPTS = 50;
    private static final TimeDuration PAUSE = TimeDuration.valueOf(100, TimeUnit.MILLISECONDS);

    private final RaftClient client;
    private final RaftPeerId member;
    private final RaftServer.Division division;

    /**
     * @param division   this member's part of the group, whose figures {@link #info} reports
     * @param properties the client's Ratis settings
     */
    public RatisReplication(RaftServer.Division division, RaftProperties properties) {
        RaftGroup group = division.getGroup();
        this.division = division;
        this.member = division.getId();
        this.client = RaftClient.newBuilder().setProperties(properties).setRaftGroup(group)
                .setRetryPolicy(RetryPolicies.retryUpToMaximumCountWithFixedSleep(ATTEMPTS, PAUSE)).build();
    }

    @Override
    public CompletableFuture<byte[]> replicate(byte[] request) {
        return client.async().send(Message.valueOf(ByteString.copyFrom(request))).thenApply(reply -> {
            if (!reply.isSuccess()) {
                throw new CompletionException(reply.getException());
            }
            return reply.getMessage().getContent().toByteArray();
        });
    }

    /**
     * Runs on this member after a ReadIndex, since the members are configured for linearizable
     * reads. Sent unordered: the ordered read-only call went through the client's sliding window
     * with its writes and took one to two seconds a read here; linearizability comes from the
     * member's ReadIndex, not from the client's order. A read changes nothing, so one that fails
     * while the group has no leader (during an election) is tried again, as a write is.
     */
    @Override
    public CompletableFuture<byte[]> read(byte[] request) {
        return read(Message.valueOf(ByteString.copyFrom(request)), ATTEMPTS);
    }

    private CompletableFuture<byte[]> read(Message request, int attempts) {
        return client.async().sendReadOnlyUnordered(request, member).handle((reply, failure) -> {
            Throwable problem = failure != null ? failure : reply.isSuccess() ? null : reply.getException();
            if (problem == null) {
                return CompletableFuture.completedFuture(reply.getMessage().getContent().toByteArray());
            }
            if (attempts <= 1) {
                return CompletableFuture.<byte[]>failedFuture(problem);
            }
            Executor later = CompletableFuture.delayedExecutor(PAUSE.toLong(TimeUnit.MILLISECONDS), TimeUnit.MILLISECONDS);
            return CompletableFuture.supplyAsync(() -> request, later).thenCompose(again -> read(again, attempts - 1));
        }).thenCompose(answer -> answer);
    }

    @Override
    public SequencedMap<String, Object> info() {
        DivisionInfo state = division.getInfo();
        SequencedMap<String, Object> info = new LinkedHashMap<>();
        info.put("member", member.toString());
        info.put("role", state.getCurrentRole().name().toLowerCase(Locale.ROOT));
        info.put("term", state.getCurrentTerm());
        info.put("leader", state.getLeaderId() == null ? "none" : state.getLeaderId().toString());
        info.put("members", (long) division.getGroup().getPeers().size());
        info.put("commit_index", division.getRaftLog().getLastCommittedIndex());
        info.put("applied_index", state.getLastAppliedIndex());
        return info;
    }

    @Override
    public void close() throws java.io.IOException {
        client.close();
    }
}
