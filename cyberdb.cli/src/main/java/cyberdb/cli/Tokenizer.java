package cyberdb.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command into tokens at white space, except inside a JSON string or between
 * brackets, so {@code set d k {"a": [1, 2]}} has four tokens.
 */
final class Tokenizer {

    private Tokenizer() {
    }

    static List<String> tokens(String command) {
        List<String> tokens = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        Nesting nesting = new Nesting();
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (nesting.atTopLevel() && Character.isWhitespace(c)) {
                if (!current.isEmpty()) {
                    tokens.add(current.toString());
                    current.setLength(0);
                }
                continue;
            }
            nesting.accept(c);
            current.append(c);
        }
        if (nesting.inString()) {
            throw new CommandException("unterminated string in: " + Messages.abbreviate(command.strip())
                    + "; close it with \"");
        }
        if (!current.isEmpty()) {
            tokens.add(current.toString());
        }
        return tokens;
    }
}
