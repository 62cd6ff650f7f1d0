package io.watchfloor.coverage.inventory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One entry of the audit trail of maintenance windows and exceptions: created, edited or deleted (found so in
 * {@code inventory.yaml} at a start, see {@link HoldAudit}), or an exception expired; by whom, when, with the
 * document before and after. A coverage-journal record that the tracker skips: it is evidence, not state.
 * Immutable.
 *
 * @param kind a maintenance window or an exception
 * @param action what happened
 * @param id the window's or exception's id
 * @param actor who did it: the file the change was read from, or {@link #SYSTEM_ACTOR} for an expiry
 * @param atMs when it was recorded (the start that found it, or the expiry), epoch ms
 * @param before the document before ({@link HoldDocuments}), or null for a create
 * @param after the document after, or null for a delete
 */
public record HoldChange(Kind kind, Action action, String id, String actor, long atMs, Map<String, Object> before,
                         Map<String, Object> after) {
    /** The journal record's {@code type}. */
    public static final String JOURNAL_TYPE = "hold_change";
    /** The actor of what Watchfloor itself records (an expiry). */
    public static final String SYSTEM_ACTOR = "watchfloor";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What is changed. */
    public enum Kind {
        /** An entry of {@code maintenance_windows}. */
        MAINTENANCE_WINDOW,
        /** An entry of {@code exceptions}. */
        EXCEPTION;

        /** @return the name used in JSON ({@code maintenance_window}, {@code exception}) */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What happened to it. */
    public enum Action {
        /** It appeared. */
        CREATE,
        /** Its document changed. */
        EDIT,
        /** It disappeared. */
        DELETE,
        /** An exception reached its expiry. */
        EXPIRE;

        /** @return the name used in JSON ({@code create}, {@code edit}, {@code delete}, {@code expire}) */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public HoldChange {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(actor, "actor");
        if ((before == null && action != Action.CREATE) || (after == null && action != Action.DELETE)) {
            throw new IllegalArgumentException("hold change " + id + " : " + action.id()
                    + " (expected: before unless create, after unless delete)");
        }
        before = before == null ? null : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(before));
        after = after == null ? null : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(after));
    }

    /** @return the expiry of {@code x}: before and after are its document, marked {@code in_force} and {@code expired} */
    public static HoldChange expiry(ExceptionGrant x) {
        final Map<String, Object> before = new LinkedHashMap<>(HoldDocuments.toMap(x));
        before.put("status", "in_force");
        final Map<String, Object> after = new LinkedHashMap<>(HoldDocuments.toMap(x));
        after.put("status", "expired");
        return new HoldChange(Kind.EXCEPTION, Action.EXPIRE, x.id(), SYSTEM_ACTOR, x.expiryMs(), before, after);
    }

    /**
     * @return one coverage-journal record: {@code {"type":"hold_change","kind":…,"action":…,"id":…,"actor":…,
     *     "at_ms":…,"before":{…}|null,"after":{…}|null}}
     */
    public String toJournalJson() {
        final Map<String, Object> m = new LinkedHashMap<>(8);
        m.put("type", JOURNAL_TYPE);
        m.put("kind", kind.id());
        m.put("action", action.id());
        m.put("id", id);
        m.put("actor", actor);
        m.put("at_ms", atMs);
        m.put("before", before);
        m.put("after", after);
        try {
            return JSON.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("hold change is not serializable: " + e.getMessage(), e);
        }
    }

    /** @return the change as the API would show it: the journal record without {@code type}, {@code at} in ISO-8601 */
    public Map<String, Object> toJson() {
        final Map<String, Object> m = new LinkedHashMap<>(8);
        m.put("kind", kind.id());
        m.put("action", action.id());
        m.put("id", id);
        m.put("actor", actor);
        m.put("at", Instant.ofEpochMilli(atMs).toString());
        m.put("before", before);
        m.put("after", after);
        return m;
    }

    /** @return true when {@code json} is a record written by {@link #toJournalJson()} (a cheap prefix test) */
    public static boolean isJournalRecord(String json) {
        return json.startsWith("{\"type\":\"" + JOURNAL_TYPE + "\"");
    }

    /**
     * Reads a record written by {@link #toJournalJson()}.
     *
     * @throws IllegalArgumentException when the text is not such a record (a corrupt journal)
     */
    @SuppressWarnings("unchecked")
    public static HoldChange fromJournalJson(String json) {
        final Map<String, Object> m;
        try {
            m = JSON.readValue(json, Map.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("coverage journal record : not JSON (expected: a hold change)", e);
        }
        final Kind kind = enumOf(Kind.values(), m.get("kind"));
        final Action action = enumOf(Action.values(), m.get("action"));
        final Object before = m.get("before");
        final Object after = m.get("after");
        if (kind == null || action == null || !(m.get("id") instanceof String) || !(m.get("actor") instanceof String)
                || !(m.get("at_ms") instanceof Number) || (before != null && !(before instanceof Map))
                || (after != null && !(after instanceof Map))) {
            throw new IllegalArgumentException("coverage journal record : " + json
                    + " (expected: type hold_change, kind, action, id, actor, at_ms, before, after)");
        }
        return new HoldChange(kind, action, (String) m.get("id"), (String) m.get("actor"),
                ((Number) m.get("at_ms")).longValue(), (Map<String, Object>) before, (Map<String, Object>) after);
    }

    private static <E extends Enum<E>> E enumOf(E[] values, Object id) {
        for (E e : values) {
            if (e.name().toLowerCase(Locale.ROOT).equals(id)) {
                return e;
            }
        }
        return null;
    }
}
