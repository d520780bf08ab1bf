package cyberdb.api;

/** The two shapes a table can have. */
public enum TableKind {
    /** An insertion-ordered map: {@link CyberDict}. */
    DICT,
    /** A sequence: {@link CyberList}. */
    LIST
}
