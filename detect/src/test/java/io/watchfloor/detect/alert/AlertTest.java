package io.watchfloor.detect.alert;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AlertTest {
    @Test
    void shouldRenderEcsFieldsInOrderWithIsoMillis() {
        final Alert a = new Alert(1_714_564_800_005L, 1_714_564_801_000L, "r1", "Rule", "high", "desc", "Watchfloor",
                List.of("attack.t1110"), "h.example.com", "src-1", 42, "msg", List.of("sel"));
        assertThat(a.toEcs()).containsExactly(
                org.assertj.core.api.Assertions.entry("@timestamp", "2024-05-01T12:00:00.005Z"),
                org.assertj.core.api.Assertions.entry("event.kind", "alert"),
                org.assertj.core.api.Assertions.entry("rule.id", "r1"),
                org.assertj.core.api.Assertions.entry("rule.name", "Rule"),
                org.assertj.core.api.Assertions.entry("rule.level", "high"),
                org.assertj.core.api.Assertions.entry("tags", List.of("attack.t1110")),
                org.assertj.core.api.Assertions.entry("host.name", "h.example.com"),
                org.assertj.core.api.Assertions.entry("watchfloor.source_id", "src-1"),
                org.assertj.core.api.Assertions.entry("watchfloor.journal_index", 42L),
                org.assertj.core.api.Assertions.entry("message", "msg"),
                org.assertj.core.api.Assertions.entry("rule.description", "desc"),
                org.assertj.core.api.Assertions.entry("rule.author", "Watchfloor"),
                org.assertj.core.api.Assertions.entry("event.created", "2024-05-01T12:00:01.000Z"),
                org.assertj.core.api.Assertions.entry("detection.matched", List.of("sel")));
    }

    @Test
    void shouldBuildCoverageAlerts() {
        final Alert a = Alert.coverage(Alert.GAP_OPENED, "fw-1", "fw-1.example.com", 1_714_564_800_000L,
                1_714_564_860_000L, "fw-1 silent for 15m", "high");
        assertThat(a.ruleId()).isEqualTo("coverage.gap.opened");
        assertThat(a.ruleName()).isEqualTo("Coverage gap opened");
        assertThat(a.toEcs()).containsEntry("@timestamp", "2024-05-01T12:00:00.000Z")
                .containsEntry("event.created", "2024-05-01T12:01:00.000Z")
                .containsEntry("watchfloor.journal_index", null).containsEntry("rule.level", "high")
                .doesNotContainKey("detection.matched");
    }
}
