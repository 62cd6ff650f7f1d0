package io.watchfloor.coverage.tracker;

import io.watchfloor.coverage.inventory.Cadence;
import io.watchfloor.coverage.inventory.CadenceType;
import io.watchfloor.coverage.inventory.Inventory;
import io.watchfloor.coverage.inventory.Source;
import java.util.Arrays;

/**
 * Tracker thread only: when a source's silence becomes a gap under its cadence (static, learned, batch).
 *
 * <p>Also learns the {@code cadence: learned} sources; {@link #learn} runs per event and allocates nothing.
 */
final class SilenceDeadlines {
    /** Returned when the silence is not a gap (yet). */
    static final long NONE = -1;

    private Cadence[] cadence;
    private long[] maxSilenceMs;
    /** Slot of each learned source in {@link #learned}, or -1. */
    private int[] learnedSlot;
    private final LearnedCadences learned;
    private int size;

    SilenceDeadlines(Inventory inventory) {
        final int n = Math.max(1, inventory.size());
        cadence = new Cadence[n];
        maxSilenceMs = new long[n];
        learnedSlot = new int[n];
        int learnedSources = 0;
        for (Source s : inventory.sources()) {
            if (s.cadence().type() == CadenceType.LEARNED) {
                learnedSources++;
            }
        }
        // every learned source has the same ceiling: the fallback max_silence the loader gives it
        learned = new LearnedCadences(learnedSources, Cadence.LEARNED_CEILING_MS_DEFAULT);
        for (Source s : inventory.sources()) {
            add(s);
        }
    }

    /** Adds the next source; grows the arrays by doubling. */
    void add(Source s) {
        if (size == cadence.length) {
            cadence = Arrays.copyOf(cadence, size * 2);
            maxSilenceMs = Arrays.copyOf(maxSilenceMs, size * 2);
            learnedSlot = Arrays.copyOf(learnedSlot, size * 2);
        }
        learnedSlot[size] = -1;
        update(size++, s);
    }

    /**
     * Takes a new version of source {@code i}: its cadence and max_silence. A source that turns learned gets a
     * model of its own (kept if it turns learned again later), starting from nothing.
     */
    void update(int i, Source s) {
        cadence[i] = s.cadence();
        maxSilenceMs[i] = s.maxSilenceMs();
        if (s.cadence().type() == CadenceType.LEARNED && learnedSlot[i] < 0) {
            learnedSlot[i] = learned.addSlot();
        }
    }

    /** Learns the silence between two receives of source {@code i}, when its cadence is learned. */
    void learn(int i, long previousMs, long receivedMs) {
        if (learnedSlot[i] >= 0 && cadence[i].type() == CadenceType.LEARNED) {
            learned.learn(learnedSlot[i], previousMs, receivedMs);
        }
    }

    /**
     * @return when the silence since {@code lastMs} became a gap under source {@code i}'s cadence, if it has by
     *     {@code now}; else NONE. Static: {@code lastMs + max_silence}; batch: the grace end of the first due run not
     *     met; learned: the first moment past the threshold of its hour of the week
     */
    long silentSinceMs(int i, long lastMs, long now) {
        final long silenceMs = now - lastMs;
        switch (cadence[i].type()) {
            case BATCH: {
                final long deadline = cadence[i].batchDeadlineMs(lastMs);
                return now > deadline ? deadline : NONE;
            }
            case LEARNED:
                if (silenceMs <= LearnedCadences.FLOOR_MS) {
                    return NONE;
                }
                final long since = learned.silentSinceMs(learnedSlot[i], lastMs, now);
                return since >= 0 && since < now ? since : NONE;
            default:
                return silenceMs > maxSilenceMs[i] ? lastMs + maxSilenceMs[i] : NONE;
        }
    }

    /**
     * @return the earliest tick time at which {@link #silentSinceMs}{@code (i, fromMs, now)} is not NONE, or
     *     {@link DeadlineQueue#NOT_ARMED}; with the silence counted from {@code fromMs} and no event since
     */
    long dueMs(int i, long fromMs) {
        switch (cadence[i].type()) {
            case BATCH:
                return plusOne(cadence[i].batchDeadlineMs(fromMs));
            case LEARNED: {
                final long floorDue = plusOne(saturatedAdd(fromMs, LearnedCadences.FLOOR_MS));
                final long horizon = saturatedAdd(fromMs, learned.ceilingMs() + LearnedCadences.HOUR_MS);
                final long since = learned.silentSinceMs(learnedSlot[i], fromMs, horizon);
                return since < 0 ? plusOne(horizon) : Math.max(floorDue, plusOne(since));
            }
            default:
                return plusOne(saturatedAdd(fromMs, maxSilenceMs[i]));
        }
    }

    /**
     * @return a time no later than source {@code i}'s next deadline after an event received at {@code receivedMs}
     *     when learning may have shortened it (a learned cadence), else {@link DeadlineQueue#NOT_ARMED}
     */
    long learnedLowerBoundMs(int i, long receivedMs) {
        return learnedSlot[i] >= 0 && cadence[i].type() == CadenceType.LEARNED
                ? plusOne(saturatedAdd(receivedMs, LearnedCadences.FLOOR_MS)) : DeadlineQueue.NOT_ARMED;
    }

    private static long saturatedAdd(long a, long b) {
        final long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE - 1 : r;
    }

    private static long plusOne(long ms) {
        return ms >= Long.MAX_VALUE - 1 ? DeadlineQueue.NOT_ARMED : ms + 1;
    }

    /** @return the silence learned source {@code i} is held to during the hour of {@code atMs}, or -1 for another */
    long learnedThresholdMs(int i, long atMs) {
        return cadence[i].type() != CadenceType.LEARNED ? -1 : learned.thresholdMs(learnedSlot[i], atMs);
    }
}
