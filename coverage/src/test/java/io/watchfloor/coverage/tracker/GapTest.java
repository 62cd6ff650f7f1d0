package io.watchfloor.coverage.tracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
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
        assertThat(Gap.isJournalRecord(open.toJournalJson())).isTrue();
        assertThat(Gap.isJournalRecord(closed.toJournalJson())).isTrue();
        assertThat(Gap.isJournalRecord(new ExceptionExpiry("x", "fw-edge-01", 1, null).toJournalJson())).isFalse();
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

    @Test
    void shouldReadRecordsWithoutATypeAsSilentAndRoundTripTypedOnes() {
        final Gap old = Gap.fromJournalJson("{\"type\":\"closed\",\"id\":\"a@1000\",\"source_id\":\"a\","
                + "\"opened_at_ms\":1000,\"closed_at_ms\":5000}");
        assertThat(old).isEqualTo(new Gap("a@1000", "a", 1000, 5000, GapType.SILENT, Gap.UNKNOWN));
        assertThat(old.toApiJson(0)).containsEntry("type", "silent").containsEntry("alerted_at", null);

        final Gap delayed = Gap.open("a", GapType.DELAYED, 1000, 4000);
        assertThat(delayed.id()).isEqualTo("a@1000/delayed");
        assertThat(delayed.toJournalJson()).contains("\"gap_type\":\"delayed\"", "\"alerted_at_ms\":4000");
        assertThat(Gap.fromJournalJson(delayed.toJournalJson())).isEqualTo(delayed);
        assertThat(Gap.fromJournalJson(delayed.closeAt(9000).toJournalJson())).isEqualTo(delayed.closeAt(9000));
        assertThat(Gap.open("a", GapType.NEVER_SEEN, 1000, 1000).id()).isEqualTo("a@1000/never_seen");
        assertThat(GapType.ofId("volume")).isEqualTo(GapType.VOLUME);
        assertThat(GapType.ofId("Silent")).isNull();
        assertThatThrownBy(() -> Gap.fromJournalJson("{\"id\":\"a\",\"source_id\":\"a\",\"opened_at_ms\":1,"
                + "\"closed_at_ms\":-1,\"gap_type\":\"gone\"}")).hasMessageContaining("gap_type");
    }

    @Test
    void shouldOverlapAPeriodWhenOpenedBeforeItsEndAndNotClosedBeforeItsStart() {
        final Gap g = Gap.open("a", 1000).closeAt(2000);
        assertThat(g.overlaps(null, null)).isTrue();
        assertThat(g.overlaps(2000L, 3000L)).isTrue();
        assertThat(g.overlaps(2001L, null)).isFalse();
        assertThat(g.overlaps(null, 999L)).isFalse();
        assertThat(Gap.open("a", 1000).overlaps(50_000L, null)).isTrue();
    }

    @Test
    void shouldJournalAReasonOnlyWhenSetAndReadRecordsWithoutOne() {
        final Gap plain = Gap.open("a", GapType.SILENT, 1000, 2000);
        assertThat(plain.toJournalJson()).doesNotContain("reason");
        assertThat(Gap.fromJournalJson(plain.toJournalJson()).reason()).isNull();

        final Gap expired = Gap.open("a", GapType.SILENT, 1000, 2000, GapReason.EXCEPTION_EXPIRED);
        assertThat(expired.id()).isEqualTo("a@1000");
        assertThat(expired.toJournalJson()).contains("\"reason\":\"EXCEPTION_EXPIRED\"");
        assertThat(Gap.fromJournalJson(expired.toJournalJson())).isEqualTo(expired);
        assertThat(expired.closeAt(5000).reason()).isEqualTo(GapReason.EXCEPTION_EXPIRED);
        assertThat(Gap.fromJournalJson(expired.closeAt(5000).toJournalJson())).isEqualTo(expired.closeAt(5000));
        assertThat(expired.toApiJson(3000)).containsEntry("reason", "EXCEPTION_EXPIRED");
        assertThat(plain.toApiJson(3000)).containsEntry("reason", null);
        assertThatThrownBy(() -> Gap.fromJournalJson("{\"id\":\"a\",\"source_id\":\"a\",\"opened_at_ms\":1,"
                + "\"closed_at_ms\":-1,\"reason\":\"BORED\"}")).hasMessageContaining("reason");
    }

    @Test
    void shouldRoundTripExpiryRecordsAndTellThemFromGapRecords() {
        final ExceptionExpiry e = new ExceptionExpiry("x1", "a", 7000, "a@7000");
        assertThat(e.toJournalJson()).isEqualTo("{\"type\":\"exception_expired\",\"exception_id\":\"x1\","
                + "\"source_id\":\"a\",\"expired_at_ms\":7000,\"gap_id\":\"a@7000\"}");
        assertThat(ExceptionExpiry.fromJournalJson(e.toJournalJson())).isEqualTo(e);
        final ExceptionExpiry noGap = new ExceptionExpiry("x1", "a", 7000, null);
        assertThat(ExceptionExpiry.fromJournalJson(noGap.toJournalJson())).isEqualTo(noGap);
        assertThat(ExceptionExpiry.isJournalRecord(e.toJournalJson())).isTrue();
        assertThat(ExceptionExpiry.isJournalRecord(Gap.open("a", 1).toJournalJson())).isFalse();
        assertThatThrownBy(() -> ExceptionExpiry.fromJournalJson("{\"type\":\"opened\"}"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRoundTripPartialGapsWithTheirReasonAndDetail() {
        final Gap degraded = Gap.open("dc", GapType.DEGRADED, 1000, 2000, GapReason.REQUIRED_MISSING,
                GapDetail.degraded(List.of("4625", "4720"), 0.42));
        assertThat(degraded.toJournalJson()).isEqualTo("{\"type\":\"opened\",\"id\":\"dc@1000/degraded\","
                + "\"source_id\":\"dc\",\"opened_at_ms\":1000,\"closed_at_ms\":-1,\"gap_type\":\"degraded\","
                + "\"alerted_at_ms\":2000,\"reason\":\"REQUIRED_MISSING\",\"detail\":{\"missing\":[\"4625\",\"4720\"],"
                + "\"parse_failure_rate\":0.42}}");
        assertThat(Gap.fromJournalJson(degraded.toJournalJson())).isEqualTo(degraded);
        final Gap volume = Gap.open("dc", GapType.VOLUME, 1000, 2000, GapReason.VOLUME_DROP, GapDetail.volume(2, 6))
                .closeAt(5000);
        assertThat(Gap.fromJournalJson(volume.toJournalJson())).isEqualTo(volume);
        assertThat(volume.toApiJson(6000)).containsEntry("type", "volume").containsEntry("reason", "VOLUME_DROP")
                .containsEntry("detail", java.util.Map.of("count", 2L, "lower_bound", 6L));
        assertThat(Gap.open("a", 1).toApiJson(2)).containsEntry("detail", null);
        assertThatThrownBy(() -> Gap.fromJournalJson("{\"id\":\"a\",\"source_id\":\"a\",\"opened_at_ms\":1,"
                + "\"closed_at_ms\":-1,\"detail\":3}")).hasMessageContaining("detail");
    }
}
