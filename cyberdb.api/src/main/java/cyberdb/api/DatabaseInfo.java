package cyberdb.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedMap;

/**
 * What a database says about itself, in sections, as Redis's {@code INFO} answers:
 * <ul>
 * <li>{@code server}: version, mode, uptime, JDK, process id, configuration;</li>
 * <li>{@code clients} (a server's only): connections open, accepted and refused, handshakes;</li>
 * <li>{@code memory}: heap used, entries, the data's estimated bytes and the memory limit;</li>
 * <li>{@code persistence}: data file, durability, journal size, the last snapshot's time and
 *     status, changes since it;</li>
 * <li>{@code replication} (a cluster member's only): its role, the term, the leader, the commit
 *     and applied indexes of the group's log;</li>
 * <li>{@code stats} (a server's only): requests, errors, failed logins, bytes;</li>
 * <li>{@code tables}: each table's {@code kind}, {@code size} and estimated {@code bytes}.</li>
 * </ul>
 * Values are {@link Long}, {@link Double}, {@link String} or {@link Boolean}, and in
 * {@code tables} a map of those. Names are in {@code snake_case}, sizes in bytes, times in
 * seconds or as ISO-8601 instants.
 *
 * @param sections the sections by name, in the order above
 */
public record DatabaseInfo(SequencedMap<String, SequencedMap<String, Object>> sections) {

    /**
     * Copies the sections, which cannot be changed afterwards.
     *
     * @param sections the sections by name
     */
    public DatabaseInfo {
        SequencedMap<String, SequencedMap<String, Object>> copy = new LinkedHashMap<>();
        for (Map.Entry<String, SequencedMap<String, Object>> section : sections.entrySet()) {
            copy.put(section.getKey(), Collections.unmodifiableSequencedMap(new LinkedHashMap<>(section.getValue())));
        }
        sections = Collections.unmodifiableSequencedMap(copy);
    }

    /**
     * Finds one section.
     *
     * @param name a section's name, such as {@code persistence}
     * @return the section, or empty if this database has none of that name
     */
    public Optional<SequencedMap<String, Object>> section(String name) {
        return Optional.ofNullable(sections.get(name));
    }
}
