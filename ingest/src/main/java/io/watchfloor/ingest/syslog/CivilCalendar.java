package io.watchfloor.ingest.syslog;

/**
 * Proleptic Gregorian calendar arithmetic on epoch days (days since 1970-01-01), without {@code java.time}.
 *
 * <p>Howard Hinnant's {@code days_from_civil} / {@code civil_from_days} algorithms: a handful of integer
 * operations, no allocation, valid for every year an {@code int} can hold.
 */
final class CivilCalendar {
    static final int SECONDS_PER_DAY = 86_400;
    static final long MILLIS_PER_DAY = 86_400_000L;

    /** Days before the first of each month (index 0 = January) in a common year. */
    private static final int[] DAYS_BEFORE_MONTH = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
    /** Days in each month (index 0 = January) in a common year. */
    private static final int[] DAYS_IN_MONTH = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    private CivilCalendar() {
    }

    /** @return the epoch day of {@code year-month-day}; a day past the month's end rolls into the next month */
    static long epochDay(int year, int month, int day) {
        final int y = month <= 2 ? year - 1 : year;
        final int era = (y >= 0 ? y : y - 399) / 400;
        final int yearOfEra = y - era * 400;
        final int shiftedMonth = month > 2 ? month - 3 : month + 9;
        final int dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1;
        final int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097L + dayOfEra - 719_468;
    }

    /** @return the year containing {@code epochDay} */
    static int yearOfEpochDay(long epochDay) {
        final long z = epochDay + 719_468;
        final long era = (z >= 0 ? z : z - 146_096) / 146_097;
        final long dayOfEra = z - era * 146_097;
        final long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        final long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        final long shiftedMonth = (5 * dayOfYear + 2) / 153;
        return (int) (yearOfEra + era * 400 + (shiftedMonth >= 10 ? 1 : 0));
    }

    static boolean isLeapYear(int year) {
        return (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
    }

    /** @return the number of days in {@code month} (1–12) */
    static int daysInMonth(int month, boolean leapYear) {
        return month == 2 ? (leapYear ? 29 : 28) : DAYS_IN_MONTH[month - 1];
    }

    /** @return true when {@code year-month-day} exists (month 1–12, day within the month) */
    static boolean isValidDate(int year, int month, int day) {
        return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(month, isLeapYear(year));
    }

    /** @return days from January 1 to the first of {@code month} (1–12) */
    static int daysBeforeMonth(int month, boolean leapYear) {
        return DAYS_BEFORE_MONTH[month - 1] + (leapYear && month > 2 ? 1 : 0);
    }
}
