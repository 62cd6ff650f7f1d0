package io.watchfloor.detect.correlation;

import io.watchfloor.detect.rule.CorrelationRule;
import io.watchfloor.detect.rule.CorrelationType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The windows of one correlation rule: groups by key, least recently updated first, and the event-time watermark.
 * See {@link CorrelationEngine} for the policy. Not thread-safe.
 */
final class CorrelationState {
    private static final char VALUE_SEPARATOR = '\u001f';

    final CorrelationRule rule;
    private final CorrelationConfig config;
    private final boolean monotone;
    private final long sweepStepMs;
    private final int distinctRules;
    private final LinkedHashMap<List<String>, CorrelationWindow> groups;
    private long maxSeenMs = Long.MIN_VALUE;
    private long nextSweepMs = Long.MIN_VALUE;
    private long seq;
    long lateDropped;
    long evicted;
    long truncated;
    long fired;

    CorrelationState(CorrelationRule rule, CorrelationConfig config) {
        this.rule = rule;
        this.config = config;
        this.monotone = rule.condition().monotone();
        this.distinctRules = new HashSet<>(rule.rules()).size();
        // closing windows is checked at most this often in event time, so a sweep is not paid per event
        this.sweepStepMs = Math.max(1L, rule.timespanMs() / 8);
        final int max = config.maxGroupsPerCorrelation();
        this.groups = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<List<String>, CorrelationWindow> eldest) {
                if (size() > max) {
                    evicted++;
                    return true;
                }
                return false;
            }
        };
    }

    /** @return true when {@code other} runs an equal rule under an equal configuration, so its windows fit this one */
    boolean sameDefinition(CorrelationState other) {
        return rule.equals(other.rule) && config.equals(other.config);
    }

    int groupCount() {
        return groups.size();
    }

    /**
     * Applies one match of the referenced rule {@code sourceId}.
     *
     * @param fields the matching event's field values by name
     * @param out receives each firing of this correlation
     */
    void accept(String sourceId, long timeMs, long[] refs, Function<String, Object> fields,
                Consumer<CorrelationFiring> out) {
        if (maxSeenMs != Long.MIN_VALUE && timeMs < maxSeenMs - config.allowedLatenessMs()) {
            lateDropped++;
            return;
        }
        if (timeMs > maxSeenMs) {
            maxSeenMs = timeMs;
        }
        final List<String> key = key(sourceId, fields);
        String value = null;
        if (rule.type() == CorrelationType.VALUE_COUNT) {
            value = value(sourceId, fields);
        }
        if (value != null || rule.type() != CorrelationType.VALUE_COUNT) {
            CorrelationWindow w = groups.get(key);
            if (w == null) {
                w = new CorrelationWindow(key);
                groups.put(key, w);
            }
            w.add(new CorrelationWindow.Entry(timeMs, seq++, sourceId, value, refs));
            if (w.entries.size() > config.maxEventsPerGroup()) {
                w.removeFirst(1);
                truncated++;
            }
            if (monotone) {
                w.pruneBefore(w.newestMs() - rule.timespanMs());
                final long count = count(w, w.entries.size());
                if (count >= 0 && rule.condition().test(count)) {
                    fire(w, w.entries.size(), count, out);
                    groups.remove(key);
                }
            }
        }
        final long watermark = maxSeenMs - config.allowedLatenessMs();
        if (watermark >= nextSweepMs) {
            sweep(watermark, out);
            nextSweepMs = watermark + sweepStepMs;
        }
    }

    /** Closes every window that ends before {@code watermarkMs}; {@link Long#MAX_VALUE} closes all. */
    void sweep(long watermarkMs, Consumer<CorrelationFiring> out) {
        final long span = rule.timespanMs();
        final List<CorrelationFiring> firings = new ArrayList<>(0);
        final Iterator<CorrelationWindow> it = groups.values().iterator();
        while (it.hasNext()) {
            final CorrelationWindow w = it.next();
            if (monotone) {
                if (watermarkMs == Long.MAX_VALUE || w.newestMs() + span < watermarkMs) {
                    it.remove();
                }
                continue;
            }
            while (!w.entries.isEmpty() && (watermarkMs == Long.MAX_VALUE || w.firstMs() + span < watermarkMs)) {
                final long end = w.firstMs() + span;
                int n = 0;
                while (n < w.entries.size() && w.entries.get(n).timeMs() <= end) {
                    n++;
                }
                final long count = count(w, n);
                if (count >= 0 && rule.condition().test(count)) {
                    firings.add(firing(w, n, count));
                }
                w.removeFirst(n);
            }
            if (w.entries.isEmpty()) {
                it.remove();
            }
        }
        // delivered after the iteration, so no callback runs while the group map is being iterated
        for (CorrelationFiring f : firings) {
            fired++;
            out.accept(f);
        }
    }

    /** @return the count the condition is tested on, over the first {@code n} entries, or -1 when not applicable */
    private long count(CorrelationWindow w, int n) {
        switch (rule.type()) {
            case EVENT_COUNT:
                return n;
            case VALUE_COUNT: {
                if (n == w.entries.size()) {
                    return w.distinctValues();
                }
                final Set<String> values = new HashSet<>();
                for (int i = 0; i < n; i++) {
                    values.add(w.entries.get(i).value());
                }
                return values.size();
            }
            case TEMPORAL: {
                final Set<String> seen = new HashSet<>();
                for (int i = 0; i < n; i++) {
                    seen.add(w.entries.get(i).sourceId());
                }
                return seen.size();
            }
            default: {
                final List<String> order = rule.rules();
                int pos = 0;
                for (int i = 0; i < n && pos < order.size(); i++) {
                    if (order.get(pos).equals(w.entries.get(i).sourceId())) {
                        pos++;
                    }
                }
                return pos == order.size() ? distinctRules : -1;
            }
        }
    }

    private void fire(CorrelationWindow w, int n, long count, Consumer<CorrelationFiring> out) {
        fired++;
        out.accept(firing(w, n, count));
    }

    private CorrelationFiring firing(CorrelationWindow w, int n, long count) {
        final Map<String, String> group = new LinkedHashMap<>();
        for (int i = 0; i < rule.groupBy().size(); i++) {
            group.put(rule.groupBy().get(i), w.key.get(i));
        }
        int total = 0;
        for (int i = 0; i < n; i++) {
            total += w.entries.get(i).refs().length;
        }
        final long[] all = new long[total];
        int k = 0;
        long newest = Long.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            final CorrelationWindow.Entry e = w.entries.get(i);
            System.arraycopy(e.refs(), 0, all, k, e.refs().length);
            k += e.refs().length;
            newest = Math.max(newest, e.timeMs());
        }
        Arrays.sort(all);
        final List<Long> refs = new ArrayList<>();
        for (int i = all.length - 1; i >= 0 && refs.size() < config.maxEventRefsPerAlert(); i--) {
            if (refs.isEmpty() || refs.get(refs.size() - 1) != all[i]) {
                refs.add(all[i]);
            }
        }
        java.util.Collections.reverse(refs);
        return new CorrelationFiring(rule, newest, group, count, refs);
    }

    private List<String> key(String sourceId, Function<String, Object> fields) {
        final List<String> g = rule.groupBy();
        if (g.isEmpty()) {
            return List.of();
        }
        final List<String> key = new ArrayList<>(g.size());
        for (String name : g) {
            key.add(text(fields.apply(rule.fieldFor(name, sourceId))));
        }
        return key;
    }

    private String value(String sourceId, Function<String, Object> fields) {
        final List<String> names = rule.valueFields();
        if (names.size() == 1) {
            return text(fields.apply(rule.fieldFor(names.get(0), sourceId)));
        }
        final StringBuilder b = new StringBuilder();
        for (String name : names) {
            final String v = text(fields.apply(rule.fieldFor(name, sourceId)));
            if (v == null) {
                return null;
            }
            b.append(v).append(VALUE_SEPARATOR);
        }
        return b.toString();
    }

    private static String text(Object v) {
        return v == null ? null : String.valueOf(v);
    }
}
