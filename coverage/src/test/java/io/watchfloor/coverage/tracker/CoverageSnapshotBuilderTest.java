package io.watchfloor.coverage.tracker;

import static io.watchfloor.coverage.TestEvents.syslogInto;
import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.coverage.inventory.Category;
import io.watchfloor.coverage.inventory.Criticality;
import io.watchfloor.coverage.inventory.Inventory;
import io.watchfloor.coverage.inventory.Source;
import io.watchfloor.coverage.inventory.SourceMatch;
import io.watchfloor.core.event.Event;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A large inventory's snapshot is built over several ticks, and equals the one built at once when done. */
class CoverageSnapshotBuilderTest {
    private static final long T0 = 1_699_228_800_000L;
    private static final int SOURCES = CoverageTracker.FULL_SNAPSHOT_MAX_SOURCES + 10;

    @Test
    void shouldPublishALargeSnapshotOnceEverySourceIsBuiltAndEqualToOneBuiltAtOnce() {
        final List<Source> sources = new ArrayList<>(SOURCES);
        for (int i = 0; i < SOURCES; i++) {
            sources.add(new Source(i, "s" + i, "s" + i, i % 2 == 0 ? Category.ENDPOINT : Category.NETWORK,
                    new SourceMatch(List.of("s" + i), List.of(), List.of()), null, 60_000, Criticality.HIGH, "soc"));
        }
        final Inventory inventory = new Inventory(sources);
        final CoverageTracker tracker = new CoverageTracker(inventory, GapListener.NONE,
                CoverageTrackerConfig.DEFAULT, T0);
        assertThat(tracker.latestSnapshot().sources()).as("the first snapshot is whole").hasSize(SOURCES);
        final Event e = new Event();
        for (int i = 0; i < 3; i++) {
            syslogInto(e, "s" + i, "app", "192.0.2.1", T0 + 500, Long.MIN_VALUE);
            e.attribute(i, "s" + i);
            tracker.onEvent(e);
        }
        tracker.onTick(T0 + 2_000);
        assertThat(tracker.latestSnapshot().atMs()).as("built in part only").isEqualTo(T0);
        tracker.onTick(T0 + 3_000);
        final CoverageSnapshot published = tracker.latestSnapshot();
        assertThat(published.atMs()).isEqualTo(T0 + 3_000);
        final CoverageSnapshot whole = tracker.snapshot();
        assertThat(published.sources()).isEqualTo(whole.sources());
        assertThat(published.categories()).isEqualTo(whole.categories());
        assertThat(published.source("s1").state()).isEqualTo(SourceState.REPORTING);
        assertThat(published.source("s7").state()).isEqualTo(SourceState.NEVER_SEEN);
    }
}
