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
 * Year-less stamps get their year from {@link YearResolver}. Zone names are not resolved: the time is taken as
 * UTC and {@code hasOffset} stays false.
 */
final class BsdTimestampParser {
    private static final int MAX_ZONE_NAME_LENGTH = 6;
    private static final int MAX_FRACTION_DIGITS = 9;

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
        if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) {
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
        i = skipTail(b, i, end);
        final int secondOfDay = hour * 3600 + minute * 60 + second;
        final long epochSeconds = year >= 0
                ? CivilCalendar.epochDay(year, month, day) * CivilCalendar.SECONDS_PER_DAY + secondOfDay
                : years.epochSeconds(receivedAtMs, month, day, secondOfDay);
        out.timestamp(epochSeconds, fractionNanos(fraction, digits), digits, 0, false);
        return i;
    }

    /** Skips a trailing {@code :} after the time, or a Cisco zone name followed by {@code ": %"}. */
    private static int skipTail(byte[] b, int i, int end) {
        if (i >= end) {
            return i;
        }
        if (b[i] == ':') {
            return i + 1;
        }
        if (b[i] != SP) {
            return i;
        }
        int j = i + 1;
        while (j < end && j - i <= MAX_ZONE_NAME_LENGTH && isAlpha(b[j])) {
            j++;
        }
        if (j > i + 1 && j + 2 < end && b[j] == ':' && b[j + 1] == SP && b[j + 2] == '%') {
            return j + 1;
        }
        return i;
    }

    /** @return the year resolver (for tests of the boundary rules) */
    YearResolver years() {
        return years;
    }
}
