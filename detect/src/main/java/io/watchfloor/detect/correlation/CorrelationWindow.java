package io.watchfloor.detect.correlation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The events of one group of one correlation, kept sorted by event time (then arrival), with the distinct
 * {@code value_count} values counted incrementally. Not thread-safe.
 */
final class CorrelationWindow {
    /** One contributing match. */
    record Entry(long timeMs, long seq, String sourceId, String value, long[] refs) {
    }

    final List<String> key;
    final List<Entry> entries = new ArrayList<>(4);
    private final Map<String, Integer> distinct = new HashMap<>();

    CorrelationWindow(List<String> key) {
        this.key = key;
    }

    /** Inserts in event-time order; an out-of-order entry goes before the newer ones. */
    void add(Entry e) {
        int i = entries.size();
        while (i > 0 && entries.get(i - 1).timeMs() > e.timeMs()) {
            i--;
        }
        entries.add(i, e);
        if (e.value() != null) {
            distinct.merge(e.value(), 1, Integer::sum);
        }
    }

    /** Removes the first {@code n} entries. */
    void removeFirst(int n) {
        for (int i = 0; i < n; i++) {
            final String v = entries.get(i).value();
            if (v != null) {
                distinct.computeIfPresent(v, (k, c) -> c == 1 ? null : c - 1);
            }
        }
        entries.subList(0, n).clear();
    }

    /** Drops entries older than {@code fromMs}. */
    void pruneBefore(long fromMs) {
        int n = 0;
        while (n < entries.size() && entries.get(n).timeMs() < fromMs) {
            n++;
        }
        if (n > 0) {
            removeFirst(n);
        }
    }

    /** @return how many distinct values the whole window holds */
    int distinctValues() {
        return distinct.size();
    }

    long firstMs() {
        return entries.get(0).timeMs();
    }

    long newestMs() {
        return entries.get(entries.size() - 1).timeMs();
    }
}
