package io.watchfloor.coverage.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MonitorHeartbeatsTest {
    @Test
    void shouldReportTheTimeBetweenTheLastHeartbeatAndTheNextStartAsDown() {
        final MonitorHeartbeats h = new MonitorHeartbeats();
        h.accept(MonitorHeartbeats.startedJson(0));
        h.accept(MonitorHeartbeats.heartbeatJson(60_000));
        h.accept(MonitorHeartbeats.heartbeatJson(120_000));
        h.accept(MonitorHeartbeats.startedJson(600_000));
        h.accept(MonitorHeartbeats.heartbeatJson(660_000));
        h.started(1_000_000);
        assertThat(h.downPeriods()).containsExactly(new MonitorDownPeriod(120_000, 600_000),
                new MonitorDownPeriod(660_000, 1_000_000));
    }

    @Test
    void shouldKnowNoDowntimeBeforeTheFirstRecord() {
        final MonitorHeartbeats h = new MonitorHeartbeats();
        h.started(5_000);
        assertThat(h.downPeriods()).isEmpty();
    }

    @Test
    void shouldTellMonitorRecordsFromGapRecords() {
        assertThat(MonitorHeartbeats.isJournalRecord(MonitorHeartbeats.heartbeatJson(1))).isTrue();
        assertThat(MonitorHeartbeats.isJournalRecord(MonitorHeartbeats.startedJson(1))).isTrue();
        assertThat(MonitorHeartbeats.isJournalRecord("{\"type\":\"opened\",\"id\":\"a@1\"}")).isFalse();
        assertThat(MonitorHeartbeats.isJournalRecord("not json")).isFalse();
        assertThatThrownBy(() -> new MonitorHeartbeats().accept("{\"type\":\"opened\"}"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
