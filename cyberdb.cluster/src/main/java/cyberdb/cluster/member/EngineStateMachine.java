package cyberdb.cluster.member;

import cyberdb.engine.serve.ServedDatabase;
import cyberdb.net.server.ReplicatedRequests;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.io.MD5Hash;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.raftlog.RaftLog;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.MD5FileUtil;

/**
 * A member's engine as the state machine of the Raft group: every committed log entry is a
 * request, as the protocol encodes it, run against the engine in log order on every member, so a
 * conditional write is decided against the state it is applied to, the same everywhere. A
 * request that fails answers with its status; it never throws, since a state machine that throws
 * stops its Ratis server.
 *
 * <p>Snapshots are the engine's image in the {@code .cdb} format, in files Ratis's storage names
 * by term and index: a member that starts again loads the latest and replays the log after it,
 * and Ratis sends the file to a member that fell behind what the log still holds.
 */
public final class EngineStateMachine extends BaseStateMachine {

    private final ServedDatabase database;
    private final ReplicatedRequests requests;
    private final SimpleStateMachineStorage storage = new SimpleStateMachineStorage();

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
    public void initialize(RaftServer server, RaftGroupId group, RaftStorage raftStorage) throws IOException {
        super.initialize(server, group, raftStorage);
        storage.init(raftStorage);
        loadLatestSnapshot();
    }

    @Override
    public void reinitialize() throws IOException {
        loadLatestSnapshot();
    }

    @Override
    public StateMachineStorage getStateMachineStorage() {
        return storage;
    }

    /** The engine becomes the latest snapshot's image, and the log goes on after its index. */
    private void loadLatestSnapshot() throws IOException {
        SingleFileSnapshotInfo snapshot = storage.loadLatestSnapshot();
        if (snapshot == null) {
            return;
        }
        try {
            database.loadImage(snapshot.getFile().getPath());
        } catch (RuntimeException unreadable) {
            throw new IOException("Cannot load the snapshot " + snapshot.getFile().getPath() + ": "
                    + unreadable.getMessage(), unreadable);
        }
        setLastAppliedTermIndex(snapshot.getTermIndex());
    }

    /**
     * Writes the engine's image as of the last applied entry. Ratis calls this on the thread that
     * applies entries, so none is applied meanwhile and the image is the state at that index.
     */
    @Override
    public long takeSnapshot() {
        TermIndex last = getLastAppliedTermIndex();
        if (last == null || last.getIndex() < 0) {
            return RaftLog.INVALID_LOG_INDEX;
        }
        Path file = storage.getSnapshotFile(last.getTerm(), last.getIndex()).toPath();
        database.saveImage(file);
        // The digest lets a member that receives this file check it; the storage then offers it.
        MD5Hash digest = MD5FileUtil.computeAndSaveMd5ForFile(file.toFile());
        storage.updateLatestSnapshot(new SingleFileSnapshotInfo(new FileInfo(file, digest), last));
        return last.getIndex();
    }

    /** A read of the data, which Ratis runs here once this member applied what was acknowledged. */
    @Override
    public CompletableFuture<Message> query(Message request) {
        byte[] answer = requests.read(request.getContent().toByteArray());
        return CompletableFuture.completedFuture(Message.valueOf(ByteString.copyFrom(answer)));
    }

    @Override
    public CompletableFuture<Message> applyTransaction(TransactionContext transaction) {
        LogEntryProto entry = transaction.getLogEntry();
        byte[] answer = requests.apply(entry.getStateMachineLogEntry().getLogData().toByteArray());
        updateLastAppliedTermIndex(entry.getTerm(), entry.getIndex());
        return CompletableFuture.completedFuture(Message.valueOf(ByteString.copyFrom(answer)));
    }
}
