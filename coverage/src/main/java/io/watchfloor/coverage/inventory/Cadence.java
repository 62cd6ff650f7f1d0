package io.watchfloor.coverage.inventory;

import java.util.Objects;

/**
 * A source's cadence policy; immutable.
 *
 * @param type how silence is judged
 * @param dailyAtMs {@link CadenceType#BATCH}: when the batch is due, ms after 00:00 UTC; else -1
 * @param graceMs {@link CadenceType#BATCH}: how long after (and before) {@code dailyAtMs} it may arrive; else -1
 */
public record Cadence(CadenceType type, long dailyAtMs, long graceMs) {
    /** Held to the declared {@code max_silence}. */
    public static final Cadence STATIC = new Cadence(CadenceType.STATIC, -1, -1);
    /** Learned per hour of the week. */
    public static final Cadence LEARNED = new Cadence(CadenceType.LEARNED, -1, -1);
    /** One day, in ms. */
    public static final long DAY_MS = 86_400_000L;
    /**
     * {@code max_silence} a learned source is held to until it has enough samples, and the most it is ever held
     * to (its ceiling): three days, so a weekend does not exceed it.
     */
    public static final long LEARNED_CEILING_MS_DEFAULT = 3 * DAY_MS;

    public Cadence {
        Objects.requireNonNull(type, "type");
        if (type == CadenceType.BATCH && (dailyAtMs < 0 || dailyAtMs >= DAY_MS || graceMs <= 0 || graceMs >= DAY_MS / 2)) {
            throw new IllegalArgumentException("batch cadence : dailyAtMs=" + dailyAtMs + " graceMs=" + graceMs
                    + " (expected: 0 <= dailyAtMs < 1 day, 0 < graceMs < 12 h)");
        }
    }

    /** @return a batch cadence due daily at {@code dailyAtMs} after midnight UTC, within {@code graceMs} */
    public static Cadence batch(long dailyAtMs, long graceMs) {
        return new Cadence(CadenceType.BATCH, dailyAtMs, graceMs);
    }

    /**
     * @return for a batch source last received at {@code lastMs}: when its silence becomes a gap, i.e. the grace
     *     end of the first due time not already met (a batch up to {@code graceMs} early meets it)
     */
    public long batchDeadlineMs(long lastMs) {
        final long dayStart = Math.floorDiv(lastMs + graceMs, DAY_MS) * DAY_MS;
        long due = dayStart + dailyAtMs;
        if (due <= lastMs + graceMs) {
            due += DAY_MS;
        }
        return due + graceMs;
    }
}
