package io.watchfloor.server.wiring;

import io.watchfloor.core.event.Event;
import io.watchfloor.core.event.Listener;
import io.watchfloor.coverage.inventory.Category;
import io.watchfloor.coverage.inventory.Criticality;
import io.watchfloor.coverage.inventory.InventoryLoadResult;
import io.watchfloor.coverage.inventory.InventoryLoader;
import io.watchfloor.coverage.inventory.Retirement;
import io.watchfloor.coverage.inventory.Source;
import io.watchfloor.coverage.inventory.SourceChange;
import io.watchfloor.coverage.inventory.SourceMatch;
import io.watchfloor.coverage.report.MonitorDownPeriod;
import io.watchfloor.coverage.tracker.Gap;
import io.watchfloor.coverage.tracker.GapListener;
import io.watchfloor.coverage.tracker.SourceState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CoverageReplayTest {
    private static final long T0 = Instant.parse("2026-12-03T10:00:00Z").toEpochMilli();

    @TempDir
    Path tmp;

    private final List<String> transitions = new ArrayList<>();
    private final GapListener listener = new GapListener() {
        @Override
        public void gapOpened(Gap gap, boolean replay) {
            transitions.add("opened " + gap.id() + (replay ? " replay" : ""));
        }

        @Override
        public void gapClosed(Gap gap, boolean replay) {
            transitions.add("closed " + gap.id() + " at " + (gap.closedAtMs() - T0) + (replay ? " replay" : ""));
        }
    };
    private CoverageReplay replay;

    @BeforeEach
    void setUp() throws Exception {
        final Path file = tmp.resolve("inventory.yaml");
        Files.writeString(file, """
                sources:
                  - id: web
                    name: Web
                    category: application
                    match: {apps: ["web"]}
                    max_silence: 1m
                """);
        final InventoryLoadResult inv = InventoryLoader.load(file);
        assertThat(inv.errors()).isEmpty();
        replay = new CoverageReplay(inv.inventory(), 10_000, listener);
    }

    private void event(long atMs) {
        final Event e = new Event();
        e.resetForData(Listener.SYSLOG_TCP, null, atMs, false, null);
        final byte[] raw = "<134>1 - host-1 web - - - GET /".getBytes(StandardCharsets.UTF_8);
        e.raw(raw, 0, raw.length);
        replay.event(e);
    }

    private void event(long atMs, String app) {
        final Event e = new Event();
        e.resetForData(Listener.SYSLOG_TCP, null, atMs, false, null);
        final byte[] raw = ("<134>1 - host-1 " + app + " - - - GET /").getBytes(StandardCharsets.UTF_8);
        e.raw(raw, 0, raw.length);
        replay.event(e);
    }

    @Test
    void shouldApplyJournaledLifecycleChangesAtTheirTimes() {
        final Source crm = new Source(0, "crm", "CRM", Category.APPLICATION,
                new SourceMatch(List.of(), List.of(), List.of("crm")), null, 60_000, Criticality.HIGH, "app-team");
        replay.sourceChanges(List.of(new SourceChange(SourceChange.Action.ADD, null, crm, "alice", T0 + 5_000),
                new SourceChange(SourceChange.Action.RETIRE, crm, crm.retire(new Retirement(LocalDate.of(2026, 12, 3),
                        "gone")), "bob", T0 + 20_000)));

        event(T0, "crm");
        event(T0 + 5_000, "crm");
        event(T0 + 15_000, "crm");
        assertThat(replay.snapshot().source("crm").events()).as("unmanaged before it was added").isEqualTo(2);
        assertThat(replay.snapshot().unmanaged()).hasSize(1);
        event(T0 + 25_000, "web");
        event(T0 + 200_000, "web");

        assertThat(replay.snapshot().source("crm").state()).isEqualTo(SourceState.RETIRED);
        assertThat(transitions).as("retired before its silence became a gap").noneMatch(t -> t.contains("crm"));
        assertThatThrownBy(() -> replay.sourceChanges(List.of())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldTickAtTheStartThenEveryIntervalTicksDueAtAnEventsTimeFirst() {
        event(T0);
        assertThat(replay.ticks()).as("the start ticks, like a server's start").isEqualTo(1);
        // the tick at T0+70s sees 70 s of silence (> 1m) before the event at T0+70s closes the gap it opens
        event(T0 + 70_000);
        assertThat(replay.ticks()).isEqualTo(8);
        assertThat(transitions).containsExactly("opened web@" + (T0 + 60_000), "closed web@" + (T0 + 60_000)
                + " at 70000");
    }

    @Test
    void shouldNotTickInsideTheMonitorsDowntimeNorTurnItIntoAGap() {
        // the server that wrote the journal was down from T0+10s to T0+2h, as its heartbeats tell
        replay.monitorDown(List.of(new MonitorDownPeriod(T0 + 10_000, T0 + 7_200_000)));
        event(T0);
        event(T0 + 7_200_000 + 30_000);
        assertThat(transitions).as("silence is judged from the restart, and 30 s < 1m").isEmpty();
        assertThat(replay.ticks()).as("T0, T0+10s, then the restart and every 10 s after it").isEqualTo(2 + 4);
        event(T0 + 7_200_000 + 130_000);
        assertThat(transitions).containsExactly("opened web@" + (T0 + 7_200_000 + 90_000),
                "closed web@" + (T0 + 7_200_000 + 90_000) + " at " + (7_200_000 + 130_000));
    }

    @Test
    void shouldOpenNoGapWhenTheEventComesBeforeTheTickThatWouldSeeTheSilence() {
        event(T0);
        event(T0 + 69_999);
        assertThat(transitions).isEmpty();
        assertThat(replay.snapshot().source("web").state()).isEqualTo(SourceState.REPORTING);
    }

    @Test
    void shouldTreatJournalReplayEventsAsLiveAndNeverMoveTimeBack() {
        final Event fromJournal = new Event();
        fromJournal.resetForData(Listener.SYSLOG_UDP, null, T0, false, null);
        final byte[] raw = "<134>1 - host-1 web - - - GET /".getBytes(StandardCharsets.UTF_8);
        fromJournal.raw(raw, 0, raw.length);
        fromJournal.replay(true);
        replay.event(fromJournal);
        replay.advanceTo(T0 + 120_000);
        assertThat(transitions).containsExactly("opened web@" + (T0 + 60_000));

        // an event stamped earlier than the timeline (listeners stamp on their own threads) is taken at once
        event(T0 + 100_000);
        assertThat(replay.nowMs()).isEqualTo(T0 + 120_000);
        assertThat(replay.ticks()).isEqualTo(13);
        assertThat(transitions).last().isEqualTo("closed web@" + (T0 + 60_000) + " at 100000");
        assertThat(replay.snapshot().source("web").events()).isEqualTo(2);
    }

    @Test
    void shouldRefuseASnapshotBeforeTheTimelineStarts() {
        assertThat(replay.started()).isFalse();
        assertThatThrownBy(() -> replay.snapshot()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new CoverageReplay(null, 0, listener)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tickIntervalMs : 0");
    }
}
