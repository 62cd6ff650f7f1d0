package io.watchfloor.ingest.syslog;

import io.watchfloor.core.event.SyslogFields;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** Timestamps with arbitrary field values: java.time decides what exists; nothing is ever rolled over. */
class TimestampValidityProperties {
    private final SyslogFields out = new SyslogFields();

    /** @return the expected epoch second of the stamp (second 60 clamped to 59), or null when it does not exist */
    private static Long expectedEpochSecond(int year, int month, int day, int hour, int minute, int second) {
        try {
            return LocalDateTime.of(year, month, day, hour, minute, Math.min(second, 59))
                    .toEpochSecond(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private void assertParsed(int end, Long expected, int second) {
        if (expected == null) {
            assertThat(end).isEqualTo(-1);
            assertThat(out.hasTimestamp()).isFalse();
            return;
        }
        assertThat(end).isPositive();
        assertThat(out.timestampEpochSeconds()).isEqualTo(expected);
        assertThat(out.timestampNanos()).isEqualTo(second == 60 ? 999_999_999 : 0);
    }

    @Property(tries = 2000)
    void shouldAcceptRfc3339StampIffItExists(@ForAll @IntRange(min = 1, max = 9999) int year,
                                             @ForAll @IntRange(min = 0, max = 13) int month,
                                             @ForAll @IntRange(min = 0, max = 32) int day,
                                             @ForAll @IntRange(min = 0, max = 24) int hour,
                                             @ForAll @IntRange(min = 0, max = 60) int minute,
                                             @ForAll @IntRange(min = 0, max = 61) int second) {
        final String text = String.format("%04d-%02d-%02dT%02d:%02d:%02dZ", year, month, day, hour, minute, second);
        final byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        out.reset();
        final int end = Rfc3339TimestampParser.parse(b, 0, b.length, true, out);
        assertParsed(end, second > 60 ? null : expectedEpochSecond(year, month, day, hour, minute, second), second);
    }

    @Property(tries = 2000)
    void shouldAcceptBsdStampWithYearIffItExists(@ForAll @IntRange(min = 1000, max = 9999) int year,
                                                 @ForAll @IntRange(min = 1, max = 12) int month,
                                                 @ForAll @IntRange(min = 1, max = 31) int day,
                                                 @ForAll @IntRange(min = 0, max = 23) int hour,
                                                 @ForAll @IntRange(min = 0, max = 59) int minute,
                                                 @ForAll @IntRange(min = 0, max = 60) int second) {
        final String name = Month.of(month).getDisplayName(TextStyle.SHORT, Locale.ROOT);
        final String text = String.format("%s %2d %04d %02d:%02d:%02d host", name, day, year, hour, minute, second);
        final byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        out.reset();
        final int end = new BsdTimestampParser().parse(b, 0, b.length, 0L, out);
        assertParsed(end, expectedEpochSecond(year, month, day, hour, minute, second), second);
    }
}
