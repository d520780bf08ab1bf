package cyberdb.cli;

/**
 * Follows shell input character by character to tell whether the next one is inside a JSON
 * string or between brackets, where white space, {@code ;} and line breaks do not separate.
 */
final class Nesting {

    private int depth;
    private boolean inString;
    private boolean escaped;

    /** Whether the next character stands outside every string and bracket. */
    boolean atTopLevel() {
        return depth == 0 && !inString;
    }

    boolean inString() {
        return inString;
    }

    /** Whether a {@code [} or {@code {} is open, outside any string. */
    boolean inBrackets() {
        return depth > 0 && !inString;
    }

    /** Takes the next character into account. */
    void accept(char c) {
        if (inString) {
            if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == '"') {
                inString = false;
            }
            return;
        }
        switch (c) {
            case '"' -> inString = true;
            case '[', '{' -> depth++;
            // A stray closing bracket is left for the JSON parser to refuse.
            case ']', '}' -> depth = Math.max(0, depth - 1);
            default -> { }
        }
    }
}
