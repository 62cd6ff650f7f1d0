package io.watchfloor.ingest.syslog;

import io.watchfloor.core.event.SyslogFields;

import static io.watchfloor.ingest.syslog.SyslogBytes.SP;
import static io.watchfloor.ingest.syslog.SyslogBytes.fourDigits;
import static io.watchfloor.ingest.syslog.SyslogBytes.fractionNanos;
import static io.watchfloor.ingest.syslog.SyslogBytes.isAlpha;
import static io.watchfloor.ingest.syslog.SyslogBytes.isDigit;
import static io.watchfloor.ingest.syslog.SyslogBytes.month;
import static io.watchfloor.ingest.syslog.SyslogBytes.twoDigits;

/**
 * Reads the timestamp of a legacy (RFC 3164-style) header into {@link SyslogFields}. Not thread-safe: one per
 * parser (it owns a {@link YearResolver} cache).
 *
 * <p>Accepted forms, all observed from real senders:
 * <ul>
 *   <li>{@code Mmm dd hh:mm:ss} with the day space-padded ({@code Feb  3}), zero-padded or unpadded, month in any
 *       case, optional {@code .fff} fraction (up to 9 digits kept);</li>
 *   <li>a year after the day ({@code Apr 15 2013 09:36:50}, Cisco ASA), before the month
 *       ({@code 2013 Apr 15 …}, NX-OS) or after the time ({@code … 14:59:11 2015}, H3C);</li>
 *   <li>Cisco IOS: a {@code *} or {@code .} prefix (clock not or no longer synchronised), a trailing {@code :} and
 *       a zone name before {@code ": %"} ({@code 03:32:04.114 UTC: %SEC-6-…});</li>
 *   <li>an RFC 3339 stamp (lenient mode of {@link Rfc3339TimestampParser}).</li>
 * </ul>
 * Year-less stamps get their year from {@link YearResolver}.
 *
 * <p>Impossible stamps are not timestamps (-1, nothing written), never rolled over into another date: the day
 * must exist in its month, and a year-less February 29 whose resolved year is not a leap year is rejected
 * (see {@link YearResolver}). A leap second ({@code :60}) is clamped to {@code :59.999999999} of the same minute.
 *
 * <p>A Cisco zone name is resolved from a small fixed table of unambiguous abbreviations ({@code UTC GMT UT Z},
 * {@code CET CEST EET EEST WET WEST MSK}, US {@code EST EDT CST CDT MST MDT PST PDT AKST AKDT HST},
 * {@code JST KST AEST AEDT ACST AWST NZST NZDT}; letters in any case): the offset is applied and {@code hasOffset}
 * is true. Other names (ambiguous such as {@code IST} or {@code BST}, or unknown such as {@code mng}) and stamps
 * without a zone are taken as UTC with {@code hasOffset} false.
 */
final class BsdTimestampParser {
    private static final int MAX_ZONE_NAME_LENGTH = 6;
    private static final int MAX_FRACTION_DIGITS = 9;
    /** {@link #zoneOffsetSecs} for a zone name not in the table. */
    static final int UNKNOWN_ZONE = Integer.MIN_VALUE;
    private static final int HOUR_SECS = 3600;

    private final YearResolver years = new YearResolver();

    /**
     * @return the index just after the timestamp (and after a trailing {@code :} or zone name), or -1 when the
     *         bytes at {@code pos} are not a timestamp (nothing written)
     */
    int parse(byte[] b, int pos, int end, long receivedAtMs, SyslogFields out) {
        int i = pos;
        if (i < end && (b[i] == '*' || b[i] == '.')) {
            i++;
        }
        if (i >= end) {
            return -1;
        }
        int year = -1;
        if (isDigit(b[i])) {
            if (i + 5 > end) {
                return -1;
            }
            if (b[i + 4] == '-') {
                return Rfc3339TimestampParser.parse(b, i, end, false, out);
            }
            year = fourDigits(b, i);
            if (year < 0 || b[i + 4] != SP) {
                return -1;
            }
            i += 5;
        }
        final int month = month(b, i, end);
        if (month < 0) {
            return -1;
        }
        i += 3;
        if (i + 2 > end || b[i] != SP) {
            return -1;
        }
        i++;
        if (b[i] == SP) {
            i++;
        }
        if (i >= end || !isDigit(b[i])) {
            return -1;
        }
        int day = b[i++] - '0';
        if (i < end && isDigit(b[i])) {
            day = day * 10 + (b[i++] - '0');
        }
        if (day < 1 || day > 31 || i >= end || b[i] != SP) {
            return -1;
        }
        i++;
        if (year < 0 && i + 5 <= end && b[i + 4] == SP && (year = fourDigits(b, i)) >= 0) {
            i += 5;
        }
        if (i + 8 > end || b[i + 2] != ':' || b[i + 5] != ':') {
            return -1;
        }
        final int hour = twoDigits(b, i);
        final int minute = twoDigits(b, i + 3);
        final int second = twoDigits(b, i + 6);
        if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0
                || second > Rfc3339TimestampParser.LEAP_SECOND) {
            return -1;
        }
        i += 8;
        int fraction = 0;
        int digits = 0;
        if (i + 1 < end && b[i] == '.' && isDigit(b[i + 1])) {
            i++;
            while (i < end && isDigit(b[i])) {
                if (digits < MAX_FRACTION_DIGITS) {
                    fraction = fraction * 10 + (b[i] - '0');
                    digits++;
                }
                i++;
            }
        }
        if (year < 0 && i + 5 <= end && b[i] == SP && (i + 5 == end || b[i + 5] == SP)) {
            final int trailingYear = fourDigits(b, i + 1);
            if (trailingYear >= 0) {
                year = trailingYear;
                i += 5;
            }
        }
        int offsetSecs = 0;
        boolean hasOffset = false;
        if (i < end && b[i] == ':') {
            i++;
        } else if (i < end && b[i] == SP) {
            final int colon = zoneNameEnd(b, i + 1, end);
            if (colon >= 0) {
                final int zone = zoneOffsetSecs(b, i + 1, colon);
                if (zone != UNKNOWN_ZONE) {
                    offsetSecs = zone;
                    hasOffset = true;
                }
                i = colon + 1;
            }
        }
        final boolean leapSecond = second == Rfc3339TimestampParser.LEAP_SECOND;
        final int secondOfDay = hour * 3600 + minute * 60 + (leapSecond ? second - 1 : second);
        long epochSeconds;
        if (year >= 0) {
            if (!CivilCalendar.isValidDate(year, month, day)) {
                return -1;
            }
            epochSeconds = CivilCalendar.epochDay(year, month, day) * CivilCalendar.SECONDS_PER_DAY + secondOfDay;
        } else {
            if (day > CivilCalendar.daysInMonth(month, true)) {
                return -1;
            }
            epochSeconds = years.epochSeconds(receivedAtMs, month, day, secondOfDay);
            if (epochSeconds == YearResolver.NO_DATE) {
                return -1;
            }
        }
        epochSeconds -= offsetSecs;
        if (leapSecond) {
            out.timestamp(epochSeconds, Rfc3339TimestampParser.LAST_NANO, MAX_FRACTION_DIGITS, offsetSecs, hasOffset);
        } else {
            out.timestamp(epochSeconds, fractionNanos(fraction, digits), digits, offsetSecs, hasOffset);
        }
        return i;
    }

    /**
     * A Cisco zone name after the time: letters followed by {@code ": %"}.
     *
     * @param i index just after the SP following the time
     * @return the index of the {@code :} ending the zone name, or -1
     */
    private static int zoneNameEnd(byte[] b, int i, int end) {
        int j = i;
        while (j < end && j - i < MAX_ZONE_NAME_LENGTH && isAlpha(b[j])) {
            j++;
        }
        if (j > i && j + 2 < end && b[j] == ':' && b[j + 1] == SP && b[j + 2] == '%') {
            return j;
        }
        return -1;
    }

    /**
     * @return the UTC offset in seconds of the unambiguous zone abbreviation {@code b[start..end)} (letters, any
     *         case), or {@link #UNKNOWN_ZONE}
     */
    static int zoneOffsetSecs(byte[] b, int start, int end) {
        if (end - start > 4) {
            return UNKNOWN_ZONE;
        }
        int key = 0;
        for (int i = start; i < end; i++) {
            key = (key << 8) | (b[i] & ~0x20);
        }
        switch (key) {
            case 'Z':
            case ('U' << 8) | 'T':
            case ('U' << 16) | ('T' << 8) | 'C':
            case ('G' << 16) | ('M' << 8) | 'T':
            case ('W' << 16) | ('E' << 8) | 'T':
                return 0;
            case ('C' << 16) | ('E' << 8) | 'T':
            case ('W' << 24) | ('E' << 16) | ('S' << 8) | 'T':
                return HOUR_SECS;
            case ('C' << 24) | ('E' << 16) | ('S' << 8) | 'T':
            case ('E' << 16) | ('E' << 8) | 'T':
                return 2 * HOUR_SECS;
            case ('E' << 24) | ('E' << 16) | ('S' << 8) | 'T':
            case ('M' << 16) | ('S' << 8) | 'K':
                return 3 * HOUR_SECS;
            case ('E' << 16) | ('S' << 8) | 'T':
                return -5 * HOUR_SECS;
            case ('E' << 16) | ('D' << 8) | 'T':
                return -4 * HOUR_SECS;
            case ('C' << 16) | ('S' << 8) | 'T':
                return -6 * HOUR_SECS;
            case ('C' << 16) | ('D' << 8) | 'T':
                return -5 * HOUR_SECS;
            case ('M' << 16) | ('S' << 8) | 'T':
                return -7 * HOUR_SECS;
            case ('M' << 16) | ('D' << 8) | 'T':
                return -6 * HOUR_SECS;
            case ('P' << 16) | ('S' << 8) | 'T':
                return -8 * HOUR_SECS;
            case ('P' << 16) | ('D' << 8) | 'T':
                return -7 * HOUR_SECS;
            case ('A' << 24) | ('K' << 16) | ('S' << 8) | 'T':
                return -9 * HOUR_SECS;
            case ('A' << 24) | ('K' << 16) | ('D' << 8) | 'T':
                return -8 * HOUR_SECS;
            case ('H' << 16) | ('S' << 8) | 'T':
                return -10 * HOUR_SECS;
            case ('J' << 16) | ('S' << 8) | 'T':
            case ('K' << 16) | ('S' << 8) | 'T':
                return 9 * HOUR_SECS;
            case ('A' << 24) | ('E' << 16) | ('S' << 8) | 'T':
                return 10 * HOUR_SECS;
            case ('A' << 24) | ('E' << 16) | ('D' << 8) | 'T':
                return 11 * HOUR_SECS;
            case ('A' << 24) | ('C' << 16) | ('S' << 8) | 'T':
                return 9 * HOUR_SECS + HOUR_SECS / 2;
            case ('A' << 24) | ('W' << 16) | ('S' << 8) | 'T':
                return 8 * HOUR_SECS;
            case ('N' << 24) | ('Z' << 16) | ('S' << 8) | 'T':
                return 12 * HOUR_SECS;
            case ('N' << 24) | ('Z' << 16) | ('D' << 8) | 'T':
                return 13 * HOUR_SECS;
            default:
                return UNKNOWN_ZONE;
        }
    }

    /** @return the year resolver (for tests of the boundary rules) */
    YearResolver years() {
        return years;
    }
}
