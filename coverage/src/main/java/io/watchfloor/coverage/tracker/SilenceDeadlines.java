package io.watchfloor.coverage.tracker;

import io.watchfloor.coverage.inventory.Cadence;
import io.watchfloor.coverage.inventory.CadenceType;
import io.watchfloor.coverage.inventory.Inventory;
import io.watchfloor.coverage.inventory.Source;

/**
 * Tracker thread only: when a source's silence becomes a gap under its cadence (static, learned, batch).
 *
 * <p>Also learns the {@code cadence: learned} sources; {@link #learn} runs per event and allocates nothing.
 */
final class SilenceDeadlines {
    /** Returned when the silence is not a gap (yet). */
    static final long NONE = -1;

    private final Cadence[] cadence;
    private final long[] maxSilenceMs;
    /** Slot of each learned source in {@link #learned}, or -1. */
    private final int[] learnedSlot;
    private final LearnedCadences learned;

    SilenceDeadlines(Inventory inventory) {
        final int n = inventory.size();
        cadence = new Cadence[n];
        maxSilenceMs = new long[n];
        learnedSlot = new int[n];
        int learnedSources = 0;
        long ceilingMs = Cadence.LEARNED_CEILING_MS_DEFAULT;
        for (int i = 0; i < n; i++) {
            final Source s = inventory.source(i);
            cadence[i] = s.cadence();
            maxSilenceMs[i] = s.maxSilenceMs();
            learnedSlot[i] = s.cadence().type() == CadenceType.LEARNED ? learnedSources++ : -1;
            if (learnedSlot[i] >= 0) {
                ceilingMs = s.maxSilenceMs();
            }
        }
        learned = new LearnedCadences(learnedSources, ceilingMs);
    }

    /** Learns the silence between two receives of source {@code i}, when its cadence is learned. */
    void learn(int i, long previousMs, long receivedMs) {
        if (learnedSlot[i] >= 0) {
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

    /** @return the silence learned source {@code i} is held to during the hour of {@code atMs}, or -1 for another */
    long learnedThresholdMs(int i, long atMs) {
        return learnedSlot[i] < 0 ? -1 : learned.thresholdMs(learnedSlot[i], atMs);
    }
}
