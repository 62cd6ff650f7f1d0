package io.watchfloor.ingest.syslog;

import io.watchfloor.core.event.SyslogFields;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Test helper: parses a string with a fresh {@link SyslogParser} and exposes the fields as strings. */
final class ParsedSyslog {
    /** 2026-05-28T20:26:40Z, the receive time used unless a test gives one. */
    static final long RECEIVED_AT_MS = Instant.parse("2026-05-28T20:26:40Z").toEpochMilli();

    final byte[] raw;
    final SyslogFields fields = new SyslogFields();

    private ParsedSyslog(byte[] raw, long receivedAtMs) {
        this.raw = raw;
        new SyslogParser().parse(raw, raw.length, receivedAtMs, fields);
    }

    static ParsedSyslog parse(String text) {
        return new ParsedSyslog(text.getBytes(StandardCharsets.UTF_8), RECEIVED_AT_MS);
    }

    static ParsedSyslog parse(byte[] raw) {
        return new ParsedSyslog(raw, RECEIVED_AT_MS);
    }

    static ParsedSyslog parse(String text, long receivedAtMs) {
        return new ParsedSyslog(text.getBytes(StandardCharsets.UTF_8), receivedAtMs);
    }

    String host() { return fields.hostnameString(raw); }
    String app() { return fields.appNameString(raw); }
    String procId() { return fields.procIdString(raw); }
    String msgId() { return fields.msgIdString(raw); }
    String message() { return fields.messageString(raw); }
    Instant time() {
        return Instant.ofEpochSecond(fields.timestampEpochSeconds(), fields.timestampNanos());
    }
    String sdId(int i) { return fields.sdIdString(raw, i); }
    String sdName(int i) { return fields.sdNameString(raw, i); }
    String sdValue(int i) { return fields.sdValueString(raw, i); }
}
