package io.watchfloor.coverage.tracker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One gap-ledger record: an interval during which an in-scope source did not give the coverage it should.
 * Immutable.
 *
 * @param id deterministic id, so a transition written twice is recognizable: {@code sourceId@openedAtMs} for a
 *     {@link GapType#SILENT} gap (the first issue's format), {@code sourceId@openedAtMs/type} for the others
 * @param sourceId the source
 * @param openedAtMs when the gap began (e.g. last receive + max_silence), epoch ms
 * @param closedAtMs when it ended (e.g. the first receive after it opened), epoch ms, or -1 while open
 * @param type why it is open
 * @param alertedAtMs when the tracker raised it (the tick that opened it), epoch ms, or -1 when unknown (gaps
 *     journaled before the ledger kept it)
 * @param reason why it opened late ({@link GapReason#EXCEPTION_EXPIRED}, {@link GapReason#MAINTENANCE_OVERRUN}),
 *     or what a partial gap found ({@link GapReason#VOLUME_DROP}, {@link GapReason#REQUIRED_MISSING},
 *     {@link GapReason#PARSE_FAILURES}), or null for a gap opened the ordinary way
 * @param detail what a partial gap found in numbers (missing values, parse-failure rate, count and bound), or null
 */
public record Gap(String id, String sourceId, long openedAtMs, long closedAtMs, GapType type, long alertedAtMs,
                  GapReason reason, GapDetail detail) {
    /** {@link #closedAtMs()} of an open gap. */
    public static final long OPEN = -1;
    /** {@link #alertedAtMs()} when not known. */
    public static final long UNKNOWN = -1;

    private static final ObjectMapper JSON = new ObjectMapper();

    public Gap {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(type, "type");
    }

    /** A gap without detail. */
    public Gap(String id, String sourceId, long openedAtMs, long closedAtMs, GapType type, long alertedAtMs,
               GapReason reason) {
        this(id, sourceId, openedAtMs, closedAtMs, type, alertedAtMs, reason, null);
    }

    /** A gap without a reason (opened the ordinary way). */
    public Gap(String id, String sourceId, long openedAtMs, long closedAtMs, GapType type, long alertedAtMs) {
        this(id, sourceId, openedAtMs, closedAtMs, type, alertedAtMs, null);
    }

    /** A {@link GapType#SILENT} gap whose alert time is unknown (the first issue's record). */
    public Gap(String id, String sourceId, long openedAtMs, long closedAtMs) {
        this(id, sourceId, openedAtMs, closedAtMs, GapType.SILENT, UNKNOWN);
    }

    /** @return a new open {@link GapType#SILENT} gap with its deterministic id and an unknown alert time */
    public static Gap open(String sourceId, long openedAtMs) {
        return open(sourceId, GapType.SILENT, openedAtMs, UNKNOWN);
    }

    /** @return a new open gap of {@code type} with its deterministic id ({@link #idOf}) */
    public static Gap open(String sourceId, GapType type, long openedAtMs, long alertedAtMs) {
        return open(sourceId, type, openedAtMs, alertedAtMs, null);
    }

    /** @return a new open gap of {@code type} with its deterministic id ({@link #idOf}) and a reason (or null) */
    public static Gap open(String sourceId, GapType type, long openedAtMs, long alertedAtMs, GapReason reason) {
        return open(sourceId, type, openedAtMs, alertedAtMs, reason, null);
    }

    /** @return a new open gap of {@code type} with its deterministic id, a reason and a detail (each or null) */
    public static Gap open(String sourceId, GapType type, long openedAtMs, long alertedAtMs, GapReason reason,
                           GapDetail detail) {
        return new Gap(idOf(sourceId, type, openedAtMs), sourceId, openedAtMs, OPEN, type, alertedAtMs, reason,
                detail);
    }

    /** @return the deterministic id of a gap: {@code sourceId@openedAtMs}, plus {@code /type} unless SILENT */
    public static String idOf(String sourceId, GapType type, long openedAtMs) {
        final String base = sourceId + "@" + openedAtMs;
        return type == GapType.SILENT ? base : base + "/" + type.id();
    }

    /** @return this gap closed at {@code closedAtMs} (never before it opened) */
    public Gap closeAt(long closedAtMs) {
        return new Gap(id, sourceId, openedAtMs, Math.max(closedAtMs, openedAtMs), type, alertedAtMs,
                reason, detail);
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

    /**
     * @return true when the gap overlaps the period {@code [fromMs, toMs]}; a null bound is open-ended
     */
    public boolean overlaps(Long fromMs, Long toMs) {
        if (toMs != null && openedAtMs > toMs) {
            return false;
        }
        return fromMs == null || isOpen() || closedAtMs >= fromMs;
    }

    /**
     * @return the JSON the API shows: {@code id, source_id, type, opened_at, alerted_at, closed_at, duration_s,
     *     open, reason, detail} ({@code reason} null unless the gap opened late or is partial, {@code detail} null
     *     unless it is partial)
     */
    public Map<String, Object> toApiJson(long nowMs) {
        final Map<String, Object> m = new LinkedHashMap<>(12);
        m.put("id", id);
        m.put("source_id", sourceId);
        m.put("type", type.id());
        m.put("opened_at", Instant.ofEpochMilli(openedAtMs).toString());
        m.put("alerted_at", alertedAtMs == UNKNOWN ? null : Instant.ofEpochMilli(alertedAtMs).toString());
        m.put("closed_at", isOpen() ? null : Instant.ofEpochMilli(closedAtMs).toString());
        m.put("duration_s", durationS(nowMs));
        m.put("open", isOpen());
        m.put("reason", reason == null ? null : reason.id());
        m.put("detail", detail == null ? null : detail.toJson());
        return m;
    }

    /**
     * @return one coverage-journal record:
     *     {@code {"type":"opened"|"closed","id":…,"source_id":…,"opened_at_ms":…,"closed_at_ms":…}}, plus
     *     {@code "gap_type"} unless {@code silent}, {@code "alerted_at_ms"} when known, {@code "reason"} and
     *     {@code "detail"} when set, so a silent gap of unknown alert time is written exactly as the first issue wrote it
     */
    public String toJournalJson() {
        final ObjectNode n = JSON.createObjectNode();
        n.put("type", isOpen() ? "opened" : "closed");
        n.put("id", id);
        n.put("source_id", sourceId);
        n.put("opened_at_ms", openedAtMs);
        n.put("closed_at_ms", closedAtMs);
        if (type != GapType.SILENT) {
            n.put("gap_type", type.id());
        }
        if (alertedAtMs != UNKNOWN) {
            n.put("alerted_at_ms", alertedAtMs);
        }
        if (reason != null) {
            n.put("reason", reason.id());
        }
        if (detail != null) {
            detail.writeTo(n.putObject("detail"));
        }
        return n.toString();
    }

    /** @return true when {@code json} is a gap transition written by {@link #toJournalJson()} (a cheap prefix test) */
    public static boolean isJournalRecord(String json) {
        return json.startsWith("{\"type\":\"opened\"") || json.startsWith("{\"type\":\"closed\"");
    }

    /**
     * Reads a record written by {@link #toJournalJson()}; a record without {@code gap_type} (the first issue's)
     * is a {@link GapType#SILENT} gap, one without {@code alerted_at_ms} has an unknown alert time, one without
     * {@code reason} (or {@code detail}) has none.
     *
     * @throws IllegalArgumentException when the text is not such a record (a corrupt journal)
     */
    public static Gap fromJournalJson(String json) {
        final JsonNode n = JournalJson.parse(json, "a gap record");
        if (n == null || !n.isObject() || !n.path("id").isTextual() || !n.path("source_id").isTextual()
                || !n.path("opened_at_ms").canConvertToLong() || !n.path("closed_at_ms").canConvertToLong()) {
            throw new IllegalArgumentException("coverage journal record : " + json
                    + " (expected: id, source_id, opened_at_ms, closed_at_ms)");
        }
        GapType type = GapType.SILENT;
        if (n.has("gap_type")) {
            type = n.get("gap_type").isTextual() ? GapType.ofId(n.get("gap_type").asText()) : null;
            if (type == null) {
                throw new IllegalArgumentException("coverage journal record gap_type : " + n.get("gap_type")
                        + " (expected: one of silent, delayed, never_seen, volume, degraded)");
            }
        }
        long alertedAtMs = UNKNOWN;
        if (n.has("alerted_at_ms")) {
            if (!n.get("alerted_at_ms").canConvertToLong()) {
                throw new IllegalArgumentException("coverage journal record alerted_at_ms : " + n.get("alerted_at_ms")
                        + " (expected: epoch ms)");
            }
            alertedAtMs = n.get("alerted_at_ms").asLong();
        }
        GapReason reason = null;
        if (n.has("reason")) {
            reason = n.get("reason").isTextual() ? GapReason.ofId(n.get("reason").asText()) : null;
            if (reason == null) {
                throw new IllegalArgumentException("coverage journal record reason : " + n.get("reason")
                        + " (expected: one of " + GapReason.ids() + ")");
            }
        }
        GapDetail detail = null;
        if (n.has("detail")) {
            if (!n.get("detail").isObject()) {
                throw new IllegalArgumentException("coverage journal record detail : " + n.get("detail")
                        + " (expected: an object)");
            }
            detail = GapDetail.readFrom(n.get("detail"));
        }
        return new Gap(n.get("id").asText(), n.get("source_id").asText(), n.get("opened_at_ms").asLong(),
                n.get("closed_at_ms").asLong(), type, alertedAtMs, reason, detail);
    }
}
