package io.watchfloor.coverage.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.coverage.TestEvents;
import io.watchfloor.core.event.Event;
import io.watchfloor.core.event.SyslogFields;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldReaderTest {
    /** {@code <13>1 - host app 42 LOGIN [meta sequenceId="17"][win event.code="4625"] hi}, offsets set by hand. */
    static Event syslogWithSd() {
        final Event e = TestEvents.syslog("host", "app", "192.0.2.1", 0);
        final String line = "<13>1 - host app 42 LOGIN [meta sequenceId=\"17\"][win event.code=\"4625\"] hi";
        final byte[] raw = line.getBytes(StandardCharsets.UTF_8);
        e.raw(raw, 0, raw.length);
        final SyslogFields s = e.syslog();
        s.hostname(line.indexOf("host"), 4);
        s.appName(line.indexOf("app"), 3);
        s.procId(line.indexOf("42"), 2);
        s.msgId(line.indexOf("LOGIN"), 5);
        s.addSdParam(line.indexOf("meta"), 4, line.indexOf("sequenceId"), 10, line.indexOf("17"), 2, false);
        s.addSdParam(line.indexOf("win"), 3, line.indexOf("event.code"), 10, line.indexOf("4625"), 4, false);
        return e;
    }

    @Test
    void shouldReadSyslogHeaderFieldsAndStructuredDataOnTheRawBytes() {
        final Event e = syslogWithSd();

        final FieldReader msgId = new FieldReader("log.syslog.msgid");
        assertThat(msgId.read(e)).isTrue();
        assertThat(msgId.matches(RequiredValue.of(0, "LOGIN"))).isTrue();
        assertThat(msgId.matches(RequiredValue.of(0, "LOGOUT"))).isFalse();

        final FieldReader sequence = new FieldReader("meta.sequenceId");
        assertThat(sequence.read(e)).isTrue();
        assertThat(sequence.asLong()).isEqualTo(17);
        final FieldReader prefixed = new FieldReader("log.syslog.structured_data.meta.sequenceId");
        assertThat(prefixed.read(e)).isTrue();
        assertThat(prefixed.text()).isEqualTo("17");

        final FieldReader code = new FieldReader("win.event.code");
        assertThat(code.read(e)).isTrue();
        assertThat(code.matches(RequiredValue.of(0, "4625"))).isTrue();

        final FieldReader severity = new FieldReader("log.syslog.severity.code");
        e.syslog().priority(13);
        assertThat(severity.read(e)).isTrue();
        assertThat(severity.matches(RequiredValue.of(0, "5"))).isTrue();

        assertThat(new FieldReader("process.pid").read(e)).isTrue();
        assertThat(new FieldReader("event.code").read(e)).as("no such SD element").isFalse();
        assertThat(new FieldReader("message").read(e)).as("not a syslog field it reads").isFalse();
    }

    @Test
    void shouldReadJsonFieldsAsStringsOrNumbers() {
        final Event e = TestEvents.json(Map.of("event.code", 4625L, "seq", "0042", "host", "dc1",
                "tags", java.util.List.of("a")), "192.0.2.1", 0);

        final FieldReader code = new FieldReader("event.code");
        assertThat(code.read(e)).isTrue();
        assertThat(code.matches(RequiredValue.of(0, "4625"))).isTrue();
        assertThat(code.matches(RequiredValue.of(0, "4624"))).isFalse();
        assertThat(code.text()).isEqualTo("4625");

        final FieldReader seq = new FieldReader("seq");
        assertThat(seq.read(e)).isTrue();
        assertThat(seq.asLong()).isEqualTo(42);

        final FieldReader host = new FieldReader("host.name");
        assertThat(host.read(e)).isTrue();
        assertThat(host.matches(RequiredValue.of(0, "dc1"))).isTrue();
        assertThat(new FieldReader("tags").read(e)).as("arrays count as absent").isFalse();
        assertThat(new FieldReader("missing").read(e)).isFalse();
    }

    @Test
    void shouldReadWithoutAllocating() {
        final Event e = syslogWithSd();
        final FieldReader code = new FieldReader("win.event.code");
        final FieldReader sequence = new FieldReader("meta.sequenceId");
        final RequiredValue v = RequiredValue.of(0, "4625");
        for (int k = 0; k < 10_000; k++) {
            code.read(e);
            sequence.read(e);
        }
        final long[] sink = new long[1];
        final long bytes = TestEvents.allocatedBytes(() -> {
            for (int k = 0; k < 10_000; k++) {
                if (code.read(e) && code.matches(v) && sequence.read(e)) {
                    sink[0] += sequence.asLong();
                }
            }
        });
        assertThat(sink[0]).isEqualTo(170_000);
        assertThat(bytes).isLessThan(1_000);
    }
}
