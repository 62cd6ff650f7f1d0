package io.watchfloor.coverage.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SourceDocumentTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Source source(Cadence cadence, long maxSilenceMs, Lifecycle lifecycle, Retirement retired,
                                 LogSourceRef logsource, long maxLagMs) {
        return source(cadence, maxSilenceMs, lifecycle, retired, logsource, maxLagMs, SourceContent.NONE);
    }

    private static Source source(Cadence cadence, long maxSilenceMs, Lifecycle lifecycle, Retirement retired,
                                 LogSourceRef logsource, long maxLagMs, SourceContent content) {
        return new Source(3, "fw-01", "Firewall 01", Category.NETWORK,
                new SourceMatch(List.of("fw-01*"), List.of("192.0.2.0/24", "2001:db8::1"), List.of("filterlog")),
                logsource, maxSilenceMs, Criticality.HIGH, "netops", maxLagMs, cadence, List.of("dmz", "edge"),
                content, lifecycle, retired);
    }

    static List<Source> sources() {
        final LogSourceRef pf = new LogSourceRef("pfsense", null, "firewall");
        return List.of(
                source(Cadence.STATIC, 90_000, Lifecycle.ACTIVE, null, pf, Source.NO_MAX_LAG),
                source(Cadence.STATIC, 2 * Cadence.DAY_MS, Lifecycle.ONBOARDING, null, null, 300_000),
                source(Cadence.LEARNED, Cadence.LEARNED_CEILING_MS_DEFAULT, Lifecycle.ACTIVE, null, pf, 3_600_000),
                source(Cadence.batch(2 * 3_600_000L + 30 * 60_000L, 7_200_000L), Cadence.DAY_MS + 7_200_000L,
                        Lifecycle.RETIRED, new Retirement(LocalDate.of(2026, 1, 15), "CHG-1 \"quoted\" reason"),
                        new LogSourceRef(null, "audit", null), Source.NO_MAX_LAG),
                source(Cadence.STATIC, 60_000, Lifecycle.ACTIVE, null, null, Source.NO_MAX_LAG,
                        new SourceContent(new VolumePolicy(900_000, 4),
                                new DegradedPolicy(List.of(new RequiredField("event.code", List.of("4624", "4625"), false),
                                        RequiredField.learned("log.syslog.msgid")), 3_600_000, 2, 0.25, 12),
                                "meta.sequenceId")),
                source(Cadence.STATIC, 60_000, Lifecycle.ACTIVE, null, null, Source.NO_MAX_LAG,
                        new SourceContent(VolumePolicy.DEFAULT, new DegradedPolicy(List.of(), 3_600_000, 3, 0.5, 24),
                                null)));
    }

    @ParameterizedTest
    @MethodSource("sources")
    void shouldReadBackWhatItWrites(Source s) throws Exception {
        final Map<String, Object> doc = SourceDocument.toMap(s);
        // through JSON text, as the API and the journal carry it
        final Object json = JSON.readValue(JSON.writeValueAsString(doc), Object.class);

        final SourceDocument.Parsed p = SourceDocument.parse(json, 3, null);

        assertThat(p.errors()).isEmpty();
        assertThat(p.source()).isEqualTo(s);
    }

    @Test
    void shouldWriteTheYamlShape() {
        final Map<String, Object> doc = SourceDocument.toMap(sources().get(3));

        assertThat(doc.keySet()).containsExactly("id", "name", "category", "lifecycle", "retired", "owner",
                "criticality", "tags", "match", "logsource", "cadence", "schedule");
        assertThat(doc).containsEntry("retired", Map.of("date", "2026-01-15", "reason", "CHG-1 \"quoted\" reason"))
                .containsEntry("schedule", Map.of("daily_at", "02:30", "grace", "2h"))
                .containsEntry("logsource", Map.of("service", "audit"));
        assertThat(SourceDocument.toMap(sources().get(0))).containsEntry("max_silence", "90s")
                .doesNotContainKeys("cadence", "max_lag", "retired");
    }

    @Test
    void shouldNameEachFieldRelativeToTheDocument() throws Exception {
        final Object body = JSON.readValue("""
                {"id": "Bad Id", "category": "cloudy", "match": {"peers": ["192.0.2.0/33"]},
                 "max_silence": 300, "lifecycle": "retired", "colour": "red"}""", Object.class);

        final SourceDocument.Parsed p = SourceDocument.parse(body, 0, null);

        assertThat(p.ok()).isFalse();
        assertThat(p.source()).isNull();
        assertThat(p.errors().stream().map(e -> e.yamlPath() + ": " + e.message()).collect(Collectors.toList()))
                .containsExactly(
                        "colour: found an unknown key (expected: one of id, name, category, match, logsource, "
                                + "max_silence, criticality, owner, max_lag, cadence, schedule, tags, volume, "
                                + "required, degraded, sequence_field, lifecycle, retired)",
                        "id: found \"Bad Id\" (expected: an id matching [a-z0-9][a-z0-9._-]*)",
                        "name: missing (expected: a human-readable name)",
                        "category: found \"cloudy\" (expected: one of identity, endpoint, network, cloud, application)",
                        "match.peers[0]: found \"192.0.2.0/33\" (expected: an IPv4/IPv6 address or CIDR block like "
                                + "192.0.2.0/24)",
                        "max_silence: found integer 300 (expected: a positive duration like 30s, 5m, 1h, 2d)",
                        "retired: missing (expected: a mapping with date and reason, required by lifecycle retired)");
    }

    @Test
    void shouldReportADocumentThatIsNoMapping() {
        final SourceDocument.Parsed p = SourceDocument.parse(List.of("x"), 0, null);

        assertThat(p.errors()).hasSize(1);
        assertThat(p.errors().get(0).yamlPath()).isEmpty();
        assertThat(p.errors().get(0).message()).isEqualTo("found a list (expected: a mapping describing a source)");
    }
}
