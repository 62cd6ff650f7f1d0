package io.watchfloor.ingest.syslog;

/**
 * Picks the year of a year-less (RFC 3164) timestamp from the receive time. Not thread-safe: one per parser.
 *
 * <p>The candidate is the receiver's current UTC year; it becomes the previous year when that would put the
 * event more than {@link #MAX_FUTURE_SECS} ahead of the receive time (a December line read in January), and the
 * next year when that puts it at most {@link #MAX_NEXT_YEAR_AHEAD_SECS} ahead (a sender clock slightly ahead at the
 * Dec-31/Jan-1 boundary). The receiver year and the first days of the years around it are cached, so the
 * steady state costs a compare and a few additions.
 *
 * <p>A February 29 whose chosen year is not a leap year is not a date: {@link #epochSeconds} returns
 * {@link #NO_DATE} and the caller treats the stamp as no timestamp (never rolled over to March 1, never moved to
 * a year the rules above did not choose).
 */
final class YearResolver {
    /** How far ahead of the receive time an event of the current year may be (clock skew, zones): 31 days. */
    static final long MAX_FUTURE_SECS = 31L * CivilCalendar.SECONDS_PER_DAY;
    /** How far ahead an event may be to belong to next year (sender ahead across New Year): 7 days. */
    static final long MAX_NEXT_YEAR_AHEAD_SECS = 7L * CivilCalendar.SECONDS_PER_DAY;

    /** Returned by {@link #epochSeconds} for February 29 in a chosen year that is not a leap year. */
    static final long NO_DATE = Long.MIN_VALUE;

    private int year;
    private long yearStartMs = 1;
    private long yearEndMs = 0;
    private long previousYearStartDay;
    private long yearStartDay;
    private long nextYearStartDay;
    private boolean previousLeap;
    private boolean leap;
    private boolean nextLeap;

    /**
     * @param month 1–12
     * @param day 1–31
     * @param secondOfDay 0–86 400
     * @return epoch seconds of the timestamp in the year chosen relative to {@code receivedAtMs}, or
     *         {@link #NO_DATE} when that year has no such day (February 29 of a common year)
     */
    long epochSeconds(long receivedAtMs, int month, int day, int secondOfDay) {
        if (receivedAtMs < yearStartMs || receivedAtMs >= yearEndMs) {
            cacheYearOf(receivedAtMs);
        }
        final long receivedSecs = Math.floorDiv(receivedAtMs, 1000L);
        final long next = seconds(nextYearStartDay, nextLeap, month, day, secondOfDay);
        if (next - receivedSecs <= MAX_NEXT_YEAR_AHEAD_SECS) {
            return exists(nextLeap, month, day) ? next : NO_DATE;
        }
        final long current = seconds(yearStartDay, leap, month, day, secondOfDay);
        if (current - receivedSecs <= MAX_FUTURE_SECS) {
            return exists(leap, month, day) ? current : NO_DATE;
        }
        return exists(previousLeap, month, day)
                ? seconds(previousYearStartDay, previousLeap, month, day, secondOfDay) : NO_DATE;
    }

    /** @return the cached receiver year (for tests) */
    int receiverYear(long receivedAtMs) {
        if (receivedAtMs < yearStartMs || receivedAtMs >= yearEndMs) {
            cacheYearOf(receivedAtMs);
        }
        return year;
    }

    private static boolean exists(boolean leapYear, int month, int day) {
        return day <= CivilCalendar.daysInMonth(month, leapYear);
    }

    private static long seconds(long yearStartDay, boolean leap, int month, int day, int secondOfDay) {
        final long epochDay = yearStartDay + CivilCalendar.daysBeforeMonth(month, leap) + day - 1;
        return epochDay * CivilCalendar.SECONDS_PER_DAY + secondOfDay;
    }

    private void cacheYearOf(long receivedAtMs) {
        final int y = CivilCalendar.yearOfEpochDay(Math.floorDiv(receivedAtMs, CivilCalendar.MILLIS_PER_DAY));
        year = y;
        previousYearStartDay = CivilCalendar.epochDay(y - 1, 1, 1);
        yearStartDay = CivilCalendar.epochDay(y, 1, 1);
        nextYearStartDay = CivilCalendar.epochDay(y + 1, 1, 1);
        previousLeap = CivilCalendar.isLeapYear(y - 1);
        leap = CivilCalendar.isLeapYear(y);
        nextLeap = CivilCalendar.isLeapYear(y + 1);
        yearStartMs = yearStartDay * CivilCalendar.MILLIS_PER_DAY;
        yearEndMs = nextYearStartDay * CivilCalendar.MILLIS_PER_DAY;
    }
}
