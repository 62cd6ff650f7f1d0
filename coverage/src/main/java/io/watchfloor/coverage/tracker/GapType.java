package io.watchfloor.coverage.tracker;

import java.util.Locale;

/** Why a {@link Gap} is open: the kind of coverage a source failed to give. */
public enum GapType {
    /** Received before, then nothing for longer than its cadence allows (judged on receive time). */
    SILENT,
    /** Arriving, but most recent events lag (receive − event time) more than the source's {@code max_lag}. */
    DELAYED,
    /** Declared, but nothing received within its cadence since monitoring started. */
    NEVER_SEEN,
    /**
     * Arriving, but fewer events than the learned lower bound of their hour of the week for {@code consecutive}
     * windows in a row (reason {@code VOLUME_DROP}). A partial gap: the source shows DEGRADED.
     */
    VOLUME,
    /**
     * Arriving, but required event types missing for {@code consecutive} windows in a row, or too many parse
     * failures in a window (reason {@code REQUIRED_MISSING} or {@code PARSE_FAILURES}). A partial gap: the source
     * shows DEGRADED.
     */
    DEGRADED;

    private static final GapType[] VALUES = values();

    /** @return the name used in JSON and journal records ({@code silent}, {@code delayed}, {@code never_seen}, …) */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return the type named {@code id} (as {@link #id()}), or null when there is none */
    public static GapType ofId(String id) {
        for (GapType t : VALUES) {
            if (t.id().equals(id)) {
                return t;
            }
        }
        return null;
    }
}
