package io.watchfloor.coverage.tracker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * A retired source that sends again ({@code RETIRED_SOURCE_ACTIVE}): one per re-activation, i.e. per first event
 * after its retirement or after a silence longer than its {@code max_silence}. A coverage-journal record, so it is
 * raised once across restarts. Immutable.
 *
 * @param sourceId the retired source
 * @param activeSinceMs receive time of the event that re-activated it, epoch ms
 * @param alertedAtMs when the tracker raised it, epoch ms
 */
public record RetiredSourceActivity(String sourceId, long activeSinceMs, long alertedAtMs) {
    /** The journal record's {@code type}. */
    public static final String JOURNAL_TYPE = "retired_source_active";
    /** The alert kind ({@code rule.id}) it is raised as. */
    public static final String ALERT_KIND = "coverage.retired_source_active";
    private static final ObjectMapper JSON = new ObjectMapper();

    public RetiredSourceActivity {
        Objects.requireNonNull(sourceId, "sourceId");
    }

    /**
     * @return one coverage-journal record:
     *     {@code {"type":"retired_source_active","source_id":…,"active_since_ms":…,"alerted_at_ms":…}}
     */
    public String toJournalJson() {
        final ObjectNode n = JSON.createObjectNode();
        n.put("type", JOURNAL_TYPE);
        n.put("source_id", sourceId);
        n.put("active_since_ms", activeSinceMs);
        n.put("alerted_at_ms", alertedAtMs);
        return n.toString();
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
    public static RetiredSourceActivity fromJournalJson(String json) {
        final JsonNode n = JournalJson.parse(json, "a retired-source record");
        if (n == null || !n.isObject() || !JOURNAL_TYPE.equals(n.path("type").asText())
                || !n.path("source_id").isTextual() || !n.path("active_since_ms").canConvertToLong()
                || !n.path("alerted_at_ms").canConvertToLong()) {
            throw new IllegalArgumentException("coverage journal record : " + json
                    + " (expected: type retired_source_active, source_id, active_since_ms, alerted_at_ms)");
        }
        return new RetiredSourceActivity(n.get("source_id").asText(), n.get("active_since_ms").asLong(),
                n.get("alerted_at_ms").asLong());
    }
}
