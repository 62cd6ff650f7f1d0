package io.watchfloor.coverage.tracker;

import static io.watchfloor.coverage.TestEvents.attributedSyslog;
import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.coverage.inventory.Category;
import io.watchfloor.coverage.inventory.Criticality;
import io.watchfloor.coverage.inventory.Inventory;
import io.watchfloor.coverage.inventory.Source;
import io.watchfloor.coverage.inventory.SourceMatch;
import io.watchfloor.core.time.ManualClock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The monitor's own downtime (issue 3, item 7) is never a source's gap. */
class CoverageTrackerMonitorDownTest {
    private static final long T0 = CoverageTrackerVolumeTest.MONDAY;
    private static final long MINUTE = 60_000;
    private static final long HOUR = 60 * MINUTE;
    private static final Inventory INVENTORY = new Inventory(List.of(new Source(0, "fw", "Firewall",
            Category.NETWORK, new SourceMatch(List.of("fw"), List.of(), List.of()), null, 5 * MINUTE,
            Criticality.HIGH, "netops")));

    private final ManualClock clock = new ManualClock(T0);
    private final RecordingGapListener listener = new RecordingGapListener();

    @Test
    void shouldJudgeSilenceFromTheRestartNotFromTheLastEventBeforeATwoHourOutage() {
        final CoverageTracker first = new CoverageTracker(INVENTORY, listener, CoverageTrackerConfig.DEFAULT, T0);
        final long lastSeen = T0 + 10 * MINUTE;
        first.onEvent(attributedSyslog(INVENTORY, 0, lastSeen, false));
        first.onTick(lastSeen + MINUTE);
        final long downFrom = lastSeen + MINUTE;
        final long restart = downFrom + 2 * HOUR;

        final CoverageTracker restarted = new CoverageTracker(INVENTORY, listener, CoverageTrackerConfig.DEFAULT,
                restart);
        restarted.monitorDown(downFrom, restart);
        restarted.onEvent(attributedSyslog(INVENTORY, 0, lastSeen, true));
        clock.set(restart);
        for (long t = restart; t <= restart + 5 * MINUTE; t += 10_000) {
            restarted.onTick(clock.advance(10_000) - 10_000);
            assertThat(restarted.openGap("fw")).as("at %d ms after the restart", t - restart).isNull();
        }
        assertThat(restarted.latestSnapshot().sources().get(0).state()).isEqualTo(SourceState.REPORTING);
        restarted.onTick(restart + 5 * MINUTE + 1);

        assertThat(listener.calls).containsExactly("opened fw@" + (restart + 5 * MINUTE));
    }

    @Test
    void shouldKeepTheDowntimeOutOfTheLearnedCadence() {
        final MonitorDowntime downtime = new MonitorDowntime(T0 + 3 * HOUR);
        downtime.down(T0 + HOUR, T0 + 3 * HOUR);

        assertThat(downtime.downWithin(T0, T0 + 2 * HOUR)).isTrue();
        assertThat(downtime.downWithin(T0 + 3 * HOUR, T0 + 4 * HOUR)).isFalse();
        assertThat(downtime.unwatched(T0 + 3 * HOUR - 1, T0 + 4 * HOUR)).isTrue();
        assertThat(downtime.unwatched(T0 + 4 * HOUR, T0 + 5 * HOUR)).isFalse();
        assertThat(downtime.silenceFromMs(T0, T0 + 4 * HOUR)).isEqualTo(T0 + 3 * HOUR);
        assertThat(downtime.silenceFromMs(T0 + 3 * HOUR + 1, T0 + 4 * HOUR)).isEqualTo(T0 + 3 * HOUR + 1);
    }
}
