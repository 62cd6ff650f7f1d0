package io.watchfloor.server.wiring;

import io.watchfloor.coverage.inventory.SourceChange;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest lifecycle changes of each source, as {@code GET /api/sources/{id}} shows them; the coverage journal
 * keeps them all. Thread-safe: the coverage stage records (and the restore at start-up), API threads read.
 */
final class SourceChangeHistory {
    /** Changes kept per source, newest last. */
    static final int MAX_PER_SOURCE = 100;

    private final Map<String, Deque<SourceChange>> bySource = new ConcurrentHashMap<>();

    void record(SourceChange change) {
        final Deque<SourceChange> d = bySource.computeIfAbsent(change.sourceId(), k -> new ArrayDeque<>());
        synchronized (d) {
            if (d.size() == MAX_PER_SOURCE) {
                d.removeFirst();
            }
            d.addLast(change);
        }
    }

    /** @return the changes of {@code sourceId} kept, oldest first */
    List<SourceChange> of(String sourceId) {
        final Deque<SourceChange> d = bySource.get(sourceId);
        if (d == null) {
            return List.of();
        }
        synchronized (d) {
            return new ArrayList<>(d);
        }
    }
}
