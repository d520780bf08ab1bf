package cyberdb.core.view;

import java.util.List;

/**
 * A consistent copy of a list and its version, which changes with every mutation.
 *
 * @param version  the version when copied
 * @param elements the stored elements
 */
public record VersionedList(long version, List<Object> elements) {
}
