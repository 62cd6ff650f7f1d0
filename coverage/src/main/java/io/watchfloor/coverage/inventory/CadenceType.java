package io.watchfloor.coverage.inventory;

import java.util.Locale;

/** How a source's silence is judged: the {@code cadence} key of an inventory source. */
public enum CadenceType {
    /** Held to its declared {@code max_silence}. */
    STATIC,
    /** Held to a silence learned per hour of the week, from its own inter-arrival gaps (the default without max_silence). */
    LEARNED,
    /** Sends once a day: expected at {@code schedule.daily_at} (UTC), within {@code schedule.grace}. */
    BATCH;

    /** @return the name used in YAML and JSON ({@code static}, {@code learned}, {@code batch}) */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return the type named {@code id}, or null */
    public static CadenceType ofId(String id) {
        for (CadenceType t : values()) {
            if (t.id().equals(id)) {
                return t;
            }
        }
        return null;
    }
}
