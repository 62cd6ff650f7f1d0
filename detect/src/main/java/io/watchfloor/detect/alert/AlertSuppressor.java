package io.watchfloor.detect.alert;

import io.watchfloor.core.event.EcsFields;
import io.watchfloor.core.event.Event;
import io.watchfloor.detect.rule.RuleSuppression;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The suppression windows of one rule: group key → event time of the last alert raised for it. An alert of a group
 * is suppressed while its event time is less than {@link RuleSuppression#windowMs()} after the last raised one (an
 * event older than that, arriving late, is suppressed too); the first alert after the window raises and opens a new
 * window. Times are event times as {@link io.watchfloor.detect.correlation.EventTime} defines them.
 *
 * <p>Bounded: at most {@code maxGroups} keys, the least recently used evicted first (its next alert is raised).
 * Not thread-safe: owned by the detection engine's thread; consulted only when the rule matched.
 */
public final class AlertSuppressor {
    private final RuleSuppression suppression;
    private final String[] groupBy;
    private final LinkedHashMap<List<String>, Long> lastRaisedMs;

    /** @param maxGroups most group keys kept (&gt; 0) */
    public AlertSuppressor(RuleSuppression suppression, int maxGroups) {
        if (maxGroups <= 0) {
            throw new IllegalArgumentException("maxGroups : " + maxGroups + " (expected: > 0)");
        }
        this.suppression = suppression;
        this.groupBy = suppression.groupBy().toArray(new String[0]);
        this.lastRaisedMs = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<List<String>, Long> eldest) {
                return size() > maxGroups;
            }
        };
    }

    /** @return the suppression this applies */
    public RuleSuppression suppression() {
        return suppression;
    }

    /**
     * Decides one alert of the rule.
     *
     * @param eventTimeMs the matching event's event time, epoch milliseconds
     * @param e the matching event; the group-by fields are read from it
     * @return true when the alert should be raised (and the window restarts), false when it is suppressed
     */
    public boolean admit(long eventTimeMs, Event e) {
        final List<String> key = new ArrayList<>(groupBy.length);
        for (String field : groupBy) {
            final Object v = EcsFields.field(e, field);
            key.add(v == null ? "" : String.valueOf(v));
        }
        final Long last = lastRaisedMs.get(key);
        if (last != null && eventTimeMs - last < suppression.windowMs()) {
            return false;
        }
        lastRaisedMs.put(key, eventTimeMs);
        return true;
    }

    /** @return how many group keys are held */
    public int groupCount() {
        return lastRaisedMs.size();
    }

    /** Takes over the windows of {@code previous} (a reload of an unchanged rule); owning thread only. */
    public void carryOver(AlertSuppressor previous) {
        lastRaisedMs.putAll(previous.lastRaisedMs);
    }
}
