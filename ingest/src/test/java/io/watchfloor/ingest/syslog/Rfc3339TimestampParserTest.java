package io.watchfloor.ingest.syslog;

import io.watchfloor.core.event.SyslogFields;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;

import static org.assertj.core.api.Assertions.assertThat;

class Rfc3339TimestampParserTest {
    private final SyslogFields out = new SyslogFields();

    private int parse(String text, boolean strict) {
        out.reset();
        final byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        return Rfc3339TimestampParser.parse(b, 0, b.length, strict, out);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1985-04-12T23:20:50.52Z", "1996-12-19T16:39:57-08:00",
        "2003-08-24T05:14:15.000003-07:00", "2024-02-29T00:00:00.123456789+14:00", "1937-01-01T12:00:27.87+00:20"})
    void shouldMatchJavaTimeInStrictMode(String text) {
        final int end = parse(text, true);

        assertThat(end).isEqualTo(text.length());
        final OffsetDateTime expected = OffsetDateTime.parse(text);
        assertThat(out.timestampEpochSeconds()).isEqualTo(expected.toEpochSecond());
        assertThat(out.timestampNanos()).isEqualTo(expected.getNano());
        assertThat(out.timestampOffsetSeconds()).isEqualTo(expected.getOffset().getTotalSeconds());
        assertThat(out.timestampHasOffset()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-05-01t10:00:00Z", "2024-05-01T10:00:00", "2024-05-01T10:00:00+0200",
        "2024-05-01 10:00:00Z", "2024-05-01T10:00:00.Z", "2024-05-01T10:00:00.1234567890Z", "2024-00-01T10:00:00Z",
        "2024-05-32T10:00:00Z", "2024-05-01T24:00:00Z", "2024-05-01T10:60:00Z", "2024-05-01T10:00:00+24:00",
        "2024-05-01T10:00", "2024/05/01T10:00:00Z", "2024-05-01T10:00:00+02", "2026-02-29T10:00:00Z",
        "2026-02-30T10:00:00Z", "2024-02-30T10:00:00Z", "2026-04-31T10:00:00Z", "2026-11-31T00:00:00Z",
        "2026-05-01T10:00:61Z", "2100-02-29T00:00:00Z"})
    void shouldRejectInStrictMode(String text) {
        assertThat(parse(text, true)).isEqualTo(-1);
        assertThat(out.hasTimestamp()).isFalse();
    }

    @Test
    void shouldAcceptLenientForms() {
        assertThat(parse("2024-05-01t10:00:00z", false)).isEqualTo(20);
        assertThat(parse("2024-05-01 10:00:00.5 host", false)).isEqualTo(21);
        assertThat(out.timestampHasOffset()).isFalse();
        assertThat(out.timestampNanos()).isEqualTo(500_000_000);
        assertThat(parse("2024-05-01T10:00:00+0230", false)).isEqualTo(24);
        assertThat(out.timestampOffsetSeconds()).isEqualTo(2 * 3600 + 30 * 60);
        assertThat(parse("2024-05-01T10:00:00-05", false)).isEqualTo(22);
        assertThat(out.timestampOffsetSeconds()).isEqualTo(-5 * 3600);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-02-29T10:00:00Z", "2026-02-30T10:00:00Z", "2026-06-31T10:00:00Z"})
    void shouldRejectImpossibleDatesInLenientMode(String text) {
        assertThat(parse(text, false)).isEqualTo(-1);
        assertThat(out.hasTimestamp()).isFalse();
    }

    @Test
    void shouldAcceptLastDayOfEachMonthAndLeapDays() {
        assertThat(parse("2024-02-29T00:00:00Z", true)).isEqualTo(20);
        assertThat(parse("2000-02-29T00:00:00Z", true)).isEqualTo(20);
        assertThat(parse("2026-04-30T23:59:59Z", true)).isEqualTo(20);
        assertThat(parse("2026-12-31T23:59:59Z", true)).isEqualTo(20);
    }

    @Test
    void shouldClampLeapSecondToEndOfSameMinute() {
        assertThat(parse("2026-05-01T10:00:60Z", true)).isEqualTo(20);
        assertThat(out.timestampEpochSeconds()).isEqualTo(OffsetDateTime.parse("2026-05-01T10:00:59Z").toEpochSecond());
        assertThat(out.timestampNanos()).isEqualTo(999_999_999);
        assertThat(out.timestampFractionDigits()).isEqualTo(9);

        assertThat(parse("1990-12-31T15:59:60.5-08:00", true)).isEqualTo(27);
        assertThat(out.timestampEpochSeconds())
                .isEqualTo(OffsetDateTime.parse("1990-12-31T15:59:59-08:00").toEpochSecond());
        assertThat(out.timestampNanos()).isEqualTo(999_999_999);
    }
}
