package io.watchfloor.coverage.tracker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a partial gap ({@code volume}, {@code degraded}) found when it opened; immutable.
 *
 * @param missing {@code degraded}: the required values missing from enough windows in a row ({@code field=value}
 *     when the source requires more than one field, else the value); empty otherwise
 * @param parseFailureRate {@code degraded}: the share of the window's events that failed to parse when it passed
 *     the limit, else -1
 * @param windowCount {@code volume}: the events counted in the last low window, else -1
 * @param lowerBound {@code volume}: the learned lower bound that window fell below, else -1
 */
public record GapDetail(List<String> missing, double parseFailureRate, long windowCount, long lowerBound) {
    public GapDetail {
        missing = List.copyOf(missing);
    }

    /** @return the detail of a volume drop */
    public static GapDetail volume(long windowCount, long lowerBound) {
        return new GapDetail(List.of(), -1, windowCount, lowerBound);
    }

    /** @return the detail of degraded content: values missing and/or a parse-failure rate (or -1) */
    public static GapDetail degraded(List<String> missing, double parseFailureRate) {
        return new GapDetail(missing, parseFailureRate, -1, -1);
    }

    /** @return only the fields that are set: {@code missing}, {@code parse_failure_rate}, {@code count}, {@code lower_bound} */
    public Map<String, Object> toJson() {
        final Map<String, Object> m = new LinkedHashMap<>(4);
        if (!missing.isEmpty()) {
            m.put("missing", missing);
        }
        if (parseFailureRate >= 0) {
            m.put("parse_failure_rate", Math.round(parseFailureRate * 1000.0) / 1000.0);
        }
        if (windowCount >= 0) {
            m.put("count", windowCount);
        }
        if (lowerBound >= 0) {
            m.put("lower_bound", lowerBound);
        }
        return m;
    }

    /** Writes the set fields into a journal record's {@code detail} object. */
    void writeTo(ObjectNode n) {
        if (!missing.isEmpty()) {
            final ArrayNode a = n.putArray("missing");
            missing.forEach(a::add);
        }
        if (parseFailureRate >= 0) {
            n.put("parse_failure_rate", parseFailureRate);
        }
        if (windowCount >= 0) {
            n.put("count", windowCount);
        }
        if (lowerBound >= 0) {
            n.put("lower_bound", lowerBound);
        }
    }

    /** @return the detail read back from a journal record's {@code detail} object; unknown fields are ignored */
    static GapDetail readFrom(JsonNode n) {
        final List<String> missing = new ArrayList<>();
        n.path("missing").forEach(v -> missing.add(v.asText()));
        return new GapDetail(missing, n.path("parse_failure_rate").asDouble(-1), n.path("count").asLong(-1),
                n.path("lower_bound").asLong(-1));
    }
}
