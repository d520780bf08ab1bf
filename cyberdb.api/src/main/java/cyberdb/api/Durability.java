package cyberdb.api;

import java.util.Locale;

/**
 * How much of what a database acknowledged survives a crash, for databases kept in a file. Every
 * mode but {@link #SNAPSHOT_ONLY} appends each change to a journal beside the snapshot
 * ({@code NAME.journal}) before acknowledging it, and replays it at start-up; they differ in
 * when the journal is forced to disk, as Redis's {@code appendfsync} does.
 */
public enum Durability {

    /**
     * No journal: what changed since the last snapshot is lost in a crash, as with the original
     * CyberDB.
     */
    SNAPSHOT_ONLY,

    /** Journal, never forced: a process crash loses nothing, a power cut what the OS had not written. */
    JOURNAL_NO_FSYNC,

    /** Journal, forced every second: at most about a second of acknowledged writes at risk. The default. */
    JOURNAL_FSYNC_EVERY_SECOND,

    /**
     * Journal, forced before every acknowledgement, with concurrent writers sharing each force:
     * nothing acknowledged is ever lost.
     */
    JOURNAL_FSYNC_ALWAYS;

    /**
     * Reads the names used in configuration and on the command line: {@code off}, {@code none},
     * {@code everysec}, {@code always}.
     *
     * @param name the name
     * @return the mode
     * @throws IllegalArgumentException for any other name
     */
    public static Durability fromName(String name) {
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "off", "snapshot", "snapshot-only" -> SNAPSHOT_ONLY;
            case "none", "no" -> JOURNAL_NO_FSYNC;
            case "everysec", "every-second" -> JOURNAL_FSYNC_EVERY_SECOND;
            case "always" -> JOURNAL_FSYNC_ALWAYS;
            default -> throw new IllegalArgumentException("Unknown durability '" + name
                    + "'; use off (snapshots only), none, everysec or always");
        };
    }
}
