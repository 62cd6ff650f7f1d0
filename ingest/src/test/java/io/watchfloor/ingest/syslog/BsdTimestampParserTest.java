package io.watchfloor.ingest.syslog;

import io.watchfloor.core.event.SyslogFields;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class BsdTimestampParserTest {
    private static final long RECEIVED_AT_MS = Instant.parse("2026-05-28T20:26:40Z").toEpochMilli();

    private final BsdTimestampParser parser = new BsdTimestampParser();
    private final SyslogFields out = new SyslogFields();

    private String rest(String text) {
        out.reset();
        final byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        final int end = parser.parse(b, 0, b.length, RECEIVED_AT_MS, out);
        return end < 0 ? null : text.substring(end);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Feb  3 10:00:00 h|2026-02-03T10:00:00Z|' h'",
        "Feb 3 10:00:00 h|2026-02-03T10:00:00Z|' h'",
        "feb 03 10:00:00.5 h|2026-02-03T10:00:00.5Z|' h'",
        "DEC 31 23:59:59: x|2025-12-31T23:59:59Z|' x'",
        "Apr 15 2013 09:36:50 fw|2013-04-15T09:36:50Z|' fw'",
        "2013 Apr 15 09:36:50 sw|2013-04-15T09:36:50Z|' sw'",
        "Oct  9 14:59:11 2015 h3c|2015-10-09T14:59:11Z|' h3c'",
        "*Mar  1 00:00:23.123 UTC: %SYS|2026-03-01T00:00:23.123Z|' %SYS'",
        ".Mar  1 00:00:23 mng: %SYS|2026-03-01T00:00:23Z|' %SYS'",
        "Mar  1 00:00:23 EST host|2026-03-01T00:00:23Z|' EST host'",
        "Feb 29 10:00:00 2024 h|2024-02-29T10:00:00Z|' h'",
        "Feb 28 23:59:60 h|2026-02-28T23:59:59.999999999Z|' h'",
        "2024-05-01T10:00:00.123+02:00 h|2024-05-01T08:00:00.123Z|' h'",
    })
    void shouldReadVariant(String text, String expected, String rest) {
        assertThat(rest(text)).isEqualTo(rest);
        assertThat(Instant.ofEpochSecond(out.timestampEpochSeconds(), out.timestampNanos()))
                .isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Foo 3 10:00:00 h", "Feb 32 10:00:00 h", "Feb 0 10:00:00 h", "Feb 3 25:00:00 h",
        "Feb 3 10:00 h", "Feb3 10:00:00 h", "Feb   3 10:00:00 h", "2013 Ap 15 09:36:50", "", "*", "Feb 3",
        "Feb 30 10:00:00 h", "Apr 31 10:00:00 h", "Feb 29 10:00:00 h", "Feb 29 2025 10:00:00 h",
        "2026 Feb 29 10:00:00 h", "Nov 31 10:00:00 2024 h", "Feb 3 10:00:61 h", "2026-02-30T10:00:00Z h"})
    void shouldRejectNonTimestamp(String text) {
        assertThat(rest(text)).isNull();
        assertThat(out.hasTimestamp()).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "UTC|0", "GMT|0", "UT|0", "Z|0", "utc|0", "CET|3600", "CEST|7200", "EET|7200", "EEST|10800", "WET|0",
        "WEST|3600", "MSK|10800", "EST|-18000", "EDT|-14400", "CST|-21600", "CDT|-18000", "MST|-25200",
        "MDT|-21600", "PST|-28800", "PDT|-25200", "AKST|-32400", "AKDT|-28800", "HST|-36000", "JST|32400",
        "KST|32400", "AEST|36000", "AEDT|39600", "ACST|34200", "AWST|28800", "NZST|43200", "NZDT|46800",
    })
    void shouldApplyUnambiguousCiscoZone(String zone, int offsetSecs) {
        assertThat(rest("Dec  3 10:01:23.456 " + zone + ": %SEC-6-IPACCESSLOGP: x")).isEqualTo(" %SEC-6-IPACCESSLOGP: x");
        assertThat(out.timestampHasOffset()).isTrue();
        assertThat(out.timestampOffsetSeconds()).isEqualTo(offsetSecs);
        assertThat(Instant.ofEpochSecond(out.timestampEpochSeconds(), out.timestampNanos()))
                .isEqualTo(Instant.parse("2025-12-03T10:01:23.456Z").minusSeconds(offsetSecs));
    }

    @ParameterizedTest
    @ValueSource(strings = {"IST", "BST", "mng", "ABCDE", "AEDTX", "CSTT", "PDTZZ"})
    void shouldTakeAmbiguousOrUnknownZoneAsUtcWithoutOffset(String zone) {
        assertThat(rest("Dec  3 10:01:23 " + zone + ": %SYS-5-X: y")).isEqualTo(" %SYS-5-X: y");
        assertThat(out.timestampHasOffset()).isFalse();
        assertThat(out.timestampOffsetSeconds()).isZero();
        assertThat(Instant.ofEpochSecond(out.timestampEpochSeconds())).isEqualTo(Instant.parse("2025-12-03T10:01:23Z"));
    }

    @org.junit.jupiter.api.Test
    void shouldRejectYearLessFebruary29InCommonYearAndAcceptItInLeapYear() {
        out.reset();
        final byte[] b = "Feb 29 10:00:00 h".getBytes(StandardCharsets.US_ASCII);
        assertThat(parser.parse(b, 0, b.length, Instant.parse("2028-03-10T00:00:00Z").toEpochMilli(), out))
                .isEqualTo(15);
        assertThat(Instant.ofEpochSecond(out.timestampEpochSeconds())).isEqualTo(Instant.parse("2028-02-29T10:00:00Z"));
        out.reset();
        assertThat(parser.parse(b, 0, b.length, Instant.parse("2025-01-10T00:00:00Z").toEpochMilli(), out))
                .isEqualTo(15);
        assertThat(Instant.ofEpochSecond(out.timestampEpochSeconds())).isEqualTo(Instant.parse("2024-02-29T10:00:00Z"));
        out.reset();
        assertThat(parser.parse(b, 0, b.length, Instant.parse("2026-03-01T00:00:00Z").toEpochMilli(), out))
                .isEqualTo(-1);
        assertThat(out.hasTimestamp()).isFalse();
    }
}
