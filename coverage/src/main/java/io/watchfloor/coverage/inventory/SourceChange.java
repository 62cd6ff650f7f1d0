package io.watchfloor.coverage.inventory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One lifecycle change of the inventory made through the API: a source added, changed or retired, by whom, when,
 * with the source before and after. A coverage-journal record, so a restart (the YAML inventory plus every change
 * in journal order) comes back to the same inventory. Immutable.
 *
 * @param action what was done
 * @param before the source before the change, or null for {@link Action#ADD}
 * @param after the source after the change
 * @param actor who made it (the API's {@code X-Watchfloor-Actor})
 * @param atMs when it took effect, epoch ms
 */
public record SourceChange(Action action, Source before, Source after, String actor, long atMs) {
    /** The journal record's {@code type}. */
    public static final String JOURNAL_TYPE = "source_change";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a change did. */
    public enum Action {
        /** A new source ({@code POST /api/sources}). */
        ADD,
        /** A new version of a source ({@code PUT /api/sources/{id}}). */
        CHANGE,
        /** A source retired ({@code DELETE /api/sources/{id}}). */
        RETIRE;

        /** @return the name used in JSON ({@code add}, {@code change}, {@code retire}) */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** @return the action named {@code id}, or null */
        public static Action ofId(String id) {
            for (Action a : values()) {
                if (a.id().equals(id)) {
                    return a;
                }
            }
            return null;
        }
    }

    public SourceChange {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(actor, "actor");
        if ((action == Action.ADD) != (before == null)) {
            throw new IllegalArgumentException("before : " + before + " (expected: null exactly for an add)");
        }
        if (before != null && !before.id().equals(after.id())) {
            throw new IllegalArgumentException("after.id : " + after.id() + " (expected: " + before.id() + ")");
        }
    }

    /** @return the id of the source changed */
    public String sourceId() {
        return after.id();
    }

    /**
     * @return the change as the API shows it: {@code action, source_id, actor, at, before, after} (the sources as
     *     {@link SourceDocument#toMap})
     */
    public Map<String, Object> toJson() {
        final Map<String, Object> m = new LinkedHashMap<>(8);
        m.put("action", action.id());
        m.put("source_id", sourceId());
        m.put("actor", actor);
        m.put("at", Instant.ofEpochMilli(atMs).toString());
        m.put("before", before == null ? null : SourceDocument.toMap(before));
        m.put("after", SourceDocument.toMap(after));
        return m;
    }

    /**
     * @return one coverage-journal record: {@code {"type":"source_change","action":…,"source_id":…,"actor":…,
     *     "at_ms":…,"before":{…}|null,"after":{…}}}
     */
    public String toJournalJson() {
        final Map<String, Object> m = new LinkedHashMap<>(8);
        m.put("type", JOURNAL_TYPE);
        m.put("action", action.id());
        m.put("source_id", sourceId());
        m.put("actor", actor);
        m.put("at_ms", atMs);
        m.put("before", before == null ? null : SourceDocument.toMap(before));
        m.put("after", SourceDocument.toMap(after));
        try {
            return JSON.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("source change is not serializable: " + e.getMessage(), e);
        }
    }

    /** @return true when {@code json} is a record written by {@link #toJournalJson()} (a cheap prefix test) */
    public static boolean isJournalRecord(String json) {
        return json.startsWith("{\"type\":\"" + JOURNAL_TYPE + "\"");
    }

    /**
     * Reads a record written by {@link #toJournalJson()}, validating both sources as the loader does; their
     * indexes are 0 ({@link Inventory#withSource} places them).
     *
     * @throws IllegalArgumentException when the text is not such a record (a corrupt journal)
     */
    public static SourceChange fromJournalJson(String json) {
        final Map<?, ?> m;
        try {
            m = JSON.readValue(json, Map.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("coverage journal record : not JSON (expected: a source change)", e);
        }
        final Action action = m.get("action") instanceof String ? Action.ofId((String) m.get("action")) : null;
        if (action == null || !(m.get("actor") instanceof String) || !(m.get("at_ms") instanceof Number)) {
            throw new IllegalArgumentException("coverage journal record : " + json
                    + " (expected: type source_change, action, actor, at_ms, before, after)");
        }
        final Source after = source(m.get("after"), json, "after");
        final Source before = m.get("before") == null ? null : source(m.get("before"), json, "before");
        return new SourceChange(action, before, after, (String) m.get("actor"), ((Number) m.get("at_ms")).longValue());
    }

    private static Source source(Object node, String json, String key) {
        final SourceDocument.Parsed p = SourceDocument.parse(node, 0, null);
        if (!p.ok()) {
            final List<String> problems = p.errors().stream().map(e -> e.yamlPath() + ": " + e.message()).toList();
            throw new IllegalArgumentException("coverage journal record " + key + " : " + problems + " in " + json
                    + " (expected: a valid source)");
        }
        return p.source();
    }
}
