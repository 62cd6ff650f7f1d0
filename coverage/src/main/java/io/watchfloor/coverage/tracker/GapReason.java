package io.watchfloor.coverage.tracker;

import java.util.Locale;

/**
 * Why a gap opened when it was held back first, or what a partial gap found; a silent, delayed or never_seen gap
 * opened the ordinary way has no reason (null).
 */
public enum GapReason {
    /** The source was silent when its exception expired: the gap opens at the expiry. */
    EXCEPTION_EXPIRED,
    /** The source was still silent when its maintenance window ended: the gap opens at the window's end. */
    MAINTENANCE_OVERRUN,
    /** A {@code volume} gap: fewer events than the learned lower bound for enough windows in a row. */
    VOLUME_DROP,
    /** A {@code degraded} gap: required event types missing for enough windows in a row. */
    REQUIRED_MISSING,
    /** A {@code degraded} gap: too many of a window's events failed to parse (and none is missing). */
    PARSE_FAILURES;

    private static final GapReason[] VALUES = values();

    /** @return the name used in JSON and journal records ({@code EXCEPTION_EXPIRED}, {@code MAINTENANCE_OVERRUN}) */
    public String id() {
        return name();
    }

    /** @return every reason's id, comma-separated, for error messages */
    static String ids() {
        final StringBuilder sb = new StringBuilder();
        for (GapReason r : VALUES) {
            sb.append(sb.length() == 0 ? "" : ", ").append(r.id());
        }
        return sb.toString();
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
