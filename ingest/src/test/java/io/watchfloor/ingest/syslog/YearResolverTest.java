package io.watchfloor.ingest.syslog;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class YearResolverTest {
    private final YearResolver years = new YearResolver();

    private long resolve(String receivedAt, int month, int day, int secondOfDay) {
        return years.epochSeconds(Instant.parse(receivedAt).toEpochMilli(), month, day, secondOfDay);
    }

    @Test
    void shouldUseReceiverYearForRecentPast() {
        assertThat(resolve("2026-05-28T12:00:00Z", 5, 28, 11 * 3600))
                .isEqualTo(Instant.parse("2026-05-28T11:00:00Z").getEpochSecond());
    }

    @Test
    void shouldAcceptUpToOneMonthInTheFuture() {
        assertThat(resolve("2026-05-28T12:00:00Z", 6, 27, 0))
                .isEqualTo(Instant.parse("2026-06-27T00:00:00Z").getEpochSecond());
    }

    @Test
    void shouldUsePreviousYearWhenMoreThanOneMonthAhead() {
        assertThat(resolve("2026-05-28T12:00:00Z", 7, 1, 0))
                .isEqualTo(Instant.parse("2025-07-01T00:00:00Z").getEpochSecond());
        assertThat(resolve("2027-01-01T00:00:01Z", 12, 31, 86_399))
                .isEqualTo(Instant.parse("2026-12-31T23:59:59Z").getEpochSecond());
    }

    @Test
    void shouldUseNextYearWhenSenderIsSlightlyAheadAtNewYear() {
        assertThat(resolve("2026-12-31T23:59:58Z", 1, 1, 3))
                .isEqualTo(Instant.parse("2027-01-01T00:00:03Z").getEpochSecond());
        assertThat(resolve("2026-12-20T00:00:00Z", 1, 15, 0))
                .as("more than a week ahead stays in the past")
                .isEqualTo(Instant.parse("2026-01-15T00:00:00Z").getEpochSecond());
    }

    @Test
    void shouldRecomputeCacheWhenReceiveYearChanges() {
        assertThat(years.receiverYear(Instant.parse("2026-12-31T23:59:59.999Z").toEpochMilli())).isEqualTo(2026);
        assertThat(years.receiverYear(Instant.parse("2027-01-01T00:00:00Z").toEpochMilli())).isEqualTo(2027);
        assertThat(years.receiverYear(Instant.parse("1969-12-31T23:59:59Z").toEpochMilli())).isEqualTo(1969);
    }

    @Test
    void shouldHandleLeapDays() {
        assertThat(resolve("2024-03-01T00:00:00Z", 2, 29, 0))
                .isEqualTo(Instant.parse("2024-02-29T00:00:00Z").getEpochSecond());
    }

    @Test
    void shouldReportNoDateForFebruary29OfCommonYear() {
        assertThat(resolve("2026-03-05T00:00:00Z", 2, 29, 0)).isEqualTo(YearResolver.NO_DATE);
        assertThat(resolve("2027-12-31T23:00:00Z", 2, 29, 0)).isEqualTo(YearResolver.NO_DATE);
        assertThat(resolve("2028-03-05T00:00:00Z", 2, 29, 0))
                .isEqualTo(Instant.parse("2028-02-29T00:00:00Z").getEpochSecond());
        assertThat(resolve("2029-01-05T00:00:00Z", 2, 29, 0))
                .isEqualTo(Instant.parse("2028-02-29T00:00:00Z").getEpochSecond());
    }
}
