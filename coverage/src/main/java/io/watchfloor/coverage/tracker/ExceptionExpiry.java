package io.watchfloor.coverage.tracker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * The expiry of an inventory exception, as the tracker saw it on the first tick at or after it; a coverage-journal
 * record, so it is announced once across restarts. Immutable.
 *
 * @param exceptionId the {@link io.watchfloor.coverage.inventory.ExceptionGrant#id()} that expired
 * @param sourceId its source
 * @param expiredAtMs the exception's expiry, epoch ms
 * @param gapId the gap that opened at the expiry because the source was silent, or null when it was not
 */
public record ExceptionExpiry(String exceptionId, String sourceId, long expiredAtMs, String gapId) {
    /** The journal record's {@code type}. */
    public static final String JOURNAL_TYPE = "exception_expired";
    private static final ObjectMapper JSON = new ObjectMapper();

    public ExceptionExpiry {
        Objects.requireNonNull(exceptionId, "exceptionId");
        Objects.requireNonNull(sourceId, "sourceId");
    }

    /**
     * @return one coverage-journal record:
     *     {@code {"type":"exception_expired","exception_id":…,"source_id":…,"expired_at_ms":…,"gap_id":…|null}}
     */
    public String toJournalJson() {
        final ObjectNode n = JSON.createObjectNode();
        n.put("type", JOURNAL_TYPE);
        n.put("exception_id", exceptionId);
        n.put("source_id", sourceId);
        n.put("expired_at_ms", expiredAtMs);
        n.put("gap_id", gapId);
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
    public static ExceptionExpiry fromJournalJson(String json) {
        final JsonNode n = JournalJson.parse(json, "an expiry record");
        if (n == null || !n.isObject() || !JOURNAL_TYPE.equals(n.path("type").asText())
                || !n.path("exception_id").isTextual() || !n.path("source_id").isTextual()
                || !n.path("expired_at_ms").canConvertToLong()) {
            throw new IllegalArgumentException("coverage journal record : " + json
                    + " (expected: type exception_expired, exception_id, source_id, expired_at_ms)");
        }
        final JsonNode gap = n.path("gap_id");
        return new ExceptionExpiry(n.get("exception_id").asText(), n.get("source_id").asText(),
                n.get("expired_at_ms").asLong(), gap.isTextual() ? gap.asText() : null);
    }
}
