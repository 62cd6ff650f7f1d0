package io.watchfloor.detect.match;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.temporal.IsoFields;

/**
 * Sigma 2.1's {@code minute}, {@code hour}, {@code day}, {@code week}, {@code month} and {@code year} modifiers:
 * the part of an ISO 8601 date or date-time value ({@code 2024-05-01}, {@code 2024-05-01T12:30:00Z},
 * {@code 2024-05-01 12:30:00.123}) equals the rule's number. The parts are read as written, with no time zone
 * conversion (the specification says so); {@code week} is the ISO week. A value that is not such a date does not
 * match.
 */
final class DatePartMatcher implements ValueMatcher {
    /** The date parts. */
    enum Part { MINUTE, HOUR, DAY, WEEK, MONTH, YEAR }

    private final Part part;
    private final int expected;

    DatePartMatcher(Part part, int expected) {
        this.part = part;
        this.expected = expected;
    }

    @Override
    public boolean matches(String value) {
        final int year = digits(value, 0, 4);
        if (year < 0 || value.length() < 10 || value.charAt(4) != '-' || value.charAt(7) != '-') {
            return false;
        }
        final int month = digits(value, 5, 2);
        final int day = digits(value, 8, 2);
        if (month < 1 || day < 1) {
            return false;
        }
        switch (part) {
            case YEAR: return year == expected;
            case MONTH: return month == expected;
            case DAY: return day == expected;
            case WEEK:
                try {
                    return LocalDate.of(year, month, day).get(IsoFields.WEEK_OF_WEEK_BASED_YEAR) == expected;
                } catch (DateTimeException e) {
                    return false;
                }
            default:
                break;
        }
        if (value.length() < 16 || (value.charAt(10) != 'T' && value.charAt(10) != ' ') || value.charAt(13) != ':') {
            return false;
        }
        return (part == Part.HOUR ? digits(value, 11, 2) : digits(value, 14, 2)) == expected;
    }

    /** @return the decimal number of {@code n} digits at {@code from}, or -1 */
    private static int digits(String s, int from, int n) {
        if (s.length() < from + n) {
            return -1;
        }
        int v = 0;
        for (int i = from; i < from + n; i++) {
            final char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
