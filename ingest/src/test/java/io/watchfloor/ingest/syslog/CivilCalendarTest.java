package io.watchfloor.ingest.syslog;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class CivilCalendarTest {

    @Property(tries = 2000)
    void shouldMatchJavaTimeEpochDay(@ForAll @IntRange(min = -9999, max = 9999) int year,
                                     @ForAll @IntRange(min = 1, max = 12) int month,
                                     @ForAll @IntRange(min = 1, max = 28) int day) {
        assertThat(CivilCalendar.epochDay(year, month, day)).isEqualTo(LocalDate.of(year, month, day).toEpochDay());
    }

    @Property(tries = 2000)
    void shouldMatchJavaTimeYear(@ForAll @LongRange(min = -3_000_000, max = 3_000_000) long epochDay) {
        assertThat(CivilCalendar.yearOfEpochDay(epochDay)).isEqualTo(LocalDate.ofEpochDay(epochDay).getYear());
    }

    @Property(tries = 500)
    void shouldCountDaysBeforeMonthLikeJavaTime(@ForAll @IntRange(min = 1900, max = 2200) int year,
                                                @ForAll @IntRange(min = 1, max = 12) int month) {
        assertThat(CivilCalendar.daysBeforeMonth(month, CivilCalendar.isLeapYear(year)))
                .isEqualTo(LocalDate.of(year, month, 1).getDayOfYear() - 1);
    }
}
