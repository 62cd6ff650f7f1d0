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
        "2024-05-01T10:00:00.123+02:00 h|2024-05-01T08:00:00.123Z|' h'",
    })
    void shouldReadVariant(String text, String expected, String rest) {
        assertThat(rest(text)).isEqualTo(rest);
        assertThat(Instant.ofEpochSecond(out.timestampEpochSeconds(), out.timestampNanos()))
                .isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Foo 3 10:00:00 h", "Feb 32 10:00:00 h", "Feb 0 10:00:00 h", "Feb 3 25:00:00 h",
        "Feb 3 10:00 h", "Feb3 10:00:00 h", "Feb   3 10:00:00 h", "2013 Ap 15 09:36:50", "", "*", "Feb 3"})
    void shouldRejectNonTimestamp(String text) {
        assertThat(rest(text)).isNull();
        assertThat(out.hasTimestamp()).isFalse();
    }
}
