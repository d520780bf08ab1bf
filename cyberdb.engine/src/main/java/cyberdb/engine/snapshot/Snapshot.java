package cyberdb.engine.snapshot;

import cyberdb.engine.store.TableImage;
import java.util.List;

/**
 * A loaded snapshot.
 *
 * @param id     its identity
 * @param tables its tables
 */
public record Snapshot(SnapshotId id, List<TableImage> tables) {
}
