package io.watchfloor.coverage.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.coverage.TestEvents;
import io.watchfloor.coverage.inventory.Cadence;
import io.watchfloor.coverage.inventory.Category;
import io.watchfloor.coverage.inventory.Criticality;
import io.watchfloor.coverage.inventory.DegradedPolicy;
import io.watchfloor.coverage.inventory.Inventory;
import io.watchfloor.coverage.inventory.Source;
import io.watchfloor.coverage.inventory.SourceContent;
import io.watchfloor.coverage.inventory.SourceMatch;
import io.watchfloor.coverage.inventory.VolumePolicy;
import io.watchfloor.core.event.Event;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SEQUENCE_GAP (issue 3, item 3): holes in a sender's sequence numbers are a finding; restarts are tolerated. */
class CoverageTrackerSequenceTest {
    private static final long T0 = CoverageTrackerVolumeTest.MONDAY;
    private static final long MINUTE = 60_000;
    private static final Inventory INVENTORY = new Inventory(List.of(new Source(0, "fw", "Firewall",
            Category.NETWORK, new SourceMatch(List.of("fw"), List.of(), List.of()), null, 10 * MINUTE,
            Criticality.HIGH, "netops", Source.NO_MAX_LAG, Cadence.STATIC, List.of(),
            new SourceContent(VolumePolicy.OFF, DegradedPolicy.OFF, "seq"))));

    private final RecordingGapListener listener = new RecordingGapListener();
    private CoverageTracker tracker = new CoverageTracker(INVENTORY, listener, CoverageTrackerConfig.DEFAULT, T0);
    private long now = T0;

    private void send(Object... sequence) {
        for (Object n : sequence) {
            now += 1_000;
            final Event e = TestEvents.json(n == null ? Map.of() : Map.of("seq", n), "192.0.2.1", now);
            e.attribute(0, "fw");
            tracker.onEvent(e);
        }
        tracker.onTick(now);
    }

    private SourceFinding finding() {
        return tracker.latestSnapshot().sources().get(0).finding(FindingKind.SEQUENCE_GAP);
    }

    @Test
    void shouldCountTheMissingNumbersOfEachHole() {
        send(1L, 2L, 3L);
        assertThat(finding()).isNull();
        send(7L, 8L);
        final long firstHoleAt = now - 1_000;
        send(20L);

        assertThat(finding()).isEqualTo(new SourceFinding(FindingKind.SEQUENCE_GAP, 3 + 11, now, 2));
        assertThat(firstHoleAt).isLessThan(now);
        assertThat(listener.calls).as("a finding, not a gap").isEmpty();
        @SuppressWarnings("unchecked")
        final Map<String, Object> json = (Map<String, Object>) ((List<Object>) ((Map<String, Object>)
                ((List<Object>) tracker.latestSnapshot().coverageJson().get("sources")).get(0)).get("findings")).get(0);
        assertThat(json).containsEntry("kind", "sequence_gap").containsEntry("count", 14L).containsEntry("holes", 2L);
    }

    @Test
    void shouldTolerateASenderRestartLateEventsAndEventsWithoutANumber() {
        send(1000L, 1001L, 1002L);
        send(999L, 1002L, null, "abc", "1003");
        send(1L, 2L, 3L);
        send(4L);

        assertThat(finding()).isNull();
    }

    @Test
    void shouldNotCountAHoleAcrossTheMonitorsOwnDowntime() {
        send(1L, 2L);
        final long downFrom = now;
        now += 30 * MINUTE;
        tracker = new CoverageTracker(INVENTORY, listener, CoverageTrackerConfig.DEFAULT, now);
        tracker.monitorDown(downFrom, now);
        Event e = TestEvents.json(Map.of("seq", 1L), "192.0.2.1", downFrom - 1_000);
        e.attribute(0, "fw");
        e.replay(true);
        tracker.onEvent(e);
        e = TestEvents.json(Map.of("seq", 2L), "192.0.2.1", downFrom);
        e.attribute(0, "fw");
        e.replay(true);
        tracker.onEvent(e);
        send(40L, 41L);

        assertThat(finding()).isNull();
        send(45L);
        assertThat(finding().count()).isEqualTo(3);
    }
}
