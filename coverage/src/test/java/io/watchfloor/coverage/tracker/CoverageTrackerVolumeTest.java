package io.watchfloor.coverage.tracker;

import static io.watchfloor.coverage.TestEvents.attributedSyslog;
import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.coverage.inventory.Cadence;
import io.watchfloor.coverage.inventory.Category;
import io.watchfloor.coverage.inventory.Criticality;
import io.watchfloor.coverage.inventory.DegradedPolicy;
import io.watchfloor.coverage.inventory.Inventory;
import io.watchfloor.coverage.inventory.Source;
import io.watchfloor.coverage.inventory.SourceContent;
import io.watchfloor.coverage.inventory.SourceMatch;
import io.watchfloor.coverage.inventory.VolumePolicy;
import io.watchfloor.core.time.ManualClock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Volume (issue 3, item 2): learned per-window counts per hour of the week, VOLUME_DROP after k low windows. */
class CoverageTrackerVolumeTest {
    /** Monday 2023-11-06 00:00 UTC. */
    static final long MONDAY = 1_699_228_800_000L;
    static final long MINUTE = 60_000;
    static final long HOUR = 60 * MINUTE;
    static final long WEEK = 7 * 24 * HOUR;
    /** Events per hour of the steady source. */
    static final int STEADY = 12;

    static final Inventory INVENTORY = new Inventory(List.of(new Source(0, "dc", "Domain controllers",
            Category.IDENTITY, new SourceMatch(List.of("dc"), List.of(), List.of()), null, HOUR, Criticality.HIGH,
            "soc", Source.NO_MAX_LAG, Cadence.STATIC, List.of(),
            new SourceContent(new VolumePolicy(HOUR, 3), DegradedPolicy.OFF, null))));

    private final ManualClock clock = new ManualClock(MONDAY);
    private final RecordingGapListener listener = new RecordingGapListener();
    private CoverageTracker tracker = new CoverageTracker(INVENTORY, listener, CoverageTrackerConfig.DEFAULT, MONDAY);
    /** Every live event sent, in order: the event journal a restart replays. */
    private final List<Long> journal = new ArrayList<>();

    /** Sends {@code perHour} events spread over each of {@code hours} hours, ticking every 5 minutes. */
    private void run(int hours, int perHour) {
        for (int h = 0; h < hours; h++) {
            final long hourStart = clock.nowMs();
            for (int step = 0; step < 12; step++) {
                final long at = hourStart + step * 5 * MINUTE;
                clock.set(at);
                if (perHour > 0 && step % (12 / perHour) == 0 && step / (12 / perHour) < perHour) {
                    tracker.onEvent(attributedSyslog(INVENTORY, 0, at, false));
                    journal.add(at);
                }
                tracker.onTick(at + 1_000);
            }
            clock.set(hourStart + HOUR);
            tracker.onTick(clock.nowMs());
        }
    }

    private Map<String, Object> sourceJson() {
        @SuppressWarnings("unchecked")
        final Map<String, Object> m = (Map<String, Object>) ((List<Object>) tracker.latestSnapshot().coverageJson()
                .get("sources")).get(0);
        return m;
    }

    /** Three weeks of steady traffic: every hour-of-week bucket has its three samples. */
    private void warmUp() {
        run(3 * 7 * 24 + 1, STEADY);
        assertThat(tracker.latestSnapshot().sources().get(0).content().volumeLowerBound()).isEqualTo(STEADY / 2);
    }

    @Test
    void shouldNotJudgeVolumeWhileAnHourOfTheWeekWarmsUp() {
        run(2 * 7 * 24 + 1, STEADY);
        run(6, 1);

        assertThat(listener.calls).isEmpty();
        assertThat(tracker.latestSnapshot().sources().get(0).content().volumeLowerBound()).isEqualTo(-1);
    }

    @Test
    void shouldOpenAVolumeGapAfterThreeLowWindowsAtTheFirstOneAndCloseItWhenBackAboveTheBound() {
        warmUp();
        final long dropAt = clock.nowMs();
        run(2, 2);
        assertThat(listener.calls).as("two low windows are not enough").isEmpty();
        run(1, 2);

        assertThat(listener.calls).containsExactly("opened dc@" + dropAt + "/volume");
        final Gap gap = listener.gaps.get(0);
        assertThat(gap.reason()).isEqualTo(GapReason.VOLUME_DROP);
        assertThat(gap.detail()).isEqualTo(GapDetail.volume(2, STEADY / 2));
        assertThat(gap.alertedAtMs()).isEqualTo(dropAt + 3 * HOUR);
        assertThat(tracker.latestSnapshot().sources().get(0).state()).isEqualTo(SourceState.DEGRADED);
        assertThat(sourceJson()).containsEntry("state", "degraded").containsEntry("open_volume_gap", gap.id());
        assertThat(tracker.latestSnapshot().categories().get(Category.IDENTITY.ordinal()).degraded()).isEqualTo(1);
        assertThat(tracker.latestSnapshot().gapsJson(null, "volume", null, null, null).get("open")).isEqualTo(1);

        final long backAt = clock.nowMs();
        run(1, STEADY);
        assertThat(listener.calls).containsExactly("opened dc@" + dropAt + "/volume",
                "closed dc@" + dropAt + "/volume " + backAt);
        assertThat(tracker.latestSnapshot().sources().get(0).state()).isEqualTo(SourceState.REPORTING);
    }

    @Test
    void shouldNotLearnTheLowVolumeWhileTheGapIsOpen() {
        warmUp();
        run(7 * 24, 2);

        assertThat(listener.calls).hasSize(1);
        assertThat(tracker.openGap("dc")).isNull();
        assertThat(tracker.latestSnapshot().sources().get(0).openVolumeGapId()).isNotNull();
        assertThat(tracker.latestSnapshot().sources().get(0).content().volumeLowerBound()).isEqualTo(STEADY / 2);
    }

    @Test
    void shouldNotOpenAVolumeGapForASourceThatFellSilent() {
        warmUp();
        run(5, 0);

        assertThat(listener.calls).containsExactly("opened dc@" + (journal.get(journal.size() - 1) + HOUR));
    }

    @Test
    void shouldTellTheOpenAndTheCloseOnceAcrossARestartInTheMiddleOfTheGap() {
        warmUp();
        final long dropAt = clock.nowMs();
        run(4, 2);
        assertThat(listener.live()).containsExactly("opened dc@" + dropAt + "/volume");

        final RecordingGapListener second = restart(clock.advance(MINUTE));
        run(1, STEADY);
        run(1, STEADY);

        // the window the restart fell in is not judged; the next one is good and closes the gap at its start
        assertThat(second.live()).containsExactly("closed dc@" + dropAt + "/volume " + (dropAt + 5 * HOUR));
        assertThat(tracker.latestSnapshot().gapsJson(null, "volume", "open", null, null).get("open")).isEqualTo(0);
    }

    @Test
    void shouldCloseAtTheFirstLiveTickAGapWhoseVolumeRecoveredBeforeTheRestart() {
        warmUp();
        final long dropAt = clock.nowMs();
        run(3, 2);
        final List<Gap> gapJournal = new ArrayList<>(listener.gaps);
        final long backAt = clock.nowMs();
        run(1, STEADY);
        listener.gaps.clear();
        listener.gaps.addAll(gapJournal);

        final RecordingGapListener second = restart(clock.advance(MINUTE));
        tracker.onTick(clock.advance(MINUTE));

        assertThat(second.live()).containsExactly("closed dc@" + dropAt + "/volume " + backAt);
    }

    @Test
    void shouldNotTakeTheMonitorsDowntimeForAVolumeDrop() {
        warmUp();
        final long downFrom = clock.nowMs();
        final RecordingGapListener second = restart(clock.advance(5 * HOUR));
        tracker.monitorDown(downFrom, clock.nowMs());
        run(6, STEADY);

        assertThat(second.live()).isEmpty();
        assertThat(tracker.latestSnapshot().sources().get(0).state()).isEqualTo(SourceState.REPORTING);
    }

    /**
     * Restarts on the journals so far: the gap records through {@link CoverageTracker#restoreJournalRecord}, then
     * every event replayed.
     */
    private RecordingGapListener restart(long atMs) {
        final RecordingGapListener next = new RecordingGapListener();
        final List<Gap> gaps = listener.gaps;
        tracker = new CoverageTracker(INVENTORY, next, CoverageTrackerConfig.DEFAULT, atMs);
        for (Gap g : gaps) {
            tracker.restoreJournalRecord(g.toJournalJson());
        }
        for (long at : journal) {
            tracker.onEvent(attributedSyslog(INVENTORY, 0, at, true));
        }
        return next;
    }
}
