package io.watchfloor.detect.alert;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One alert: the rule (or coverage transition) that raised it and a reference to the event. Immutable.
 *
 * @param timestampMs the event's receive time, epoch milliseconds ({@code @timestamp})
 * @param createdMs when the alert was raised, epoch milliseconds ({@code event.created})
 * @param ruleId {@code rule.id}: the Sigma rule id, or the coverage kind ({@link #GAP_OPENED}/{@link #GAP_CLOSED})
 * @param ruleName {@code rule.name}: the rule title
 * @param ruleLevel {@code rule.level}: informational, low, medium, high or critical
 * @param ruleDescription {@code rule.description}, or null
 * @param ruleAuthor {@code rule.author}, or null
 * @param tags {@code tags}: ATT&amp;CK and other rule tags
 * @param hostName {@code host.name}, or null
 * @param sourceId {@code watchfloor.source_id}: the inventory source, or null when unmanaged
 * @param journalIndex {@code watchfloor.journal_index}: the event's journal index, or -1 when there is none
 * @param message {@code message}: the event's message (or the coverage text), or null
 * @param matched {@code detection.matched}: names of the selections found true; empty when not applicable
 * @param correlationGroup {@code correlation.group}: group-by field → value of a correlation alert; empty otherwise
 * @param correlationEvents {@code correlation.events}: journal indexes of the events that made a correlation alert
 *     (bounded, ascending); empty for other alerts
 * @param matchedFields {@code detection.fields}: field → value the matched selections read in the event ("why did
 *     this fire"), bounded in count and value length by the engine; empty when not applicable
 */
public record Alert(long timestampMs, long createdMs, String ruleId, String ruleName, String ruleLevel,
                    String ruleDescription, String ruleAuthor, List<String> tags, String hostName, String sourceId,
                    long journalIndex, String message, List<String> matched, Map<String, String> correlationGroup,
                    List<Long> correlationEvents, Map<String, String> matchedFields) {
    /** Coverage kind of a gap that opened. */
    public static final String GAP_OPENED = "coverage.gap.opened";
    /** Coverage kind of a gap that closed. */
    public static final String GAP_CLOSED = "coverage.gap.closed";

    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** Copies the collections so the record stays immutable. */
    public Alert {
        tags = tags == null ? List.of() : List.copyOf(tags);
        matched = matched == null ? List.of() : List.copyOf(matched);
        correlationGroup = correlationGroup == null || correlationGroup.isEmpty() ? Map.of()
                : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(correlationGroup));
        correlationEvents = correlationEvents == null ? List.of() : List.copyOf(correlationEvents);
        matchedFields = matchedFields == null || matchedFields.isEmpty() ? Map.of()
                : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(matchedFields));
    }

    /** An alert without matched field values (correlation alerts, and callers that do not explain). */
    public Alert(long timestampMs, long createdMs, String ruleId, String ruleName, String ruleLevel,
                 String ruleDescription, String ruleAuthor, List<String> tags, String hostName, String sourceId,
                 long journalIndex, String message, List<String> matched, Map<String, String> correlationGroup,
                 List<Long> correlationEvents) {
        this(timestampMs, createdMs, ruleId, ruleName, ruleLevel, ruleDescription, ruleAuthor, tags, hostName,
                sourceId, journalIndex, message, matched, correlationGroup, correlationEvents, Map.of());
    }

    /** An alert of a detection rule or coverage transition: no correlation group or events. */
    public Alert(long timestampMs, long createdMs, String ruleId, String ruleName, String ruleLevel,
                 String ruleDescription, String ruleAuthor, List<String> tags, String hostName, String sourceId,
                 long journalIndex, String message, List<String> matched) {
        this(timestampMs, createdMs, ruleId, ruleName, ruleLevel, ruleDescription, ruleAuthor, tags, hostName,
                sourceId, journalIndex, message, matched, Map.of(), List.of(), Map.of());
    }

    /**
     * Builds a coverage alert so the coverage stage can raise gaps through the same sinks as rules.
     *
     * @param kind {@link #GAP_OPENED} or {@link #GAP_CLOSED} (any other kind is used as given)
     * @param atMs when the transition happened, epoch milliseconds ({@code @timestamp})
     * @param createdMs when the alert was raised ({@code event.created}); later than {@code atMs} when a gap is
     *     found on a tick after its deadline, e.g. after a restart
     * @param level the alert level, typically from the source's criticality
     */
    public static Alert coverage(String kind, String sourceId, String hostName, long atMs, long createdMs,
                                 String message, String level) {
        final String name;
        if (GAP_OPENED.equals(kind)) {
            name = "Coverage gap opened";
        } else if (GAP_CLOSED.equals(kind)) {
            name = "Coverage gap closed";
        } else {
            name = kind;
        }
        return new Alert(atMs, createdMs, kind, name, level, null, "Watchfloor", List.of("watchfloor.coverage"),
                hostName, sourceId, -1, message, List.of());
    }

    /** @return epoch milliseconds as ISO-8601 UTC with milliseconds, e.g. {@code 2024-05-01T12:00:00.000Z} */
    public static String isoMillis(long epochMs) {
        return ISO_MILLIS.format(Instant.ofEpochMilli(epochMs));
    }

    /**
     * @return the alert as flat ECS-style keys, in this order: {@code @timestamp event.kind rule.id rule.name
     *     rule.level tags host.name watchfloor.source_id watchfloor.journal_index message}, then
     *     {@code rule.description rule.author event.created detection.matched detection.fields correlation.group
     *     correlation.events}
     *     when present
     */
    public Map<String, Object> toEcs() {
        final Map<String, Object> m = new LinkedHashMap<>(24);
        m.put("@timestamp", isoMillis(timestampMs));
        m.put("event.kind", "alert");
        m.put("rule.id", ruleId);
        m.put("rule.name", ruleName);
        m.put("rule.level", ruleLevel);
        m.put("tags", tags);
        m.put("host.name", hostName);
        m.put("watchfloor.source_id", sourceId);
        m.put("watchfloor.journal_index", journalIndex < 0 ? null : journalIndex);
        m.put("message", message);
        if (ruleDescription != null) {
            m.put("rule.description", ruleDescription);
        }
        if (ruleAuthor != null) {
            m.put("rule.author", ruleAuthor);
        }
        m.put("event.created", isoMillis(createdMs));
        if (!matched.isEmpty()) {
            m.put("detection.matched", matched);
        }
        if (!matchedFields.isEmpty()) {
            m.put("detection.fields", matchedFields);
        }
        if (!correlationGroup.isEmpty()) {
            m.put("correlation.group", correlationGroup);
        }
        if (!correlationEvents.isEmpty()) {
            m.put("correlation.events", correlationEvents);
        }
        return m;
    }
}
