package io.watchfloor.ingest.syslog;

import io.watchfloor.core.event.Event;
import io.watchfloor.core.event.Listener;
import io.watchfloor.core.event.SyslogFields;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class SyslogParserTest {
    private static final String[] MESSAGES = {
        "<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut=\"3\" "
            + "eventSource=\"Application\" eventID=\"1011\"] An application event log entry...",
        "<134>1 2018-03-24T08:59:37-07:00 pc-1.example.com EvntSLog - - - @cee: {\"msg\": \"stopped\"}",
        "<38>Dec 10 06:55:46 web1 sshd[24200]: Invalid user admin from 192.0.2.7",
        "Jun 14 15:16:01 combo sshd(pam_unix)[19939]: authentication failure; rhost=198.51.100.4",
        "<189>3924923: rtr1: *Oct  6 03:32:04.114 UTC: %SEC-6-IPACCESSLOGP: list 102 denied tcp",
        "<13>2 not five four two four",
        "<192>invalid priority",
        "no header at all",
        "",
    };

    @Test
    void shouldParseEventRawBytesIntoItsSyslogFields() {
        final Event e = new Event();
        final byte[] line = "<38>Dec 10 06:55:46 web1 sshd[24200]: Invalid user\n".getBytes(StandardCharsets.UTF_8);
        e.resetForData(Listener.SYSLOG_TCP, null, Instant.parse("2026-12-11T00:00:00Z").toEpochMilli(), false, null);
        e.raw(line, 0, line.length);
        e.syslog().hostname(1, 1); // stale content the parser must clear itself

        new SyslogParser().parse(e);

        final SyslogFields f = e.syslog();
        assertThat(f.hostnameString(e.raw())).isEqualTo("web1");
        assertThat(f.appNameString(e.raw())).isEqualTo("sshd");
        assertThat(f.messageString(e.raw())).isEqualTo("Invalid user");
        assertThat(f.timestampEpochMillis()).isEqualTo(Instant.parse("2026-12-10T06:55:46Z").toEpochMilli());
    }

    @Test
    void shouldClampLengthOutsideTheBuffer() {
        final SyslogFields out = new SyslogFields();
        final byte[] raw = "<13>1 - h a - - - msg".getBytes(StandardCharsets.US_ASCII);
        final SyslogParser parser = new SyslogParser();

        parser.parse(raw, raw.length + 10, 0L, out);
        assertThat(out.messageString(raw)).isEqualTo("msg");
        parser.parse(raw, -5, 0L, out);
        assertThat(out.parseError()).isTrue();
        assertThat(out.messageLength()).isZero();
    }

    @Test
    void shouldNotAllocateInSteadyState() {
        final com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        final byte[][] raws = new byte[MESSAGES.length][];
        for (int i = 0; i < MESSAGES.length; i++) {
            raws[i] = MESSAGES[i].getBytes(StandardCharsets.UTF_8);
        }
        final SyslogParser parser = new SyslogParser();
        final SyslogFields out = new SyslogFields();
        final long receivedAtMs = Instant.parse("2026-12-11T00:00:00Z").toEpochMilli();
        for (int round = 0; round < 20_000; round++) {
            final byte[] raw = raws[round % raws.length];
            parser.parse(raw, raw.length, receivedAtMs, out);
        }
        final long tid = Thread.currentThread().getId();
        final long before = threads.getThreadAllocatedBytes(tid);
        for (int round = 0; round < 100_000; round++) {
            final byte[] raw = raws[round % raws.length];
            parser.parse(raw, raw.length, receivedAtMs + round, out);
        }
        final long allocated = threads.getThreadAllocatedBytes(tid) - before;

        // getThreadAllocatedBytes itself may allocate a few bytes; 100k messages at even 1 B/op would show
        assertThat(allocated).isLessThan(1_000);
    }
}
