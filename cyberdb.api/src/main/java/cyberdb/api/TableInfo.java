package cyberdb.api;

import java.util.Objects;

/**
 * A table's name and kind, as listed by {@link CyberProxy#tables()}.
 *
 * @param name the table name
 * @param kind whether it is a dict or a list
 */
public record TableInfo(String name, TableKind kind) {
    /**
     * Checks the components.
     *
     * @param name the table name
     * @param kind the table kind
     */
    public TableInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
    }
}
