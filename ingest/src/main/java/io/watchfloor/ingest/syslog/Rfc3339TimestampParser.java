package io.watchfloor.ingest.syslog;

import io.watchfloor.core.event.SyslogFields;

import static io.watchfloor.ingest.syslog.SyslogBytes.fourDigits;
import static io.watchfloor.ingest.syslog.SyslogBytes.fractionNanos;
import static io.watchfloor.ingest.syslog.SyslogBytes.isDigit;
import static io.watchfloor.ingest.syslog.SyslogBytes.twoDigits;

/**
 * Reads an RFC 3339 timestamp ({@code 2003-10-11T22:14:15.003Z}, {@code …+02:00}) into {@link SyslogFields}.
 * Stateless.
 *
 * <p>Strict mode (RFC 5424 §6.2.3) wants upper-case {@code T}/{@code Z} and a zone offset; it accepts up to 9
 * fraction digits, because .NET and Go senders write 7 and 9. Lenient mode (the same stamp after a legacy PRI,
 * as VMware ESXi and rsyslog-forwarded files write it) also takes lower case, a space for {@code T} (RFC 3339
 * §5.6 note; macOS {@code 2023-01-23 03:22:26.410246-0800}), a missing zone (UTC assumed) and an offset without
 * colon.
 *
 * <p>The date must exist (February 29 only in leap years, no April 31) and the time be within 23:59:59, or the
 * bytes are not a timestamp (-1): never rolled over into another day or minute. A leap second ({@code :60}, which
 * RFC 3339 allows) is clamped to {@code :59.999999999} of the same minute, with 9 fraction digits.
 */
final class Rfc3339TimestampParser {
    private static final int DATE_TIME_LENGTH = 19;
    private static final int MAX_FRACTION_DIGITS = 9;
    static final int LEAP_SECOND = 60;
    /** A leap second is clamped to the last nanosecond of the minute's second 59. */
    static final int LAST_NANO = 999_999_999;

    private Rfc3339TimestampParser() {
    }

    /**
     * @return the index just after the timestamp, or -1 when the bytes at {@code pos} are not one (nothing written)
     */
    static int parse(byte[] b, int pos, int end, boolean strict, SyslogFields out) {
        if (pos + DATE_TIME_LENGTH > end || b[pos + 4] != '-' || b[pos + 7] != '-'
                || b[pos + 13] != ':' || b[pos + 16] != ':') {
            return -1;
        }
        final byte t = b[pos + 10];
        if (t != 'T' && (strict || (t != 't' && t != ' '))) {
            return -1;
        }
        final int year = fourDigits(b, pos);
        final int month = twoDigits(b, pos + 5);
        final int day = twoDigits(b, pos + 8);
        final int hour = twoDigits(b, pos + 11);
        final int minute = twoDigits(b, pos + 14);
        final int second = twoDigits(b, pos + 17);
        if (year < 0 || !CivilCalendar.isValidDate(year, month, day) || hour < 0 || hour > 23
                || minute < 0 || minute > 59 || second < 0 || second > LEAP_SECOND) {
            return -1;
        }
        int i = pos + DATE_TIME_LENGTH;
        int fraction = 0;
        int digits = 0;
        if (i < end && b[i] == '.') {
            i++;
            while (i < end && isDigit(b[i])) {
                if (++digits > MAX_FRACTION_DIGITS) {
                    return -1;
                }
                fraction = fraction * 10 + (b[i] - '0');
                i++;
            }
            if (digits == 0) {
                return -1;
            }
        }
        int offsetSecs = 0;
        boolean hasOffset = true;
        final byte z = i < end ? b[i] : 0;
        if (z == 'Z' || (!strict && z == 'z')) {
            i++;
        } else if (z == '+' || z == '-') {
            final int sign = z == '-' ? -1 : 1;
            if (i + 3 > end) {
                return -1;
            }
            final int offHours = twoDigits(b, i + 1);
            int offMinutes;
            if (i + 6 <= end && b[i + 3] == ':') {
                offMinutes = twoDigits(b, i + 4);
                i += 6;
            } else if (strict) {
                return -1;
            } else if (i + 5 <= end && isDigit(b[i + 3])) {
                offMinutes = twoDigits(b, i + 3);
                i += 5;
            } else {
                offMinutes = 0;
                i += 3;
            }
            if (offHours < 0 || offHours > 23 || offMinutes < 0 || offMinutes > 59) {
                return -1;
            }
            offsetSecs = sign * (offHours * 3600 + offMinutes * 60);
        } else if (strict) {
            return -1;
        } else {
            hasOffset = false;
        }
        final boolean leapSecond = second == LEAP_SECOND;
        final long epochDay = CivilCalendar.epochDay(year, month, day);
        final long epochSeconds = epochDay * CivilCalendar.SECONDS_PER_DAY + hour * 3600 + minute * 60
                + (leapSecond ? LEAP_SECOND - 1 : second) - offsetSecs;
        out.timestamp(epochSeconds, leapSecond ? LAST_NANO : fractionNanos(fraction, digits),
                leapSecond ? MAX_FRACTION_DIGITS : digits, offsetSecs, hasOffset);
        return i;
    }
}
