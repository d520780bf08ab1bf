package cyberdb.cli;

import cyberdb.api.TableInfo;
import cyberdb.api.TableKind;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Tab completion at the interactive shell: a command's name, then a table's name where the
 * command takes one (only dicts for incr, only lists for push and pop), and dict or list after
 * create. Names that need quotes to be typed are offered quoted.
 */
final class ShellCompletion implements Completer {

    private final Supplier<List<TableInfo>> tables;

    /**
     * Creates the completer.
     *
     * @param tables lists the tables each time a name is completed, so new ones are offered
     */
    ShellCompletion(Supplier<List<TableInfo>> tables) {
        this.tables = tables;
    }

    /**
     * Returns what may be typed as the next word of a command.
     *
     * @param before the command's words before the one being completed
     * @return the candidates, in the order offered
     */
    List<String> candidates(List<String> before) {
        if (before.isEmpty()) {
            return Shell.COMMANDS;
        }
        if (before.size() > 1) {
            return List.of();
        }
        return switch (before.getFirst().toLowerCase(Locale.ROOT)) {
            case "create" -> List.of("dict", "list");
            case "drop", "len", "show", "get", "set", "del" -> names(null);
            case "incr" -> names(TableKind.DICT);
            case "push", "pop" -> names(TableKind.LIST);
            default -> List.of();
        };
    }

    private List<String> names(TableKind only) {
        return tables.get().stream().filter(t -> only == null || t.kind() == only).map(t -> Shell.typed(t.name())).toList();
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        List<String> before = line.words().subList(0, line.wordIndex());
        int command = 0;
        for (int i = 0; i < before.size(); i++) {
            if (before.get(i).endsWith(";")) {
                command = i + 1;
            }
        }
        candidates(before.subList(command, before.size())).forEach(word -> candidates.add(new Candidate(word)));
    }
}
