package cyberdb.engine.command;

import cyberdb.api.TableKind;
import cyberdb.core.view.Placement;
import cyberdb.engine.store.TableImage;
import java.util.List;

/**
 * One deterministic change to the engine's state. Every mutation, whatever API asked for it,
 * is reduced under the engine's write lock to a sequence of commands that carry their effect
 * (the value a {@code merge} computed, the order a {@code sort} produced), never the code that
 * produced it. Applying the same commands in the same order to the same state gives the same
 * state, so one stream can feed the journal, a replica, or a snapshot.
 */
public sealed interface Command {

    /**
     * Creates an empty table.
     *
     * @param table the name
     * @param kind  dict or list
     */
    record CreateTable(String table, TableKind kind) implements Command {
    }

    /**
     * Deletes a table and its content.
     *
     * @param table the name
     */
    record DropTable(String table) implements Command {
    }

    /**
     * Maps a key to a value.
     *
     * @param table     the dict
     * @param key       the stored key
     * @param value     the stored value
     * @param placement where the key ends up in the order
     */
    record DictPut(String table, Object key, Object value, Placement placement) implements Command {
    }

    /**
     * Removes a key if present.
     *
     * @param table the dict
     * @param key   the stored key
     */
    record DictRemove(String table, Object key) implements Command {
    }

    /**
     * Removes every entry of a dict.
     *
     * @param table the dict
     */
    record DictClear(String table) implements Command {
    }

    /**
     * Replaces the element at an index.
     *
     * @param table the list
     * @param index a valid index
     * @param value the stored element
     */
    record ListSet(String table, int index, Object value) implements Command {
    }

    /**
     * Inserts elements at an index, shifting later ones; index {@code size} appends.
     *
     * @param table  the list
     * @param index  where the first element goes
     * @param values the stored elements
     */
    record ListInsert(String table, int index, List<Object> values) implements Command {
    }

    /**
     * Removes the element at an index.
     *
     * @param table the list
     * @param index a valid index
     */
    record ListRemove(String table, int index) implements Command {
    }

    /**
     * Replaces a list's whole content: the effect of a sort, a reverse or a clear.
     *
     * @param table  the list
     * @param values the stored elements, in their new order
     */
    record ListReplaceAll(String table, List<Object> values) implements Command {
    }

    /**
     * Replaces every table with the given ones: the effect of loading a snapshot or importing a
     * Python file while the database runs. Journaled like any other change, so writes that
     * follow it replay onto the new content.
     *
     * @param tables the new content, with distinct, valid names
     */
    record ReplaceDatabase(List<TableImage> tables) implements Command {
        /**
         * Keeps an unmodifiable copy.
         *
         * @param tables the new content
         */
        public ReplaceDatabase {
            tables = List.copyOf(tables);
        }
    }
}
