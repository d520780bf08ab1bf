package cyberdb.core.view;

/**
 * Where a put leaves its key in a dict's order. The codes are part of the journal
 * and wire formats: never change one.
 */
public enum Placement {
    /** An existing key keeps its place; a new key goes last. */
    KEEP(0),
    /** The key moves to (or is inserted at) the front. */
    FIRST(1),
    /** The key moves to (or is inserted at) the end. */
    LAST(2);

    private final int code;

    Placement(int code) {
        this.code = code;
    }

    /**
     * Returns the number that stands for this placement in files and frames.
     *
     * @return the code
     */
    public int code() {
        return code;
    }

    /**
     * Finds a placement by its code.
     *
     * @param code the number read
     * @return the placement, or {@code null} if no placement has that code
     */
    public static Placement of(int code) {
        for (Placement placement : values()) {
            if (placement.code == code) {
                return placement;
            }
        }
        return null;
    }
}
