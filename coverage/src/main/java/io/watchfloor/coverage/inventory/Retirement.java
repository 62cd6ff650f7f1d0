package io.watchfloor.coverage.inventory;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * Why and since when a source is retired ({@code retired: {date: 2026-01-15, reason: "..."}}); immutable.
 *
 * @param date the day it was retired (UTC)
 * @param reason why, e.g. the change ticket; non-blank, at most {@link #MAX_REASON_LENGTH} characters
 */
public record Retirement(LocalDate date, String reason) {
    /** Longest reason accepted. */
    public static final int MAX_REASON_LENGTH = 500;

    public Retirement {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(reason, "reason");
        if (reason.isBlank() || reason.length() > MAX_REASON_LENGTH) {
            throw new IllegalArgumentException("reason : " + reason.length() + " characters (expected: 1.."
                    + MAX_REASON_LENGTH + ", not blank)");
        }
    }

    /** @return the start of {@link #date()}, 00:00 UTC, epoch ms */
    public long startMs() {
        return date.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }
}
