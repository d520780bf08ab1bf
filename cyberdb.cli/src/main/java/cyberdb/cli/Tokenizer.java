package cyberdb.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits shell input into commands at {@code ;} and commands into tokens at white space, except
 * inside a JSON string or between balanced brackets, so {@code set d k {"a": [1, 2]}} has
 * four tokens.
 */
final class Tokenizer {

    private Tokenizer() {
    }

    static List<String> commands(String input) {
        return split(input, true);
    }

    static List<String> tokens(String command) {
        return split(command, false);
    }

    private static List<String> split(String input, boolean atSemicolons) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < input.length(); i++) {
            char c = input.charAt(i);
            if (inString) {
                current.append(c);
                if (c == '\\' && i + 1 < input.length()) {
                    current.append(input.charAt(++i));
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            boolean separator = atSemicolons ? c == ';' || c == '\n' : Character.isWhitespace(c);
            if (separator && depth == 0) {
                flush(parts, current, atSemicolons);
                continue;
            }
            switch (c) {
                case '"' -> inString = true;
                case '[', '{' -> depth++;
                case ']', '}' -> depth = Math.max(0, depth - 1);
                default -> { }
            }
            current.append(c);
        }
        if (inString) {
            throw new IllegalArgumentException("Unterminated string in: " + input.strip());
        }
        flush(parts, current, atSemicolons);
        return parts;
    }

    private static void flush(List<String> parts, StringBuilder current, boolean keepSpaces) {
        String part = keepSpaces ? current.toString().strip() : current.toString();
        if (!part.isEmpty()) {
            parts.add(part);
        }
        current.setLength(0);
    }
}
