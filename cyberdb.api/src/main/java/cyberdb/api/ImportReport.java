package cyberdb.api;

import java.util.List;

/**
 * What {@link EmbeddedClient#importPython(java.nio.file.Path)} brought over from a Python
 * CyberDB file.
 *
 * @param tables  the tables imported, sorted by name
 * @param entries the number of dict entries and list elements imported, in all
 * @param skipped one line for each table or entry left behind, saying why
 */
public record ImportReport(List<TableInfo> tables, long entries, List<String> skipped) {

    /**
     * Copies the lists.
     *
     * @param tables  the tables imported
     * @param entries the entries imported
     * @param skipped what was left behind
     */
    public ImportReport {
        tables = List.copyOf(tables);
        skipped = List.copyOf(skipped);
    }
}
