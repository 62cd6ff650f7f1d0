package io.watchfloor.ingest.syslog;

import io.watchfloor.core.event.SyslogFields;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static io.watchfloor.ingest.syslog.ParsedSyslog.parse;
import static org.assertj.core.api.Assertions.assertThat;

class Rfc5424ParserTest {

    @Test
    void shouldParseRfcExample1WithBomAndNilSd() {
        final ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes("<34>1 2003-10-11T22:14:15.003Z mymachine.example.com su - ID47 - ".getBytes(StandardCharsets.US_ASCII));
        b.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        b.writeBytes("'su root' failed for lonvick on /dev/pts/8".getBytes(StandardCharsets.US_ASCII));
        final ParsedSyslog p = parse(b.toByteArray());

        assertThat(p.fields.format()).isEqualTo(SyslogFields.FORMAT_RFC5424);
        assertThat(p.fields.version()).isEqualTo(1);
        assertThat(p.fields.priority()).isEqualTo(34);
        assertThat(p.fields.facility()).isEqualTo(4);
        assertThat(p.fields.severity()).isEqualTo(2);
        assertThat(p.time()).isEqualTo(Instant.parse("2003-10-11T22:14:15.003Z"));
        assertThat(p.fields.timestampFractionDigits()).isEqualTo(3);
        assertThat(p.fields.timestampHasOffset()).isTrue();
        assertThat(p.host()).isEqualTo("mymachine.example.com");
        assertThat(p.app()).isEqualTo("su");
        assertThat(p.procId()).isNull();
        assertThat(p.fields.procIdOffset()).isEqualTo(-1);
        assertThat(p.msgId()).isEqualTo("ID47");
        assertThat(p.fields.sdCount()).isZero();
        assertThat(p.message()).isEqualTo("'su root' failed for lonvick on /dev/pts/8");
        assertThat(p.fields.parseError()).isFalse();
    }

    @Test
    void shouldParseRfcExample2WithOffsetAndMicroseconds() {
        final ParsedSyslog p = parse("<165>1 2003-08-24T05:14:15.000003-07:00 192.0.2.1 myproc 8710 - - "
                + "%% It's time to make the do-nuts.");

        assertThat(p.time()).isEqualTo(Instant.parse("2003-08-24T12:14:15.000003Z"));
        assertThat(p.fields.timestampOffsetSeconds()).isEqualTo(-7 * 3600);
        assertThat(p.fields.timestampFractionDigits()).isEqualTo(6);
        assertThat(p.host()).isEqualTo("192.0.2.1");
        assertThat(p.app()).isEqualTo("myproc");
        assertThat(p.procId()).isEqualTo("8710");
        assertThat(p.msgId()).isNull();
        assertThat(p.message()).isEqualTo("%% It's time to make the do-nuts.");
    }

    @Test
    void shouldParseRfcExample3StructuredData() {
        final ParsedSyslog p = parse("<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 "
                + "[exampleSDID@32473 iut=\"3\" eventSource=\"Application\" eventID=\"1011\"] "
                + "An application event log entry...");

        assertThat(p.fields.sdCount()).isEqualTo(3);
        assertThat(p.sdId(0)).isEqualTo("exampleSDID@32473");
        assertThat(p.sdName(0)).isEqualTo("iut");
        assertThat(p.sdValue(0)).isEqualTo("3");
        assertThat(p.sdName(1)).isEqualTo("eventSource");
        assertThat(p.sdValue(1)).isEqualTo("Application");
        assertThat(p.sdName(2)).isEqualTo("eventID");
        assertThat(p.sdValue(2)).isEqualTo("1011");
        assertThat(p.message()).isEqualTo("An application event log entry...");
    }

    @Test
    void shouldParseRfcExample4TwoElementsWithoutMessage() {
        final ParsedSyslog p = parse("<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 "
                + "[exampleSDID@32473 iut=\"3\" eventSource=\"Application\" eventID=\"1011\"]"
                + "[examplePriority@32473 class=\"high\"]");

        assertThat(p.fields.sdCount()).isEqualTo(4);
        assertThat(p.sdId(3)).isEqualTo("examplePriority@32473");
        assertThat(p.sdName(3)).isEqualTo("class");
        assertThat(p.sdValue(3)).isEqualTo("high");
        assertThat(p.fields.messageOffset()).isEqualTo(-1);
    }

    @Test
    void shouldKeepEscapesAsFlagAndResolveThemAtTheEdge() {
        final ParsedSyslog p = parse("<13>1 - host app - - [x@1 a=\"q\\\"b\\\\c\\]d\\e\" plain=\"v\"] m");

        assertThat(p.fields.sdValueEscaped(0)).isTrue();
        assertThat(p.sdValue(0)).isEqualTo("q\"b\\c]d\\e");
        assertThat(p.fields.sdValueEscaped(1)).isFalse();
        assertThat(p.sdValue(1)).isEqualTo("v");
        assertThat(p.message()).isEqualTo("m");
    }

    @Test
    void shouldKeepRepeatedParamNamesAndElementsWithoutParams() {
        final ParsedSyslog p = parse("<13>1 - host app - - [origin ip=\"192.0.2.1\" ip=\"198.51.100.7\"]"
                + "[exampleSDID@32473][meta sequenceId=\"1\"] msg");

        assertThat(p.fields.sdCount()).isEqualTo(4);
        assertThat(p.sdValue(0)).isEqualTo("192.0.2.1");
        assertThat(p.sdName(1)).isEqualTo("ip");
        assertThat(p.sdValue(1)).isEqualTo("198.51.100.7");
        assertThat(p.sdId(2)).isEqualTo("exampleSDID@32473");
        assertThat(p.fields.sdNameOffset(2)).isEqualTo(-1);
        assertThat(p.sdName(2)).isNull();
        assertThat(p.sdValue(2)).isNull();
        assertThat(p.sdId(3)).isEqualTo("meta");
    }

    @Test
    void shouldTreatNilValuesAsAbsent() {
        final ParsedSyslog p = parse("<13>1 - - - - - -");

        assertThat(p.fields.format()).isEqualTo(SyslogFields.FORMAT_RFC5424);
        assertThat(p.fields.hasTimestamp()).isFalse();
        assertThat(p.fields.hostnameOffset()).isEqualTo(-1);
        assertThat(p.fields.appNameOffset()).isEqualTo(-1);
        assertThat(p.fields.procIdOffset()).isEqualTo(-1);
        assertThat(p.fields.msgIdOffset()).isEqualTo(-1);
        assertThat(p.fields.messageOffset()).isEqualTo(-1);
    }

    @Test
    void shouldKeepEmptyMessageAfterSingleSpace() {
        final ParsedSyslog p = parse("<13>1 - host app - - - ");

        assertThat(p.fields.messageOffset()).isGreaterThan(0);
        assertThat(p.message()).isEmpty();
    }

    @Test
    void shouldKeepExtraSpacesInMessage() {
        assertThat(parse("<13>1 - host app - - -   three spaces").message()).isEqualTo("  three spaces");
    }

    @Test
    void shouldKeepOneToNineFractionDigits() {
        final ParsedSyslog one = parse("<13>1 2024-05-01T10:00:00.5Z h a - - - m");
        final ParsedSyslog seven = parse("<13>1 2024-05-01T10:00:00.1234567+00:00 h a - - - m");
        final ParsedSyslog nine = parse("<13>1 2024-05-01T10:00:00.123456789+05:30 h a - - - m");

        assertThat(one.fields.timestampNanos()).isEqualTo(500_000_000);
        assertThat(one.fields.timestampFractionDigits()).isEqualTo(1);
        assertThat(seven.fields.timestampNanos()).isEqualTo(123_456_700);
        assertThat(seven.fields.timestampFractionDigits()).isEqualTo(7);
        assertThat(nine.fields.timestampNanos()).isEqualTo(123_456_789);
        assertThat(nine.time()).isEqualTo(Instant.parse("2024-05-01T04:30:00.123456789Z"));
        assertThat(nine.fields.timestampOffsetSeconds()).isEqualTo(5 * 3600 + 30 * 60);
    }

    @Test
    void shouldFallBackToLegacyWhenVersionIsNotOne() {
        final ParsedSyslog p = parse("<13>2 2024-05-01T10:00:00Z host app - - - msg");

        assertThat(p.fields.format()).isEqualTo(SyslogFields.FORMAT_RFC3164);
        assertThat(p.fields.version()).isZero();
        assertThat(p.fields.priority()).isEqualTo(13);
        assertThat(p.fields.priorityDefaulted()).isFalse();
        assertThat(p.message()).isEqualTo("2 2024-05-01T10:00:00Z host app - - - msg");
    }

    @Test
    void shouldFallBackWhenHeaderFieldIsTooLong() {
        final String app49 = "a".repeat(49);
        final ParsedSyslog tooLong = parse("<13>1 - host " + app49 + " - - - msg");
        final ParsedSyslog longest = parse("<13>1 - host " + "a".repeat(48) + " " + "p".repeat(128) + " "
                + "m".repeat(32) + " - msg");
        final ParsedSyslog msgIdTooLong = parse("<13>1 - host app - " + "m".repeat(33) + " - msg");
        final ParsedSyslog hostTooLong = parse("<13>1 - " + "h".repeat(256) + " app - - - msg");

        assertThat(tooLong.fields.format()).isEqualTo(SyslogFields.FORMAT_RFC3164);
        assertThat(tooLong.fields.sdCount()).isZero();
        assertThat(longest.fields.format()).isEqualTo(SyslogFields.FORMAT_RFC5424);
        assertThat(longest.app()).hasSize(48);
        assertThat(msgIdTooLong.fields.format()).isEqualTo(SyslogFields.FORMAT_RFC3164);
        assertThat(hostTooLong.fields.format()).isEqualTo(SyslogFields.FORMAT_RFC3164);
        assertThat(hostTooLong.fields.hostnameOffset()).isEqualTo(-1);
    }

    @Test
    void shouldFallBackOnDoubleSpaceOrBadTimestamp() {
        assertThat(parse("<13>1  - host app - - - m").fields.format()).isEqualTo(SyslogFields.FORMAT_RFC3164);
        assertThat(parse("<13>1 2024-13-01T10:00:00Z host app - - - m").fields.format())
                .isEqualTo(SyslogFields.FORMAT_RFC3164);
        assertThat(parse("<13>1 2024-05-01T10:00:00 host app - - - m").fields.format())
                .isEqualTo(SyslogFields.FORMAT_RFC3164);
        assertThat(parse("<13>1 2024-05-01T10:00:00.1234567890Z host app - - - m").fields.format())
                .isEqualTo(SyslogFields.FORMAT_RFC3164);
    }

    @Test
    void shouldAcceptPrintableAsciiInHeaderFields() {
        final ParsedSyslog p = parse("<13>1 - 2001:db8::1 LSYS:rpd - 01230456:1: - m");

        assertThat(p.host()).isEqualTo("2001:db8::1");
        assertThat(p.app()).isEqualTo("LSYS:rpd");
        assertThat(p.msgId()).isEqualTo("01230456:1:");
    }

    @Test
    void shouldKeepHeaderAndMakeRestTheMessageWhenStructuredDataIsMalformed() {
        final ParsedSyslog p = parse("<13>1 2024-05-01T10:00:00Z host app 12 - [x@1 a=\"1\"][broken msg");

        assertThat(p.fields.format()).isEqualTo(SyslogFields.FORMAT_RFC5424);
        assertThat(p.fields.sdCount()).isZero();
        assertThat(p.host()).isEqualTo("host");
        assertThat(p.procId()).isEqualTo("12");
        assertThat(p.fields.hasTimestamp()).isTrue();
        assertThat(p.message()).isEqualTo("[x@1 a=\"1\"][broken msg");
    }

    @Test
    void shouldParseCeeJsonMessage() {
        final ParsedSyslog p = parse("<134>1 2018-03-24T08:59:37-07:00 pc-1.example.com EvntSLog - - - "
                + "@cee: {\"msg\": \"service stopped\"}");

        assertThat(p.host()).isEqualTo("pc-1.example.com");
        assertThat(p.app()).isEqualTo("EvntSLog");
        assertThat(p.message()).isEqualTo("@cee: {\"msg\": \"service stopped\"}");
        assertThat(p.time()).isEqualTo(Instant.parse("2018-03-24T15:59:37Z"));
    }

    @Test
    void shouldFlagOverflowBeyondMaxParams() {
        final StringBuilder sd = new StringBuilder("[x@1");
        for (int i = 0; i < SyslogFields.MAX_SD_PARAMS + 3; i++) {
            sd.append(" p").append(i).append("=\"").append(i).append('"');
        }
        final ParsedSyslog p = parse("<13>1 - h a - - " + sd + "] m");

        assertThat(p.fields.sdCount()).isEqualTo(SyslogFields.MAX_SD_PARAMS);
        assertThat(p.fields.sdOverflow()).isTrue();
        assertThat(p.message()).isEqualTo("m");
    }

    @Test
    void shouldFallBackToLegacyTextForImpossibleDate() {
        final ParsedSyslog p = parse("<34>1 2026-02-30T10:00:00Z h a - - - x");

        assertThat(p.fields.format()).isEqualTo(SyslogFields.FORMAT_RFC3164);
        assertThat(p.fields.priority()).isEqualTo(34);
        assertThat(p.fields.hasTimestamp()).isFalse();
        assertThat(p.message()).isEqualTo("1 2026-02-30T10:00:00Z h a - - - x");
        assertThat(parse("<34>1 2026-04-31T10:00:00Z h a - - - x").fields.hasTimestamp()).isFalse();
        assertThat(parse("<34>1 2026-05-01T24:00:00Z h a - - - x").fields.format())
                .isEqualTo(SyslogFields.FORMAT_RFC3164);
    }

    @Test
    void shouldClampLeapSecondInsteadOfRollingOver() {
        final ParsedSyslog p = parse("<34>1 2026-06-30T23:59:60Z h a - - - x");

        assertThat(p.fields.format()).isEqualTo(SyslogFields.FORMAT_RFC5424);
        assertThat(p.time()).isEqualTo(Instant.parse("2026-06-30T23:59:59.999999999Z"));
        assertThat(p.message()).isEqualTo("x");
    }
}
