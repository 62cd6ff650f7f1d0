package io.watchfloor.coverage.tracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GapTest {
    @Test
    void shouldRoundTripJournalRecords() {
        final Gap open = Gap.open("fw-edge-01", 1_700_000_000_000L);
        assertThat(open.id()).isEqualTo("fw-edge-01@1700000000000");
        assertThat(open.toJournalJson()).isEqualTo("{\"type\":\"opened\",\"id\":\"fw-edge-01@1700000000000\","
                + "\"source_id\":\"fw-edge-01\",\"opened_at_ms\":1700000000000,\"closed_at_ms\":-1}");
        assertThat(Gap.fromJournalJson(open.toJournalJson())).isEqualTo(open);
        final Gap closed = open.closeAt(1_700_000_090_000L);
        assertThat(closed.toJournalJson()).startsWith("{\"type\":\"closed\"");
        assertThat(Gap.fromJournalJson(closed.toJournalJson())).isEqualTo(closed);
    }

    @Test
    void shouldRejectCorruptJournalRecords() {
        assertThatThrownBy(() -> Gap.fromJournalJson("{not json")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Gap.fromJournalJson("{\"id\":\"a\"}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected: id, source_id, opened_at_ms, closed_at_ms");
    }

    @Test
    void shouldMeasureDurationUpToNowWhileOpen() {
        final Gap g = Gap.open("a", 10_000);
        assertThat(g.isOpen()).isTrue();
        assertThat(g.durationS(75_500)).isEqualTo(65);
        assertThat(g.closeAt(40_000).durationS(999_999)).isEqualTo(30);
        assertThat(g.closeAt(5_000).closedAtMs()).isEqualTo(10_000);
        assertThat(g.toApiJson(20_000)).containsEntry("source_id", "a").containsEntry("opened_at", "1970-01-01T00:00:10Z")
                .containsEntry("closed_at", null).containsEntry("duration_s", 10L).containsEntry("open", true);
    }
}
