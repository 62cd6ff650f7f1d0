package io.watchfloor.coverage.tracker;

import java.util.Locale;

/** Why a gap opened when it was held back first; a gap opened the ordinary way has no reason (null). */
public enum GapReason {
    /** The source was silent when its exception expired: the gap opens at the expiry. */
    EXCEPTION_EXPIRED,
    /** The source was still silent when its maintenance window ended: the gap opens at the window's end. */
    MAINTENANCE_OVERRUN;

    private static final GapReason[] VALUES = values();

    /** @return the name used in JSON and journal records ({@code EXCEPTION_EXPIRED}, {@code MAINTENANCE_OVERRUN}) */
    public String id() {
        return name();
    }

    /** @return the reason named {@code id} (as {@link #id()}, case-insensitive), or null */
    public static GapReason ofId(String id) {
        for (GapReason r : VALUES) {
            if (r.name().equals(id.toUpperCase(Locale.ROOT))) {
                return r;
            }
        }
        return null;
    }
}
