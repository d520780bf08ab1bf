package cyberdb.core.value;

import cyberdb.api.CyberDBException;

/**
 * Thrown when encoded bytes do not decode to a value: a bad tag, a length beyond the data, a
 * nesting too deep. Callers turn it into the error that fits where the bytes came from (a corrupt
 * file, a malformed frame).
 */
public final class MalformedValueException extends CyberDBException {
    private static final long serialVersionUID = 1L;

    private final int position;

    /**
     * Creates the exception.
     *
     * @param problem  what is wrong
     * @param position where, as an offset into the buffer
     */
    public MalformedValueException(String problem, int position) {
        super(problem + " at byte " + position);
        this.position = position;
    }

    /**
     * Returns where in its buffer the problem was found.
     *
     * @return the offset from the start of the buffer
     */
    public int position() {
        return position;
    }
}
