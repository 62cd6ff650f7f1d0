package io.watchfloor.coverage.inventory;

import java.util.Locale;

/** Where a source is in its life: the {@code lifecycle} key of an inventory source (default {@link #ACTIVE}). */
public enum Lifecycle {
    /**
     * Being connected: listed, but neither counted in coverage nor alerted as a gap until its first event; from
     * then on it is judged like an active source.
     */
    ONBOARDING,
    /** In scope: counted in coverage, its silence opens gaps. */
    ACTIVE,
    /**
     * Decommissioned ({@code retired: {date, reason}}): left out of every denominator, opens no gaps, keeps its
     * history; an event from it raises {@code RETIRED_SOURCE_ACTIVE}.
     */
    RETIRED;

    /** Used when a source does not declare one. */
    public static final Lifecycle DEFAULT = ACTIVE;

    private static final Lifecycle[] VALUES = values();

    /** @return the name used in YAML and JSON ({@code onboarding}, {@code active}, {@code retired}) */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return the lifecycle named {@code id} (lowercase), or null */
    public static Lifecycle ofId(String id) {
        for (Lifecycle l : VALUES) {
            if (l.id().equals(id)) {
                return l;
            }
        }
        return null;
    }
}
