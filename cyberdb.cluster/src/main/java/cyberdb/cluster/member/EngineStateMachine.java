package cyberdb.cluster.member;

import cyberdb.engine.serve.ServedDatabase;
import cyberdb.net.server.ReplicatedRequests;
import java.util.concurrent.CompletableFuture;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;

/**
 * A member's engine as the state machine of the Raft group: every committed log entry is a
 * request, as the protocol encodes it, run against the engine in log order on every member, so a
 * conditional write is decided against the state it is applied to, the same everywhere. A
 * request that fails answers with its status; it never throws, since a state machine that throws
 * stops its Ratis server.
 */
public final class EngineStateMachine extends BaseStateMachine {

    private final ServedDatabase database;
    private final ReplicatedRequests requests;

    /**
     * @param database the member's engine
     */
    public EngineStateMachine(ServedDatabase database) {
        this.database = database;
        this.requests = new ReplicatedRequests(database);
    }

    /** @return the member's engine */
    public ServedDatabase database() {
        return database;
    }

    @Override
    public CompletableFuture<Message> applyTransaction(TransactionContext transaction) {
        LogEntryProto entry = transaction.getLogEntry();
        byte[] answer = requests.apply(entry.getStateMachineLogEntry().getLogData().toByteArray());
        updateLastAppliedTermIndex(entry.getTerm(), entry.getIndex());
        return CompletableFuture.completedFuture(Message.valueOf(ByteString.copyFrom(answer)));
    }
}
