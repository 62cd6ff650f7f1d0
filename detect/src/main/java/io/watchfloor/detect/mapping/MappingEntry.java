package io.watchfloor.detect.mapping;

import io.watchfloor.detect.extract.MessageExtractor;
import io.watchfloor.detect.rule.LogSource;

import java.util.List;
import java.util.Map;

/**
 * One {@code mappings[]} item of a mapping file: for events of {@code logSource}, where to read each Sigma field.
 *
 * @param name a label for messages ({@code linux-sshd}); defaults to the file name and index
 * @param logSource the events it applies to; {@link LogSource#ANY} applies to every event
 * @param apps syslog APP-NAMEs (lower case) that identify {@code logSource} when a source declares none
 * @param extractor the message extractor events of {@code logSource} run, or null
 * @param prefixes tried before every Sigma field name after {@code fields}, in order
 * @param fields Sigma field name → Watchfloor field paths, in lookup order
 * @param format {@link #JSON} or {@link #SYSLOG} to apply only to events of that kind, or null for both
 */
public record MappingEntry(String name, LogSource logSource, List<String> apps, MessageExtractor extractor,
                           List<String> prefixes, Map<String, List<String>> fields, String format) {
    /** {@code format} of an entry for events received as JSON. */
    public static final String JSON = "json";
    /** {@code format} of an entry for events received as syslog. */
    public static final String SYSLOG = "syslog";

    public MappingEntry {
        apps = List.copyOf(apps);
        prefixes = List.copyOf(prefixes);
        fields = Map.copyOf(fields);
    }

    /** @return true when the entry applies to events of this kind (its {@code format}) */
    boolean accepts(boolean json) {
        return format == null || format.equals(json ? JSON : SYSLOG);
    }

    /**
     * @return true when no component of the entry's log source contradicts {@code event}'s: each is unset on one
     *     side or equal (case-insensitively)
     */
    boolean compatible(LogSource event) {
        return compatible(logSource.product(), event.product()) && compatible(logSource.service(), event.service())
                && compatible(logSource.category(), event.category());
    }

    /** @return true when the entry names a log source and {@code event} has every component it sets, equal */
    boolean names(LogSource event) {
        final LogSource l = logSource;
        if (l.product() == null && l.service() == null && l.category() == null) {
            return false;
        }
        return same(l.product(), event.product()) && same(l.service(), event.service())
                && same(l.category(), event.category());
    }

    private static boolean compatible(String entry, String event) {
        return entry == null || event == null || entry.equalsIgnoreCase(event);
    }

    private static boolean same(String entry, String event) {
        return entry == null || entry.equalsIgnoreCase(event);
    }
}
