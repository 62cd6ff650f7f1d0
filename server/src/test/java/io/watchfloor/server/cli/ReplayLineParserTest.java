package io.watchfloor.server.cli;

import io.watchfloor.core.event.Event;
import io.watchfloor.core.event.Listener;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class ReplayLineParserTest {
    private static final int MAX_FRAME = 8192;
    private final ReplayLineParser parser = new ReplayLineParser(MAX_FRAME);
    private final Event slot = new Event();

    private String raw() {
        return new String(Arrays.copyOf(slot.raw(), slot.rawLength()), StandardCharsets.UTF_8);
    }

    @Test
    void shouldReadARawSyslogLineAsTheTcpListenerReceivesIt() throws Exception {
        assertThat(parser.parse("{\"received_at\": \"2026-12-03T10:00:00.250Z\", \"peer\": \"192.0.2.7\", "
                + "\"raw\": \"<13>1 - fw-01 sshd - - - hello\"}", slot)).isNull();

        assertThat(slot.isTick()).isFalse();
        assertThat(slot.listener()).isEqualTo(Listener.SYSLOG_TCP);
        assertThat(slot.receivedAtMs()).isEqualTo(Instant.parse("2026-12-03T10:00:00.250Z").toEpochMilli());
        assertThat(slot.peer()).isEqualTo(InetAddress.getByName("192.0.2.7"));
        assertThat(slot.truncated()).isFalse();
        assertThat(raw()).isEqualTo("<13>1 - fw-01 sshd - - - hello");
    }

    @Test
    void shouldReadAnEventAsOneHttpIngestLineKeepingSourceId() {
        assertThat(parser.parse("{\"received_at\": \"2026-12-03T11:00:00+01:00\", "
                + "\"event\": {\"message\": \"login\", \"source_id\": \"cloud-audit\", \"a\": {\"b\": 1}}}", slot))
                .isNull();

        assertThat(slot.listener()).isEqualTo(Listener.HTTP);
        assertThat(slot.peer()).isNull();
        assertThat(slot.receivedAtMs()).isEqualTo(Instant.parse("2026-12-03T10:00:00Z").toEpochMilli());
        assertThat(raw()).isEqualTo("{\"message\":\"login\",\"source_id\":\"cloud-audit\",\"a\":{\"b\":1}}");
    }

    @Test
    void shouldReadJournalDumpOutputUnchanged() {
        assertThat(parser.parse("{\"index\":81604378624,\"received_at\":\"2026-12-03T10:00:00Z\",\"listener\":"
                + "\"syslog_udp\",\"peer\":\"2001:db8::1\",\"truncated\":true,\"raw\":\"<13>cut\"}", slot)).isNull();
        assertThat(slot.listener()).isEqualTo(Listener.SYSLOG_UDP);
        assertThat(slot.truncated()).isTrue();
        assertThat(slot.peer().getHostAddress()).isEqualTo("2001:db8:0:0:0:0:0:1");

        assertThat(parser.parse("{\"received_at\":\"2026-12-03T10:00:00Z\",\"listener\":\"http\",\"peer\":null,"
                + "\"raw\":\"{\\\"host\\\":\\\"crm-01\\\"}\"}", slot)).isNull();
        assertThat(slot.listener()).isEqualTo(Listener.HTTP);
        assertThat(raw()).isEqualTo("{\"host\":\"crm-01\"}");
    }

    @Test
    void shouldCutARawLineLongerThanTheFrameLimitAndFlagIt() {
        final String longText = "x".repeat(MAX_FRAME + 10);
        assertThat(parser.parse("{\"received_at\": \"2026-12-03T10:00:00Z\", \"raw\": \"" + longText + "\"}", slot))
                .isNull();
        assertThat(slot.rawLength()).isEqualTo(MAX_FRAME);
        assertThat(slot.truncated()).isTrue();
    }

    @Test
    void shouldNameWhatIsWrongWithABadLine() {
        assertThat(parser.parse("not json", slot)).startsWith("not JSON");
        assertThat(parser.parse("[1]", slot)).startsWith("not a JSON object");
        assertThat(parser.parse("{\"raw\": \"x\"}", slot)).startsWith("received_at missing");
        assertThat(parser.parse("{\"received_at\": \"yesterday\", \"raw\": \"x\"}", slot))
                .isEqualTo("received_at yesterday (expected: ISO-8601 like 2026-12-03T10:00:00Z)");
        assertThat(parser.parse("{\"received_at\": \"2026-12-03T10:00:00Z\"}", slot))
                .startsWith("expected exactly one of raw");
        assertThat(parser.parse("{\"received_at\": \"2026-12-03T10:00:00Z\", \"raw\": \"x\", \"event\": {}}", slot))
                .startsWith("expected exactly one of raw");
        assertThat(parser.parse("{\"received_at\": \"2026-12-03T10:00:00Z\", \"peer\": \"fw-01.example.com\", "
                + "\"raw\": \"x\"}", slot)).startsWith("peer \"fw-01.example.com\"");
        assertThat(parser.parse("{\"received_at\": \"2026-12-03T10:00:00Z\", \"listener\": \"kafka\", "
                + "\"raw\": \"x\"}", slot)).startsWith("listener \"kafka\"");
        assertThat(parser.parse("{\"received_at\": \"2026-12-03T10:00:00Z\", \"listener\": \"syslog_tcp\", "
                + "\"event\": {}}", slot)).startsWith("listener syslog_tcp with event");
        assertThat(parser.parse("{\"received_at\": \"2026-12-03T10:00:00Z\", \"event\": [1]}", slot))
                .isEqualTo("event is not a JSON object");
        assertThat(parser.parse("{\"received_at\": \"2026-12-03T10:00:00Z\", \"raw\": 5}", slot))
                .startsWith("raw is not a string");
        assertThat(parser.parse("{\"received_at\": \"2026-12-03T10:00:00Z\", \"truncated\": \"yes\", "
                + "\"raw\": \"x\"}", slot)).startsWith("truncated \"yes\"");
    }

    @Test
    void shouldRejectAnEventForTheReasonPostIngestWouldGive() {
        final String deep = "{\"a\":".repeat(40) + "1" + "}".repeat(40);
        assertThat(parser.parse("{\"received_at\": \"2026-12-03T10:00:00Z\", \"event\": " + deep + "}", slot))
                .isEqualTo("rejected as POST /ingest rejects it: too_deep");
        assertThat(parser.parse("{\"received_at\": \"2026-12-03T10:00:00Z\", \"listener\": \"http\", "
                + "\"raw\": \"not json\"}", slot)).isEqualTo("rejected as POST /ingest rejects it: not_json");
    }
}
