package io.watchfloor.coverage.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;

/**
 * Works out when Watchfloor itself was down from its own journal records: a heartbeat while running and a
 * {@code monitor_started} record at each start. The time between the last record before a start and that
 * start is a {@link MonitorDownPeriod}; with heartbeats every {@code interval}, it is exact to one interval.
 * Not thread-safe: fed once at start-up, in journal order.
 */
public final class MonitorHeartbeats {
    /** Record type of a heartbeat. */
    public static final String HEARTBEAT = "heartbeat";
    /** Record type written once at each start. */
    public static final String STARTED = "monitor_started";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<MonitorDownPeriod> down = new ArrayList<>();
    private long lastAliveMs = Long.MIN_VALUE;

    /** @return the journal record of a heartbeat at {@code atMs} */
    public static String heartbeatJson(long atMs) {
        return "{\"type\":\"" + HEARTBEAT + "\",\"at_ms\":" + atMs + "}";
    }

    /** @return the journal record of a start at {@code atMs} */
    public static String startedJson(long atMs) {
        return "{\"type\":\"" + STARTED + "\",\"at_ms\":" + atMs + "}";
    }

    /** @return true when {@code json} is a heartbeat or start record (and not a gap or expiry record) */
    public static boolean isJournalRecord(String json) {
        final String type = type(json);
        return HEARTBEAT.equals(type) || STARTED.equals(type);
    }

    /**
     * Takes one heartbeat or start record, in journal order.
     *
     * @throws IllegalArgumentException when it is neither
     */
    public void accept(String json) {
        final JsonNode node = read(json);
        final String type = node.path("type").asText();
        final long atMs = node.path("at_ms").asLong(Long.MIN_VALUE);
        if (atMs == Long.MIN_VALUE || !(HEARTBEAT.equals(type) || STARTED.equals(type))) {
            throw new IllegalArgumentException("not a monitor record: " + json);
        }
        if (STARTED.equals(type)) {
            started(atMs);
        } else {
            lastAliveMs = Math.max(lastAliveMs, atMs);
        }
    }

    /** Records a start at {@code atMs}: the monitor was down since the last record before it. */
    public void started(long atMs) {
        if (lastAliveMs != Long.MIN_VALUE && atMs > lastAliveMs) {
            down.add(new MonitorDownPeriod(lastAliveMs, atMs));
        }
        lastAliveMs = Math.max(lastAliveMs, atMs);
    }

    /** @return the down periods found so far, oldest first */
    public List<MonitorDownPeriod> downPeriods() {
        return List.copyOf(down);
    }

    private static String type(String json) {
        try {
            return read(json).path("type").asText(null);
        } catch (IllegalArgumentException notJson) {
            return null;
        }
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not JSON: " + json, e);
        }
    }
}
