package io.watchfloor.coverage.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.coverage.TestEvents;
import io.watchfloor.coverage.inventory.Cadence;
import io.watchfloor.coverage.inventory.Category;
import io.watchfloor.coverage.inventory.Criticality;
import io.watchfloor.coverage.inventory.DegradedPolicy;
import io.watchfloor.coverage.inventory.Inventory;
import io.watchfloor.coverage.inventory.RequiredField;
import io.watchfloor.coverage.inventory.Source;
import io.watchfloor.coverage.inventory.SourceContent;
import io.watchfloor.coverage.inventory.SourceMatch;
import io.watchfloor.coverage.inventory.VolumePolicy;
import io.watchfloor.coverage.report.CoverageReport;
import io.watchfloor.core.event.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Content completeness (issue 3, item 4): required event types and parse failures per window; DEGRADED. */
class CoverageTrackerDegradedTest {
    private static final long T0 = CoverageTrackerVolumeTest.MONDAY;
    private static final long MINUTE = 60_000;
    private static final long HOUR = 60 * MINUTE;

    private static Source source(int index, String id, DegradedPolicy degraded) {
        return new Source(index, id, "Source " + id, Category.IDENTITY,
                new SourceMatch(List.of(id), List.of(), List.of()), null, 3 * HOUR, Criticality.HIGH, "soc",
                Source.NO_MAX_LAG, Cadence.STATIC, List.of(), new SourceContent(VolumePolicy.OFF, degraded, null));
    }

    private static final Inventory INVENTORY = new Inventory(List.of(
            source(0, "dc", new DegradedPolicy(List.of(new RequiredField("event.code", List.of("4624", "4625"),
                    false)), HOUR, 2, 0.4, DegradedPolicy.LEARN_WINDOWS_DEFAULT)),
            source(1, "learner", new DegradedPolicy(List.of(RequiredField.learned("event.code")), HOUR, 2, -1, 4))));

    private final RecordingGapListener listener = new RecordingGapListener();
    private CoverageTracker tracker = new CoverageTracker(INVENTORY, listener, CoverageTrackerConfig.DEFAULT, T0);
    private long now = T0;
    /** Every live event: {receivedAtMs, source index, code or null for a parse failure}. */
    private final List<Object[]> journal = new ArrayList<>();

    private static Event event(int index, long atMs, String code, boolean replay) {
        final Event e = code == null ? TestEvents.json(Map.of(), "192.0.2.1", atMs)
                : TestEvents.json(Map.of("event.code", code), "192.0.2.1", atMs);
        if (code == null) {
            e.parseErrorReason("not_json");
        }
        e.attribute(index, INVENTORY.source(index).id());
        e.replay(replay);
        return e;
    }

    /** One hour: {@code codes} sent a minute apart by source {@code index}, a tick every 10 minutes and at the end. */
    private void hour(int index, String... codes) {
        final long start = now;
        for (int k = 0; k < codes.length; k++) {
            final long at = start + k * MINUTE;
            tracker.onEvent(event(index, at, codes[k], false));
            journal.add(new Object[] {at, index, codes[k]});
        }
        for (long t = start + 10 * MINUTE; t <= start + HOUR; t += 10 * MINUTE) {
            tracker.onTick(t);
        }
        now = start + HOUR;
    }

    private static String[] repeat(int n, String code) {
        final String[] out = new String[n];
        java.util.Arrays.fill(out, code);
        return out;
    }

    private static String[] mix(int failures, int total) {
        final String[] out = repeat(total, "4624");
        for (int k = 0; k < failures; k++) {
            out[k * 2] = null;
        }
        out[1] = "4625";
        return out;
    }

    @Test
    void shouldOpenADegradedGapWhenARequiredCodeIsMissingForNWindowsAndNameIt() {
        hour(0, "4624", "4625");
        hour(0, "4624", "4625");
        final long missingFrom = now;
        hour(0, "4624", "4624");
        assertThat(listener.calls).as("one window is not enough").isEmpty();
        hour(0, "4624");

        assertThat(listener.calls).containsExactly("opened dc@" + missingFrom + "/degraded");
        final Gap gap = listener.gaps.get(0);
        assertThat(gap.reason()).isEqualTo(GapReason.REQUIRED_MISSING);
        assertThat(gap.detail()).isEqualTo(GapDetail.degraded(List.of("4625"), -1));
        assertThat(tracker.latestSnapshot().sources().get(0).state()).isEqualTo(SourceState.DEGRADED);
        @SuppressWarnings("unchecked")
        final List<Map<String, Object>> listed = (List<Map<String, Object>>) tracker.latestSnapshot()
                .gapsJson(null, "degraded", "open", null, null).get("gaps");
        assertThat(listed).singleElement().satisfies(g -> {
            assertThat(g).containsEntry("type", "degraded").containsEntry("reason", "REQUIRED_MISSING");
            assertThat(g.get("detail")).isEqualTo(Map.of("missing", List.of("4625")));
        });

        final long backAt = now;
        hour(0, "4625", "4624");
        assertThat(listener.calls).containsExactly("opened dc@" + missingFrom + "/degraded",
                "closed dc@" + missingFrom + "/degraded " + backAt);
        assertThat(tracker.latestSnapshot().sources().get(0).state()).isEqualTo(SourceState.REPORTING);
    }

    @Test
    void shouldNotCountAWindowWithoutEventsAsMissingContent() {
        hour(0, "4624", "4625");
        hour(0, "4624");
        hour(0);
        hour(0, "4625", "4624");

        assertThat(listener.calls).isEmpty();
    }

    @Test
    void shouldOpenADegradedGapWhenAWindowsParseFailuresPassTheRate() {
        hour(0, "4624", "4625");
        hour(0, mix(8, 20));
        assertThat(listener.calls).as("8 of 20 is 0.4, not above it").isEmpty();
        hour(0, mix(5, 10));
        assertThat(listener.calls).as("10 events are too few to judge").isEmpty();
        final long badAt = now;
        hour(0, mix(10, 20));

        assertThat(listener.calls).containsExactly("opened dc@" + badAt + "/degraded");
        assertThat(listener.gaps.get(0).reason()).isEqualTo(GapReason.PARSE_FAILURES);
        assertThat(listener.gaps.get(0).detail()).isEqualTo(GapDetail.degraded(List.of(), 0.5));
        assertThat(listener.gaps.get(0).toApiJson(now).get("detail")).isEqualTo(Map.of("parse_failure_rate", 0.5));
        hour(0, mix(2, 20));
        assertThat(listener.calls).containsExactly("opened dc@" + badAt + "/degraded",
                "closed dc@" + badAt + "/degraded " + (badAt + HOUR));
    }

    @Test
    void shouldLearnTheCodesSeenInMostWarmUpWindowsThenRequireThem() {
        hour(1, "x");
        hour(1, "4624", "4625");
        hour(1, "4624", "4625", "4720");
        hour(1, "4624");
        assertThat(tracker.latestSnapshot().sources().get(1).content().learningRequired()).isTrue();
        assertThat(tracker.latestSnapshot().sources().get(1).content().requiredValues()).isEmpty();
        hour(1, "4624", "4625");
        hour(1, "4624", "4625");
        assertThat(tracker.latestSnapshot().sources().get(1).content().requiredValues())
                .containsExactly("4624", "4625");
        assertThat(tracker.latestSnapshot().sources().get(1).content().learningRequired()).isFalse();
        final long missingFrom = now;
        hour(1, "4625");
        hour(1, "4625", "4720");

        assertThat(listener.calls).containsExactly("opened learner@" + missingFrom + "/degraded");
        assertThat(listener.gaps.get(0).detail().missing()).containsExactly("4624");
    }

    @Test
    void shouldCountDegradedMinutesInTheReport() {
        hour(0, "4624", "4625");
        final long from = now;
        hour(0, "4624");
        hour(0, "4624");
        hour(0, "4624", "4625");

        final Map<String, Object> report = CoverageReport.of(INVENTORY, tracker.latestSnapshot(), List.of())
                .reportJson(from, now);
        @SuppressWarnings("unchecked")
        final Map<String, Object> dc = (Map<String, Object>) ((List<Object>) report.get("sources")).get(0);
        @SuppressWarnings("unchecked")
        final Map<String, Object> minutes = (Map<String, Object>) dc.get("minutes");
        assertThat(minutes).containsEntry("degraded", 120.0).containsEntry("reporting", 60.0);
        assertThat(dc).containsEntry("gaps", 1L).containsEntry("coverage_pct_of_period", 33.33);
    }

    @Test
    void shouldTellTheOpenAndTheCloseOnceAcrossARestartAndAReplay() {
        hour(0, "4624", "4625");
        final long missingFrom = now;
        hour(0, "4624");
        hour(0, "4624");
        hour(0, "4624");
        assertThat(listener.live()).containsExactly("opened dc@" + missingFrom + "/degraded");

        final RecordingGapListener second = new RecordingGapListener();
        tracker = new CoverageTracker(INVENTORY, second, CoverageTrackerConfig.DEFAULT, now);
        for (Gap g : listener.gaps) {
            tracker.restoreJournalRecord(g.toJournalJson());
        }
        for (Object[] e : journal) {
            tracker.onEvent(event((Integer) e[1], (Long) e[0], (String) e[2], true));
        }
        hour(0, "4624");
        assertThat(second.live()).isEmpty();
        assertThat(tracker.latestSnapshot().sources().get(0).state()).isEqualTo(SourceState.DEGRADED);
        final long backAt = now;
        hour(0, "4625", "4624");

        assertThat(second.live()).containsExactly("closed dc@" + missingFrom + "/degraded " + backAt);
    }

    @Test
    void shouldNotAllocatePerEventWithVolumeRequiredValuesAndASequenceField() {
        final Inventory all = new Inventory(List.of(new Source(0, "dc", "Domain controllers", Category.IDENTITY,
                new SourceMatch(List.of("dc"), List.of(), List.of()), null, HOUR, Criticality.HIGH, "soc",
                Source.NO_MAX_LAG, Cadence.STATIC, List.of(), new SourceContent(VolumePolicy.DEFAULT,
                new DegradedPolicy(List.of(new RequiredField("win.event.code", List.of("4624", "4625"), false),
                        RequiredField.learned("log.syslog.msgid")), HOUR, 2, 0.5, 24), "meta.sequenceId"))));
        final CoverageTracker t = new CoverageTracker(all, GapListener.NONE, CoverageTrackerConfig.DEFAULT, T0);
        // every event in one window: the per-event path, not the window roll
        final Event filled = FieldReaderTest.syslogWithSd();
        filled.attribute(0, "dc");
        t.onEvent(TestEvents.tick(T0 + MINUTE));
        final Runnable work = () -> {
            for (int k = 0; k < 20_000; k++) {
                t.onEvent(filled);
            }
        };
        work.run();

        assertThat(TestEvents.allocatedBytes(work)).isLessThan(1_024);
        assertThat(t.snapshot().sources().get(0).content().volumeCount()).isEqualTo(40_000);
    }
}
