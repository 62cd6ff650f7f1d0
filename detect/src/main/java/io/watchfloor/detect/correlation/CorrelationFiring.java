package io.watchfloor.detect.correlation;

import io.watchfloor.detect.rule.CorrelationRule;

import java.util.List;
import java.util.Map;

/**
 * One satisfied correlation: which rule, for which group, and the events that made it. Immutable.
 *
 * @param rule the correlation rule
 * @param timeMs event time of the newest contributing event, epoch milliseconds
 * @param group the group-by field (or alias) → value of the group, in {@code group-by} order; a missing field is null
 * @param count the number the condition was tested on: events ({@code event_count}), distinct values
 *     ({@code value_count}) or distinct referenced rules seen ({@code temporal}, {@code temporal_ordered})
 * @param events the contributing event references (journal indexes live, line numbers offline), ascending, at most
 *     {@link CorrelationConfig#maxEventRefsPerAlert()} (the newest)
 */
public record CorrelationFiring(CorrelationRule rule, long timeMs, Map<String, String> group, long count,
                                List<Long> events) {
    /** Copies the collections. */
    public CorrelationFiring {
        group = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(group));
        events = List.copyOf(events);
    }

    /** @return a one-line summary, e.g. {@code event_count 5 within 300s for User=alice} */
    public String summary() {
        final StringBuilder b = new StringBuilder(64);
        b.append(rule.type().sigmaName()).append(' ').append(count).append(" within ")
                .append(rule.timespanMs() / 1000).append('s');
        if (!group.isEmpty()) {
            b.append(" for");
            for (Map.Entry<String, String> e : group.entrySet()) {
                b.append(' ').append(e.getKey()).append('=').append(e.getValue());
            }
        }
        return b.toString();
    }
}
