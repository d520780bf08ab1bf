package cyberdb.engine.store;

import cyberdb.api.TableKind;
import java.util.List;
import java.util.Objects;

/**
 * A detached copy of one table's content in stored form: what a snapshot writes and reads.
 * For a dict, {@code keys} and {@code values} are parallel in insertion order; for a list,
 * {@code values} are the elements and {@code keys} is empty.
 *
 * @param name   the table name
 * @param kind   dict or list
 * @param keys   the dict's keys, in order
 * @param values the dict's values or the list's elements, in order
 */
public record TableImage(String name, TableKind kind, List<Object> keys, List<Object> values) {

    /**
     * Checks that the parts agree.
     *
     * @param name   the table name
     * @param kind   dict or list
     * @param keys   the keys
     * @param values the values
     */
    public TableImage {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        if (kind == TableKind.DICT ? keys.size() != values.size() : !keys.isEmpty()) {
            throw new IllegalArgumentException("A " + kind + " image with " + keys.size() + " keys and "
                    + values.size() + " values");
        }
    }
}
