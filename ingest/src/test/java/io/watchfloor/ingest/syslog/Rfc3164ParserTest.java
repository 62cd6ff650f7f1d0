package io.watchfloor.ingest.syslog;

import io.watchfloor.core.event.SyslogFields;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static io.watchfloor.ingest.syslog.ParsedSyslog.parse;
import static org.assertj.core.api.Assertions.assertThat;

class Rfc3164ParserTest {

    @Test
    void shouldParseCanonicalLine() {
        final ParsedSyslog p = parse("<34>Oct 11 22:14:15 mymachine su: 'su root' failed for lonvick on /dev/pts/8");

        assertThat(p.fields.format()).isEqualTo(SyslogFields.FORMAT_RFC3164);
        assertThat(p.fields.priority()).isEqualTo(34);
        assertThat(p.fields.priorityDefaulted()).isFalse();
        assertThat(p.fields.version()).isZero();
        assertThat(p.time()).isEqualTo(Instant.parse("2025-10-11T22:14:15Z"));
        assertThat(p.fields.timestampHasOffset()).isFalse();
        assertThat(p.fields.timestampOffsetSeconds()).isZero();
        assertThat(p.host()).isEqualTo("mymachine");
        assertThat(p.app()).isEqualTo("su");
        assertThat(p.message()).isEqualTo("'su root' failed for lonvick on /dev/pts/8");
    }

    @Test
    void shouldDefaultPriorityWhenMissing() {
        final ParsedSyslog p = parse("May 28 10:00:00 web1 sshd[24200]: Invalid user admin from 192.0.2.7");

        assertThat(p.fields.priority()).isEqualTo(13);
        assertThat(p.fields.priorityDefaulted()).isTrue();
        assertThat(p.fields.parseError()).isFalse();
        assertThat(p.host()).isEqualTo("web1");
        assertThat(p.app()).isEqualTo("sshd");
        assertThat(p.procId()).isEqualTo("24200");
        assertThat(p.message()).isEqualTo("Invalid user admin from 192.0.2.7");
    }

    @ParameterizedTest
    @ValueSource(strings = {"<192>May 28 10:00:00 h a: m", "<-1>May 28 10:00:00 h a: m", "<>May 28 10:00:00 h a: m",
        "<1000>x", "<13"})
    void shouldDefaultPriorityAndKeepWholeTextWhenPriorityInvalid(String line) {
        final ParsedSyslog p = parse(line);

        assertThat(p.fields.priority()).isEqualTo(13);
        assertThat(p.fields.priorityDefaulted()).isTrue();
        assertThat(p.fields.format()).isEqualTo(SyslogFields.FORMAT_RAW);
        assertThat(p.fields.parseError()).isFalse();
        assertThat(p.message()).isEqualTo(line);
        assertThat(p.fields.hostnameOffset()).isEqualTo(-1);
    }

    @Test
    void shouldAcceptSpacePaddedUnpaddedAndZeroPaddedDays() {
        assertThat(parse("<13>Feb  3 10:00:00 h a: m").time()).isEqualTo(Instant.parse("2026-02-03T10:00:00Z"));
        assertThat(parse("<13>Feb 3 10:00:00 h a: m").time()).isEqualTo(Instant.parse("2026-02-03T10:00:00Z"));
        assertThat(parse("<13>Feb 03 10:00:00 h a: m").time()).isEqualTo(Instant.parse("2026-02-03T10:00:00Z"));
        assertThat(parse("<13>Feb 3 10:00:00 h a: m").host()).isEqualTo("h");
    }

    @Test
    void shouldAcceptOneSpaceAfterPriorityAndMonthInAnyCase() {
        final ParsedSyslog p = parse("<13> FEB 3 10:00:00 h a: m");

        assertThat(p.time()).isEqualTo(Instant.parse("2026-02-03T10:00:00Z"));
        assertThat(p.host()).isEqualTo("h");
        assertThat(parse("<13>feb 3 10:00:00 h a: m").time()).isEqualTo(Instant.parse("2026-02-03T10:00:00Z"));
    }

    @Test
    void shouldKeepMillisecondFraction() {
        final ParsedSyslog p = parse("<13>May 28 10:00:00.123 h a: m");

        assertThat(p.fields.timestampNanos()).isEqualTo(123_000_000);
        assertThat(p.fields.timestampFractionDigits()).isEqualTo(3);
    }

    @Test
    void shouldReadYearAfterDayBeforeMonthAndAfterTime() {
        final ParsedSyslog asa = parse("<166>Apr 15 2013 09:36:50: %ASA-6-302013: Built outbound TCP connection");
        final ParsedSyslog nxos = parse("<189>2013 Apr 15 09:36:50 sw1 app: m");
        final ParsedSyslog h3c = parse("<189>Oct  9 14:59:11 2015 h3c-1 %%10SHELL/5/SHELL_LOGIN(l): logged in");

        assertThat(asa.time()).isEqualTo(Instant.parse("2013-04-15T09:36:50Z"));
        assertThat(asa.app()).isEqualTo("ASA-6-302013");
        assertThat(asa.message()).isEqualTo("%ASA-6-302013: Built outbound TCP connection");
        assertThat(asa.fields.hostnameOffset()).isEqualTo(-1);
        assertThat(nxos.time()).isEqualTo(Instant.parse("2013-04-15T09:36:50Z"));
        assertThat(nxos.host()).isEqualTo("sw1");
        assertThat(h3c.time()).isEqualTo(Instant.parse("2015-10-09T14:59:11Z"));
        assertThat(h3c.host()).isEqualTo("h3c-1");
    }

    @Test
    void shouldReadAsaDeviceIdBeforeColon() {
        final ParsedSyslog p = parse("<166>Apr 15 2013 09:36:50 fw01 : %ASA-6-302013: Built outbound");

        assertThat(p.host()).isEqualTo("fw01");
        assertThat(p.app()).isEqualTo("ASA-6-302013");
        assertThat(p.message()).isEqualTo("%ASA-6-302013: Built outbound");
    }

    @Test
    void shouldReadRfc3339TimestampWithoutVersion() {
        final ParsedSyslog p = parse("<13>2024-05-01T10:00:00.123+02:00 host app: msg");

        assertThat(p.fields.format()).isEqualTo(SyslogFields.FORMAT_RFC3164);
        assertThat(p.time()).isEqualTo(Instant.parse("2024-05-01T08:00:00.123Z"));
        assertThat(p.fields.timestampHasOffset()).isTrue();
        assertThat(p.host()).isEqualTo("host");
        assertThat(p.app()).isEqualTo("app");
        assertThat(p.message()).isEqualTo("msg");
        assertThat(parse("2024-05-01T10:00:00 host app: msg").fields.timestampHasOffset()).isFalse();
    }

    @Test
    void shouldResolveYearlessTimestampsAgainstReceiveTime() {
        final long newYear = Instant.parse("2027-01-01T00:00:30Z").toEpochMilli();
        final long midYear = Instant.parse("2026-05-28T12:00:00Z").toEpochMilli();
        final long lastSecond = Instant.parse("2026-12-31T23:59:50Z").toEpochMilli();

        assertThat(parse("<13>Dec 31 23:59:58 h a: m", newYear).time())
                .isEqualTo(Instant.parse("2026-12-31T23:59:58Z"));
        assertThat(parse("<13>Jun 20 10:00:00 h a: m", midYear).time())
                .isEqualTo(Instant.parse("2026-06-20T10:00:00Z"));
        assertThat(parse("<13>Aug 20 10:00:00 h a: m", midYear).time())
                .isEqualTo(Instant.parse("2025-08-20T10:00:00Z"));
        assertThat(parse("<13>Jan  1 00:00:05 h a: m", lastSecond).time())
                .isEqualTo(Instant.parse("2027-01-01T00:00:05Z"));
        assertThat(parse("<13>Feb 29 10:00:00 h a: m", Instant.parse("2024-03-01T00:00:00Z").toEpochMilli()).time())
                .isEqualTo(Instant.parse("2024-02-29T10:00:00Z"));
    }

    @Test
    void shouldTreatTokenEndingInColonOrWithBracketAsTag() {
        final ParsedSyslog colon = parse("<13>May 28 10:00:00 kernel: eth0 link up");
        final ParsedSyslog bracket = parse("<13>May 28 10:00:00 sshd[42]: Accepted key");

        assertThat(colon.fields.hostnameOffset()).isEqualTo(-1);
        assertThat(colon.app()).isEqualTo("kernel");
        assertThat(colon.message()).isEqualTo("eth0 link up");
        assertThat(bracket.fields.hostnameOffset()).isEqualTo(-1);
        assertThat(bracket.app()).isEqualTo("sshd");
        assertThat(bracket.procId()).isEqualTo("42");
    }

    @Test
    void shouldTreatDashHostAsNone() {
        final ParsedSyslog p = parse("<13>May 28 10:00:00 - jboss: started");

        assertThat(p.fields.hostnameOffset()).isEqualTo(-1);
        assertThat(p.app()).isEqualTo("jboss");
        assertThat(p.message()).isEqualTo("started");
    }

    @Test
    void shouldAcceptIpv6LiteralHosts() {
        assertThat(parse("<13>May 28 10:00:00 2001:db8::1 app: m").host()).isEqualTo("2001:db8::1");
        assertThat(parse("<13>May 28 10:00:00 2001:db8:: app: m").host()).isEqualTo("2001:db8::");
        assertThat(parse("<13>May 28 10:00:00 fe80::1%eth0 app: m").host()).isEqualTo("fe80::1%eth0");
    }

    @Test
    void shouldStopProgramNameAtBracketAndColonButKeepSlash() {
        final ParsedSyslog postfix = parse("<22>May 28 10:00:00 mx1 postfix/smtpd[1234]: connect from example.com");
        final ParsedSyslog pam = parse("Jun 14 15:16:01 combo sshd(pam_unix)[19939]: authentication failure");
        final ParsedSyslog apple = parse("<13>May 28 10:00:00 mac com.apple.xpc.launchd[1]: (svc) exited");

        assertThat(postfix.app()).isEqualTo("postfix/smtpd");
        assertThat(postfix.procId()).isEqualTo("1234");
        assertThat(postfix.message()).isEqualTo("connect from example.com");
        assertThat(pam.app()).isEqualTo("sshd(pam_unix)");
        assertThat(pam.procId()).isEqualTo("19939");
        assertThat(apple.app()).isEqualTo("com.apple.xpc.launchd");
    }

    @Test
    void shouldLeaveTextAloneWithoutTagColon() {
        final ParsedSyslog p = parse("Jun 19 04:09:11 combo syslogd 1.4.1: restart.");

        assertThat(p.host()).isEqualTo("combo");
        assertThat(p.fields.appNameOffset()).isEqualTo(-1);
        assertThat(p.message()).isEqualTo("syslogd 1.4.1: restart.");
        assertThat(parse("<13>May 28 10:00:00 h just text [1] here").message()).isEqualTo("just text [1] here");
        assertThat(parse("<13>May 28 10:00:00 h app[12] no colon").message()).isEqualTo("app[12] no colon");
    }

    @Test
    void shouldTreatJsonAfterPriorityOrHostAsContent() {
        final ParsedSyslog brace = parse("<13>{\"a\":1}");
        final ParsedSyslog bracket = parse("<13>[1.5] kernel: x");
        final ParsedSyslog afterHost = parse("<13>May 28 10:00:00 h {\"a\":1}");

        assertThat(brace.fields.format()).isEqualTo(SyslogFields.FORMAT_RFC3164);
        assertThat(brace.message()).isEqualTo("{\"a\":1}");
        assertThat(brace.fields.appNameOffset()).isEqualTo(-1);
        assertThat(bracket.message()).isEqualTo("[1.5] kernel: x");
        assertThat(afterHost.host()).isEqualTo("h");
        assertThat(afterHost.fields.appNameOffset()).isEqualTo(-1);
        assertThat(afterHost.message()).isEqualTo("{\"a\":1}");
    }

    @Test
    void shouldReadTagWithoutTimestampAfterPriority() {
        final ParsedSyslog p = parse("<14>myapp: hello from python");

        assertThat(p.fields.format()).isEqualTo(SyslogFields.FORMAT_RFC3164);
        assertThat(p.fields.hasTimestamp()).isFalse();
        assertThat(p.app()).isEqualTo("myapp");
        assertThat(p.message()).isEqualTo("hello from python");
    }

    @Test
    void shouldReadCiscoIosDialect() {
        final ParsedSyslog seqOriginStar = parse("<189>3924923: rtr1.example.com: *Oct  6 03:32:04.114 UTC: "
                + "%SEC-6-IPACCESSLOGP: list 102 denied tcp 192.0.2.56(3067) -> 198.51.100.7(139), 1 packet");
        final ParsedSyslog seqDot = parse("<189>681: .Aug 17 17:41:24.776 AEST: %SYS-5-CONFIG_I: Configured");
        final ParsedSyslog seqOnly = parse("<189>4425: Aug 23 00:17:55.356: %SSH-5-SSH2_SESSION: SSH2 Session");
        final ParsedSyslog hostThenMnemonic = parse("Sep  1 10:25:29 192.0.2.1 %IPS-4-SIGNATURE: Sig:3051");
        final ParsedSyslog noTimestamp = parse("<189>45: %LINK-3-UPDOWN: Interface Gi0/1, changed state to up");

        assertThat(seqOriginStar.host()).isEqualTo("rtr1.example.com");
        assertThat(seqOriginStar.time()).isEqualTo(Instant.parse("2025-10-06T03:32:04.114Z"));
        assertThat(seqOriginStar.app()).isEqualTo("SEC-6-IPACCESSLOGP");
        assertThat(seqOriginStar.message()).startsWith("%SEC-6-IPACCESSLOGP: list 102");
        assertThat(seqDot.time()).isEqualTo(Instant.parse("2025-08-17T07:41:24.776Z")); // AEST = +10:00
        assertThat(seqDot.fields.timestampOffsetSeconds()).isEqualTo(10 * 3600);
        assertThat(seqDot.fields.hostnameOffset()).isEqualTo(-1);
        assertThat(seqDot.app()).isEqualTo("SYS-5-CONFIG_I");
        assertThat(seqOnly.app()).isEqualTo("SSH-5-SSH2_SESSION");
        assertThat(seqOnly.message()).isEqualTo("%SSH-5-SSH2_SESSION: SSH2 Session");
        assertThat(hostThenMnemonic.host()).isEqualTo("192.0.2.1");
        assertThat(hostThenMnemonic.app()).isEqualTo("IPS-4-SIGNATURE");
        assertThat(noTimestamp.fields.hasTimestamp()).isFalse();
        assertThat(noTimestamp.app()).isEqualTo("LINK-3-UPDOWN");
        assertThat(noTimestamp.message()).startsWith("%LINK-3-UPDOWN: Interface");
    }

    @Test
    void shouldReadCiscoUptimeStampsInPlaceOfTimestamp() {
        final ParsedSyslog uptime = parse("<187>00:00:46: %LINK-3-UPDOWN: Interface Port-channel1, changed state to up");
        final ParsedSyslog seqUptime = parse("<187>12: 1w2d: %LINK-3-UPDOWN: Interface Gi0/2, changed state to up");
        final ParsedSyslog originUptime = parse("<187>12: sw1.example.com: 1w2d: %SYS-5-CONFIG_I: Configured");

        assertThat(uptime.fields.hasTimestamp()).isFalse();
        assertThat(uptime.app()).isEqualTo("LINK-3-UPDOWN");
        assertThat(uptime.message()).startsWith("%LINK-3-UPDOWN: Interface Port-channel1");
        assertThat(seqUptime.app()).isEqualTo("LINK-3-UPDOWN");
        assertThat(originUptime.host()).isEqualTo("sw1.example.com");
        assertThat(originUptime.app()).isEqualTo("SYS-5-CONFIG_I");
        assertThat(parse("00:00:46: %LINK-3-UPDOWN: no priority, no timestamp").fields.parseError()).isTrue();
    }

    @Test
    void shouldReadMacOsTimestampWithSpaceSeparatorAndTwoSpacesBeforeHost() {
        final ParsedSyslog p = parse("2023-01-23 03:22:26.410246-0800  localhost sshd[3186]: error: PAM: unknown user");

        assertThat(p.fields.parseError()).isFalse();
        assertThat(p.time()).isEqualTo(Instant.parse("2023-01-23T11:22:26.410246Z"));
        assertThat(p.fields.timestampOffsetSeconds()).isEqualTo(-8 * 3600);
        assertThat(p.host()).isEqualTo("localhost");
        assertThat(p.app()).isEqualTo("sshd");
        assertThat(p.procId()).isEqualTo("3186");
        assertThat(p.message()).isEqualTo("error: PAM: unknown user");
    }

    @Test
    void shouldStripOneTrailingNulLfAndCrButKeepEmbeddedControlBytes() {
        assertThat(parse("<13>May 28 10:00:00 h a: m\r\n").message()).isEqualTo("m");
        assertThat(parse("<13>May 28 10:00:00 h a: m\n\u0000").message()).isEqualTo("m");
        assertThat(parse("<13>May 28 10:00:00 h a: m\n\n").message()).isEqualTo("m\n");
        assertThat(parse("<13>May 28 10:00:00 h a: m\u0000\u0000").message()).isEqualTo("m\u0000");
        assertThat(parse("<13>May 28 10:00:00 h a: m\r\r\n").message()).isEqualTo("m\r");
        assertThat(parse("<13>May 28 10:00:00 h a: m  \u0000").message()).isEqualTo("m  ");
        assertThat(parse("<13>May 28 10:00:00 h a: m\u0000x\ty ").message()).isEqualTo("m\u0000x\ty ");
        assertThat(parse("<13>1 - h a - - - m\n").message()).isEqualTo("m");
    }

    @Test
    void shouldReportParseErrorWhenNoPriorityAndNoTimestamp() {
        final ParsedSyslog p = parse("just some text: with a colon\n");

        assertThat(p.fields.parseError()).isTrue();
        assertThat(p.fields.format()).isEqualTo(SyslogFields.FORMAT_RAW);
        assertThat(p.fields.priority()).isEqualTo(13);
        assertThat(p.fields.priorityDefaulted()).isTrue();
        assertThat(p.fields.appNameOffset()).isEqualTo(-1);
        assertThat(p.message()).isEqualTo("just some text: with a colon");
        assertThat(parse("{\"json\":true}").fields.parseError()).isTrue();
    }

    @Test
    void shouldReportParseErrorForEmptyFrame() {
        final ParsedSyslog empty = parse(new byte[0]);
        final ParsedSyslog lf = parse("\n");

        assertThat(empty.fields.parseError()).isTrue();
        assertThat(empty.fields.priority()).isEqualTo(13);
        assertThat(empty.message()).isEmpty();
        assertThat(lf.fields.parseError()).isTrue();
        assertThat(lf.message()).isEmpty();
    }

    @Test
    void shouldParseAgainCleanlyIntoReusedFields() {
        final SyslogParser parser = new SyslogParser();
        final SyslogFields out = new SyslogFields();
        final byte[] first = "<13>1 - h a p m [x@1 k=\"v\"] msg".getBytes(StandardCharsets.US_ASCII);
        final byte[] second = "no header".getBytes(StandardCharsets.US_ASCII);

        parser.parse(first, first.length, ParsedSyslog.RECEIVED_AT_MS, out);
        parser.parse(second, second.length, ParsedSyslog.RECEIVED_AT_MS, out);

        assertThat(out.sdCount()).isZero();
        assertThat(out.hostnameOffset()).isEqualTo(-1);
        assertThat(out.parseError()).isTrue();
    }

    @Test
    void shouldNotRollImpossibleDateOver() {
        final ParsedSyslog feb29 = parse("<13>Feb 29 10:00:00 h a: x");

        assertThat(feb29.fields.hasTimestamp()).isFalse();
        assertThat(feb29.fields.priority()).isEqualTo(13);
        assertThat(feb29.host()).isNull();
        assertThat(feb29.message()).isEqualTo("Feb 29 10:00:00 h a: x");
        assertThat(parse("<13>Apr 31 10:00:00 h a: x").fields.hasTimestamp()).isFalse();
        assertThat(parse("<13>2026-02-30T10:00:00Z h a: x").fields.hasTimestamp()).isFalse();
        assertThat(parse("<13>Feb 29 10:00:00 h a: x", Instant.parse("2028-03-01T00:00:00Z").toEpochMilli()).time())
                .isEqualTo(Instant.parse("2028-02-29T10:00:00Z"));
    }

    @Test
    void shouldApplyCiscoZoneAbbreviation() {
        final ParsedSyslog cet = parse("<187>000126: Dec  3 10:01:23.456 CET: %SEC-6-IPACCESSLOGP: list 101 denied");

        assertThat(cet.time()).isEqualTo(Instant.parse("2025-12-03T09:01:23.456Z"));
        assertThat(cet.fields.timestampHasOffset()).isTrue();
        assertThat(cet.fields.timestampOffsetSeconds()).isEqualTo(3600);
        assertThat(cet.app()).isEqualTo("SEC-6-IPACCESSLOGP");
        assertThat(cet.message()).isEqualTo("%SEC-6-IPACCESSLOGP: list 101 denied");

        final ParsedSyslog ist = parse("<187>000127: *Dec  3 10:01:23 IST: %SYS-5-CONFIG_I: x");
        assertThat(ist.time()).isEqualTo(Instant.parse("2025-12-03T10:01:23Z"));
        assertThat(ist.fields.timestampHasOffset()).isFalse();
        assertThat(ist.app()).isEqualTo("SYS-5-CONFIG_I");
    }
}
