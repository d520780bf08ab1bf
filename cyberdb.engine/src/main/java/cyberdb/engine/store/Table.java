package cyberdb.engine.store;

import cyberdb.api.TableKind;

/** A named table held by the {@link Engine}. */
public sealed interface Table permits DictTable, ListTable {

    /**
     * Returns the table's name.
     *
     * @return the name
     */
    String name();

    /**
     * Returns whether this is a dict or a list.
     *
     * @return the kind
     */
    TableKind kind();

    /**
     * Returns the number of entries or elements.
     *
     * @return the size
     */
    int size();

    /**
     * Estimates the heap the table takes with its content, as the memory limit counts it.
     *
     * @return bytes; read by the writer, or by others as a recent estimate
     */
    long footprint();

    /**
     * Copies the content; called with the engine's write lock held, so the copy is consistent
     * with every other table's.
     *
     * @return a detached image
     */
    TableImage image();
}
