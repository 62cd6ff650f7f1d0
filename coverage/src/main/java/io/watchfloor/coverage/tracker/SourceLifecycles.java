package io.watchfloor.coverage.tracker;

import io.watchfloor.coverage.inventory.Inventory;
import io.watchfloor.coverage.inventory.Lifecycle;
import io.watchfloor.coverage.inventory.Source;
import java.util.Arrays;

/**
 * Tracker thread only: each source's lifecycle as the tracker judges it, one slot per source index, growing as
 * sources are added.
 *
 * <p>Keeps when a source was declared (the {@code since} of NEVER_SEEN), when it was retired, and whether a retired
 * source sends again. A re-activation starts at the first event at or after the retirement, or after a silence
 * longer than the source's {@code max_silence}; each is told once ({@link #takeUntold}), and a told one restored
 * from the journal ({@link #markTold}) is not told again when the replayed events re-create it. Per event: one
 * array read, unless the source is retired.
 */
final class SourceLifecycles {
    /** Absent time. */
    static final long NONE = -1;

    private Lifecycle[] lifecycle;
    private long[] declaredAtMs;
    private long[] maxSilenceMs;
    /** When the retirement took effect, or NONE unless retired. */
    private long[] retiredAtMs;
    /** The last receive at or after the retirement, or NONE. */
    private long[] lastActiveMs;
    /** The receive that started the current re-activation, or NONE. */
    private long[] activeSinceMs;
    /** The latest re-activation start told (live or restored), or NONE. */
    private long[] toldSinceMs;
    private long[] activations;
    private int size;

    /** @param declaredAtMs when the inventory was loaded: the declaration time of each of its sources */
    SourceLifecycles(Inventory inventory, long declaredAtMs) {
        final int n = Math.max(1, inventory.size());
        lifecycle = new Lifecycle[n];
        this.declaredAtMs = new long[n];
        maxSilenceMs = new long[n];
        retiredAtMs = new long[n];
        lastActiveMs = new long[n];
        activeSinceMs = new long[n];
        toldSinceMs = new long[n];
        activations = new long[n];
        for (Source s : inventory.sources()) {
            add(s, declaredAtMs);
        }
    }

    /** Adds the next source, declared at {@code atMs}; a source declared retired counts from its retirement day. */
    void add(Source s, long atMs) {
        if (size == lifecycle.length) {
            grow(size * 2);
        }
        final int i = size++;
        declaredAtMs[i] = atMs;
        retiredAtMs[i] = NONE;
        lastActiveMs[i] = NONE;
        activeSinceMs[i] = NONE;
        toldSinceMs[i] = NONE;
        lifecycle[i] = s.lifecycle();
        maxSilenceMs[i] = s.maxSilenceMs();
        if (s.lifecycle() == Lifecycle.RETIRED) {
            retiredAtMs[i] = s.retired().startMs();
        }
    }

    private void grow(int capacity) {
        lifecycle = Arrays.copyOf(lifecycle, capacity);
        declaredAtMs = Arrays.copyOf(declaredAtMs, capacity);
        maxSilenceMs = Arrays.copyOf(maxSilenceMs, capacity);
        retiredAtMs = Arrays.copyOf(retiredAtMs, capacity);
        lastActiveMs = Arrays.copyOf(lastActiveMs, capacity);
        activeSinceMs = Arrays.copyOf(activeSinceMs, capacity);
        toldSinceMs = Arrays.copyOf(toldSinceMs, capacity);
        activations = Arrays.copyOf(activations, capacity);
    }

    /**
     * Takes a new version of source {@code i}, changed at {@code atMs}: turning retired starts its retirement
     * there; leaving retired ends it (what was told stays told).
     */
    void update(int i, Source s, long atMs) {
        final boolean wasRetired = lifecycle[i] == Lifecycle.RETIRED;
        lifecycle[i] = s.lifecycle();
        maxSilenceMs[i] = s.maxSilenceMs();
        if (s.lifecycle() == Lifecycle.RETIRED && !wasRetired) {
            retiredAtMs[i] = atMs;
        } else if (s.lifecycle() != Lifecycle.RETIRED) {
            retiredAtMs[i] = NONE;
        }
        if (retiredAtMs[i] == NONE || !wasRetired) {
            lastActiveMs[i] = NONE;
            activeSinceMs[i] = NONE;
        }
    }

    /** @return the number of sources */
    int size() {
        return size;
    }

    Lifecycle lifecycle(int i) {
        return lifecycle[i];
    }

    boolean retired(int i) {
        return lifecycle[i] == Lifecycle.RETIRED;
    }

    /** @return when source {@code i} was declared: the inventory load, or when the API added it */
    long declaredAtMs(int i) {
        return declaredAtMs[i];
    }

    /** @return when source {@code i}'s retirement took effect, or NONE */
    long retiredAtMs(int i) {
        return retiredAtMs[i];
    }

    /** Records an event of retired source {@code i}; one before the retirement is ordinary (replayed) history. */
    void onRetiredReceive(int i, long receivedMs) {
        if (receivedMs < retiredAtMs[i]) {
            return;
        }
        final long last = lastActiveMs[i];
        if (last == NONE || receivedMs - last > maxSilenceMs[i]) {
            activeSinceMs[i] = receivedMs;
            activations[i]++;
        }
        if (receivedMs > last) {
            lastActiveMs[i] = receivedMs;
        }
    }

    /** @return the start of source {@code i}'s re-activation not told yet, marking it told; else NONE */
    long takeUntold(int i) {
        final long since = activeSinceMs[i];
        if (since == NONE || since <= toldSinceMs[i]) {
            return NONE;
        }
        toldSinceMs[i] = since;
        return since;
    }

    /** Marks the re-activation of source {@code i} that started at {@code activeSinceMs} (and any before) told. */
    void markTold(int i, long activeSinceMs) {
        if (activeSinceMs > toldSinceMs[i]) {
            toldSinceMs[i] = activeSinceMs;
        }
    }

    /**
     * @return source {@code i}'s {@code RETIRED_SOURCE_ACTIVE} finding while it is retired and has sent since, or
     *     null; allocates
     */
    SourceFinding retiredActiveFinding(int i) {
        if (!retired(i) || activeSinceMs[i] == NONE) {
            return null;
        }
        return new SourceFinding(FindingKind.RETIRED_SOURCE_ACTIVE, activations[i], lastActiveMs[i], activeSinceMs[i]);
    }
}
