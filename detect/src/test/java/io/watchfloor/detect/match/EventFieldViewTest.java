package io.watchfloor.detect.match;

import io.watchfloor.core.event.Event;
import io.watchfloor.detect.TestEvents;
import io.watchfloor.detect.mapping.FieldMapping;
import io.watchfloor.detect.rule.LogSource;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EventFieldViewTest {
    private static EventFieldView view(FieldMapping mapping, String... names) {
        final FieldRegistry registry = new FieldRegistry();
        for (String n : names) {
            registry.idOf(n);
        }
        return new EventFieldView(registry, mapping);
    }

    @Test
    void shouldReadExtractedFieldsFromTheMessageOfTheSelectedLogSource() {
        final EventFieldView v = view(FieldMapping.defaults(), "User", "SourceIp", "source.ip", "AuthMethod");
        v.reset(TestEvents.syslog("bastion-01", "sshd", "42",
                "Failed password for invalid user admin from 203.0.113.9 port 50422 ssh2"), null);
        assertThat(v.value(1)).isEqualTo("admin");
        assertThat(v.value(2)).isEqualTo("203.0.113.9");
        assertThat(v.value(3)).as("own name: the client, not the sender 192.0.2.7").isEqualTo("203.0.113.9");
        assertThat(v.value(4)).isEqualTo("password");
        v.reset(TestEvents.syslog("db-01", "postgres", "7", "Failed password for invalid user admin from 203.0.113.9"),
                null);
        assertThat(v.value(1)).as("no extractor for an unlisted app").isNull();
        assertThat(v.value(3)).as("own name keeps the event's reading").isEqualTo("192.0.2.7");
        v.clear();
    }

    @Test
    void shouldNotReadTheSendersAddressForAMappedSourceIp() {
        final EventFieldView v = view(FieldMapping.defaults(), "SourceIp");
        final Event withoutIp = TestEvents.json(Map.of("process.executable", "/bin/sh"));
        v.reset(withoutIp, null);
        assertThat(v.value(1)).isNull();
        v.reset(TestEvents.json(Map.of("source.ip", "198.51.100.1")), null);
        assertThat(v.value(1)).isEqualTo("198.51.100.1");
    }

    @Test
    void shouldReadEveryValueUnderASubtreeAndTestPresenceThroughMappedPaths() {
        final FieldMapping m = FieldMapping.parse("mappings:\n  - {fields: {req: ['r.*'], N: [x.n]}}\n",
                Path.of("m.yml"));
        final EventFieldView v = view(m, "req", "N");
        final Map<String, Object> fields = new java.util.LinkedHashMap<>();
        fields.put("r.a", "Suspended");
        fields.put("r.b.c", 3L);
        fields.put("r.l", List.of("x", "y"));
        fields.put("rr", "no");
        fields.put("x.n", null);
        v.reset(TestEvents.json(fields), null);
        assertThat(v.value(1)).isEqualTo(List.of("Suspended", "3", "x", "y"));
        assertThat(v.value(2)).isNull();
        assertThat(v.present(2)).isTrue();
        assertThat(v.field("req")).isEqualTo(v.value(1));
        assertThat(v.field("unregistered")).isNull();
    }

    @Test
    void shouldResolveAnyNameThroughTheCurrentSelection() {
        final EventFieldView v = view(FieldMapping.defaults(), "CommandLine");
        v.reset(TestEvents.syslog("h", "sudo", "1", "alice : TTY=pts/0 ; PWD=/ ; USER=root ; COMMAND=/bin/id"),
                new LogSource("linux", "sudo", null));
        assertThat(v.field("COMMAND")).isEqualTo("/bin/id");
        assertThat(v.field("system.auth.sudo.tty")).isEqualTo("pts/0");
        assertThat(v.value(1)).isEqualTo("/bin/id");
    }
}
