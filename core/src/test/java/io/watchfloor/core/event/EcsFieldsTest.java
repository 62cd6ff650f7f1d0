package io.watchfloor.core.event;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EcsFieldsTest {
    /** An event whose syslog fields are set by hand, as the parser would, over {@code raw}. */
    private static Event syslog(String raw, String peer) throws Exception {
        final Event e = new Event();
        e.resetForData(Listener.SYSLOG_TCP, peer == null ? null : InetAddress.getByName(peer), 0, false, null);
        final byte[] b = raw.getBytes(StandardCharsets.UTF_8);
        e.raw(b, 0, b.length);
        return e;
    }

    private static int at(String raw, String token) {
        return raw.indexOf(token);
    }

    @Test
    void shouldListRepeatedSdParamsAndResolveEscapes() throws Exception {
        final String raw = "[origin ip=\"192.0.2.1\" ip=\"192.0.2.2\"][x@1 q=\"a\\\"b\\]c\\d\"][empty@2] msg";
        final Event e = syslog(raw, null);
        final SyslogFields s = e.syslog();
        s.addSdParam(at(raw, "origin"), 6, at(raw, "ip="), 2, at(raw, "192.0.2.1"), 9, false);
        s.addSdParam(at(raw, "origin"), 6, at(raw, "ip=\"192.0.2.2"), 2, at(raw, "192.0.2.2"), 9, false);
        s.addSdParam(at(raw, "x@1"), 3, at(raw, "q="), 1, at(raw, "a\\"), 9, true);
        s.addSdElement(at(raw, "empty@2"), 7);
        s.message(at(raw, "msg"), 3);

        assertThat(EcsFields.field(e, "origin.ip")).isEqualTo(List.of("192.0.2.1", "192.0.2.2"));
        assertThat(EcsFields.field(e, "log.syslog.structured_data.origin.ip")).isEqualTo(List.of("192.0.2.1", "192.0.2.2"));
        assertThat(EcsFields.field(e, "x@1.q")).isEqualTo("a\"b]c\\d");
        assertThat(EcsFields.field(e, "x@1.nope")).isNull();
        final Map<String, Object> sd = EcsFields.structuredData(s, e.raw());
        assertThat(sd).containsOnlyKeys("origin", "x@1", "empty@2");
        assertThat(sd.get("origin")).isEqualTo(Map.of("ip", List.of("192.0.2.1", "192.0.2.2")));
        assertThat(sd.get("empty@2")).isEqualTo(Map.of());
        assertThat(EcsFields.message(e)).isEqualTo("msg");
    }

    @Test
    void shouldAttributeHostToTheSenderWhenTheMessageCarriesNoHostname() throws Exception {
        final Event e = syslog("hello", "192.0.2.9");
        e.syslog().message(0, 5);
        assertThat(EcsFields.field(e, "log.syslog.hostname")).isNull();
        assertThat(EcsFields.hostName(e)).isEqualTo("192.0.2.9");
        assertThat(EcsFields.field(e, "source.ip")).isEqualTo("192.0.2.9");
    }

    @Test
    void shouldRenderTimestampsWithTheSendersOffsetAndFractionDigits() throws Exception {
        final Event e = syslog("x", null);
        e.syslog().timestamp(1_796_292_000L, 123_400_000, 4, 3600, true);
        assertThat(EcsFields.field(e, "@timestamp")).isEqualTo("2026-12-03T11:00:00.1234+01:00");
        e.syslog().timestamp(1_796_292_000L, 0, 0, 0, false);
        assertThat(EcsFields.field(e, "@timestamp")).isEqualTo("2026-12-03T10:00:00Z");
    }

    @Test
    void shouldReadJsonEventsByDottedPathWithHostAndMessageFallbacks() {
        final Event e = new Event();
        e.resetForData(Listener.HTTP, null, 0, false, null);
        e.json().put("host", "app-01");
        e.json().put("msg", "hi");
        e.json().put("user.name", "alice");
        e.markJson();
        assertThat(EcsFields.field(e, "host.name")).isEqualTo("app-01");
        assertThat(EcsFields.field(e, "message")).isEqualTo("hi");
        assertThat(EcsFields.field(e, "user.name")).isEqualTo("alice");
        assertThat(EcsFields.field(e, "process.name")).isNull();

        e.resetForData(Listener.HTTP, null, 0, false, null);
        assertThat(e.json()).isEmpty();
        assertThat(e.isJson()).isFalse();
    }
}
