package cyberdb.engine.snapshot;

import java.security.SecureRandom;

/**
 * Identifies one snapshot file's content: its creation time and a random nonce from its header.
 * A journal names the snapshot it continues, so start-up replays only what the snapshot lacks.
 *
 * @param created milliseconds since the epoch when it was taken
 * @param nonce   random, so two snapshots in the same millisecond differ
 */
public record SnapshotId(long created, int nonce) {

    /** Stands for "no snapshot yet": a journal that starts from an empty database. */
    public static final SnapshotId NONE = new SnapshotId(0, 0);

    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * Makes the identity of a snapshot about to be taken.
     *
     * @return a new id
     */
    public static SnapshotId fresh() {
        int nonce;
        do {
            nonce = RANDOM.nextInt();
        } while (nonce == 0);
        return new SnapshotId(System.currentTimeMillis(), nonce);
    }

    @Override
    public String toString() {
        return this.equals(NONE) ? "none" : created + "/" + Integer.toHexString(nonce);
    }
}
