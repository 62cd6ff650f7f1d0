package io.watchfloor.coverage.tracker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An interval during which an in-scope source did not report. Immutable.
 *
 * @param id deterministic id {@code sourceId@openedAtMs}, so a transition written twice is recognizable
 * @param sourceId the silent source
 * @param openedAtMs when the silence crossed {@code max_silence} (last receive + max_silence), epoch ms
 * @param closedAtMs the first receive after it opened, epoch ms, or -1 while open
 */
public record Gap(String id, String sourceId, long openedAtMs, long closedAtMs) {
    /** {@link #closedAtMs()} of an open gap. */
    public static final long OPEN = -1;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** @return a new open gap with its deterministic id */
    public static Gap open(String sourceId, long openedAtMs) {
        return new Gap(sourceId + "@" + openedAtMs, sourceId, openedAtMs, OPEN);
    }

    /** @return this gap closed at {@code closedAtMs} (never before it opened) */
    public Gap closeAt(long closedAtMs) {
        return new Gap(id, sourceId, openedAtMs, Math.max(closedAtMs, openedAtMs));
    }

    /** @return true while the gap is open */
    public boolean isOpen() {
        return closedAtMs == OPEN;
    }

    /** @return the gap's length in whole seconds, up to {@code nowMs} while open (never negative) */
    public long durationS(long nowMs) {
        final long end = isOpen() ? nowMs : closedAtMs;
        return Math.max(0, end - openedAtMs) / 1000;
    }

    /** @return the JSON the API shows: {@code id, source_id, opened_at, closed_at, duration_s, open} */
    public Map<String, Object> toApiJson(long nowMs) {
        final Map<String, Object> m = new LinkedHashMap<>(8);
        m.put("id", id);
        m.put("source_id", sourceId);
        m.put("opened_at", Instant.ofEpochMilli(openedAtMs).toString());
        m.put("closed_at", isOpen() ? null : Instant.ofEpochMilli(closedAtMs).toString());
        m.put("duration_s", durationS(nowMs));
        m.put("open", isOpen());
        return m;
    }

    /**
     * @return one coverage-journal record:
     *     {@code {"type":"opened"|"closed","id":…,"source_id":…,"opened_at_ms":…,"closed_at_ms":…}}
     */
    public String toJournalJson() {
        final ObjectNode n = JSON.createObjectNode();
        n.put("type", isOpen() ? "opened" : "closed");
        n.put("id", id);
        n.put("source_id", sourceId);
        n.put("opened_at_ms", openedAtMs);
        n.put("closed_at_ms", closedAtMs);
        return n.toString();
    }

    /**
     * Reads a record written by {@link #toJournalJson()}.
     *
     * @throws IllegalArgumentException when the text is not such a record (a corrupt journal)
     */
    public static Gap fromJournalJson(String json) {
        final JsonNode n;
        try {
            n = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("coverage journal record : not JSON (expected: a gap record)", e);
        }
        if (n == null || !n.isObject() || !n.path("id").isTextual() || !n.path("source_id").isTextual()
                || !n.path("opened_at_ms").canConvertToLong() || !n.path("closed_at_ms").canConvertToLong()) {
            throw new IllegalArgumentException("coverage journal record : " + json
                    + " (expected: id, source_id, opened_at_ms, closed_at_ms)");
        }
        return new Gap(n.get("id").asText(), n.get("source_id").asText(), n.get("opened_at_ms").asLong(),
                n.get("closed_at_ms").asLong());
    }
}
