package io.watchfloor.coverage.tracker;

import static io.watchfloor.coverage.TestEvents.syslog;
import static io.watchfloor.coverage.TestEvents.tick;
import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.coverage.TestEvents;
import io.watchfloor.coverage.inventory.Cadence;
import io.watchfloor.coverage.inventory.Category;
import io.watchfloor.coverage.inventory.Criticality;
import io.watchfloor.coverage.inventory.DegradedPolicy;
import io.watchfloor.coverage.inventory.Inventory;
import io.watchfloor.coverage.inventory.Lifecycle;
import io.watchfloor.coverage.inventory.MaintenanceWindow;
import io.watchfloor.coverage.inventory.RequiredField;
import io.watchfloor.coverage.inventory.Retirement;
import io.watchfloor.coverage.inventory.Source;
import io.watchfloor.coverage.inventory.SourceChange;
import io.watchfloor.coverage.inventory.SourceContent;
import io.watchfloor.coverage.inventory.SourceMatch;
import io.watchfloor.coverage.inventory.SourceScope;
import io.watchfloor.coverage.inventory.VolumePolicy;
import io.watchfloor.core.event.Event;
import io.watchfloor.core.time.ManualClock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Lifecycle states and changes (issue 3, item 1) under a manual clock: onboarding, retired, added, changed. */
class CoverageTrackerLifecycleTest {
    /** 2023-11-14T22:13:20Z. */
    private static final long T0 = 1_700_000_000_000L;
    private static final long MINUTE = 60_000;
    private static final Retirement RETIRED_NOV_14 = new Retirement(LocalDate.of(2023, 11, 14), "CHG-7 replaced");

    private static Source source(String id, Category category, Lifecycle lifecycle, Retirement retired,
                                 List<String> tags) {
        return new Source(0, id, "Source " + id, category, new SourceMatch(List.of(id), List.of(), List.of()), null,
                MINUTE, Criticality.HIGH, "soc", Source.NO_MAX_LAG, Cadence.STATIC, tags, SourceContent.NONE, lifecycle,
                retired);
    }

    private static Source active(String id, Category category) {
        return source(id, category, Lifecycle.ACTIVE, null, List.of());
    }

    /** fw and ldap active, dns onboarding, old-vpn retired since 2023-11-14 00:00Z; a window for tag "patch". */
    private static final Inventory YAML = new Inventory(List.of(
            active("fw", Category.NETWORK).withIndex(0),
            source("dns", Category.NETWORK, Lifecycle.ONBOARDING, null, List.of()).withIndex(1),
            source("old-vpn", Category.NETWORK, Lifecycle.RETIRED, RETIRED_NOV_14, List.of()).withIndex(2),
            active("ldap", Category.IDENTITY).withIndex(3)),
            List.of(MaintenanceWindow.oneOff("patching", new SourceScope(SourceScope.Kind.TAG, "patch"), T0,
                    T0 + 60 * MINUTE)),
            List.of());

    private static final CoverageTrackerConfig NEVER_SEEN_GAPS = CoverageTrackerConfig.DEFAULT.withNeverSeenGaps(true);

    private final ManualClock clock = new ManualClock(T0);
    private final RecordingGapListener listener = new RecordingGapListener();
    private CoverageTracker tracker = new CoverageTracker(YAML, listener, NEVER_SEEN_GAPS, T0);
    /** Every live event sent, as the event journal holds it: source id and receive time. */
    private final List<Object[]> eventJournal = new ArrayList<>();

    private void send(String id) {
        eventJournal.add(new Object[] {id, clock.nowMs()});
        tracker.onEvent(event(tracker.inventory(), id, clock.nowMs(), false));
    }

    /** An event attributed as the parse stage would with {@code inventory}. */
    private static Event event(Inventory inventory, String id, long receivedAtMs, boolean replay) {
        final Event e = syslog(id, "app", "192.0.2.1", receivedAtMs);
        e.attribute(inventory.byId(id).index(), id);
        e.replay(replay);
        return e;
    }

    private void tickAfter(long deltaMs) {
        tracker.onEvent(tick(clock.advance(deltaMs)));
    }

    private void apply(SourceChange.Action action, Source after) {
        final Source before = tracker.inventory().byId(after.id());
        tracker.apply(new SourceChange(action, before, after, "alice", clock.nowMs()));
    }

    /** @return the calls about source {@code id} (its changes, gaps and re-activations), in order */
    private static List<String> about(RecordingGapListener l, String id) {
        final List<String> out = new ArrayList<>();
        for (String c : l.calls) {
            for (String token : c.split(" ")) {
                if (token.equals(id) || token.startsWith(id + "@")) {
                    out.add(c);
                    break;
                }
            }
        }
        return out;
    }

    private SourceCoverage coverage(String id) {
        return tracker.latestSnapshot().source(id);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> category(String id) {
        return ((Map<String, Map<String, Object>>) tracker.latestSnapshot().coverageJson().get("categories")).get(id);
    }

    @Test
    void shouldKeepAnOnboardingSourceOutOfScopeUntilItsFirstEvent() {
        assertThat(coverage("dns").state()).as("from the first snapshot").isEqualTo(SourceState.ONBOARDING);
        tickAfter(10 * MINUTE);

        assertThat(coverage("dns").state()).isEqualTo(SourceState.ONBOARDING);
        assertThat(coverage("dns").sinceMs()).isEqualTo(T0);
        assertThat(listener.calls).as("never_seen gaps for fw and ldap only").containsExactly(
                "opened fw@" + (T0 + MINUTE) + "/never_seen", "opened ldap@" + (T0 + MINUTE) + "/never_seen");
        assertThat(category("network")).containsEntry("in_scope", 1).containsEntry("onboarding", 1)
                .containsEntry("retired", 1).containsEntry("never_seen", 1);

        send("dns");
        tickAfter(MINUTE / 2);
        assertThat(coverage("dns").state()).isEqualTo(SourceState.REPORTING);
        assertThat(coverage("dns").sinceMs()).isEqualTo(-1);
        assertThat(category("network")).containsEntry("in_scope", 2).containsEntry("reporting", 1)
                .containsEntry("onboarding", 0).containsEntry("coverage_pct", 50.0);

        final long lastMs = clock.nowMs() - MINUTE / 2;
        tickAfter(2 * MINUTE);
        assertThat(coverage("dns").state()).as("then judged as an active source").isEqualTo(SourceState.SILENT);
        assertThat(listener.calls).endsWith("opened dns@" + (lastMs + MINUTE));
    }

    @Test
    void shouldNeverOpenAGapForARetiredSourceNorCountIt() {
        tickAfter(30 * MINUTE);

        assertThat(coverage("old-vpn").state()).isEqualTo(SourceState.RETIRED);
        assertThat(listener.calls).noneMatch(c -> c.contains("old-vpn"));
        assertThat(category("network")).containsEntry("in_scope", 1).containsEntry("retired", 1);
        assertThat(tracker.latestSnapshot().coverageJson()).extracting("sources").asList().anySatisfy(s ->
                assertThat((Map<String, Object>) s).containsEntry("id", "old-vpn").containsEntry("lifecycle", "retired")
                        .containsEntry("retired", Map.of("date", "2023-11-14", "reason", "CHG-7 replaced")));
    }

    @Test
    void shouldRaiseRetiredSourceActiveOncePerReactivation() {
        send("old-vpn");
        final long firstMs = clock.nowMs();
        clock.advance(30_000);
        send("old-vpn");
        tickAfter(30_000);
        send("old-vpn");
        tickAfter(MINUTE);

        assertThat(about(listener, "old-vpn")).containsExactly("retired-active old-vpn " + firstMs);
        assertThat(coverage("old-vpn").state()).isEqualTo(SourceState.RETIRED);
        assertThat(coverage("old-vpn").events()).as("its history is kept").isEqualTo(3);

        tickAfter(MINUTE);
        final long secondMs = clock.advance(MINUTE);
        send("old-vpn");
        tickAfter(1_000);

        assertThat(about(listener, "old-vpn")).as("a new re-activation after a silence longer than max_silence")
                .containsExactly("retired-active old-vpn " + firstMs, "retired-active old-vpn " + secondMs);
        final SourceFinding f = coverage("old-vpn").finding(FindingKind.RETIRED_SOURCE_ACTIVE);
        assertThat(f).isEqualTo(new SourceFinding(FindingKind.RETIRED_SOURCE_ACTIVE, 2, secondMs, secondMs));
        assertThat(listener.calls).noneMatch(c -> c.startsWith("opened old-vpn"));
    }

    @Test
    void shouldAddASourceWithoutTouchingTheOthers() {
        send("fw");
        clock.advance(30_000);
        final long addedAtMs = clock.nowMs();
        apply(SourceChange.Action.ADD, active("web", Category.APPLICATION));

        assertThat(listener.calls).containsExactly("add web");
        assertThat(tracker.inventory().byId("web").index()).isEqualTo(4);
        assertThat(coverage("fw").lastSeenMs()).isEqualTo(T0);
        assertThat(coverage("fw").events()).isEqualTo(1);
        assertThat(coverage("web").state()).as("published at once").isEqualTo(SourceState.NEVER_SEEN);
        assertThat(coverage("web").sinceMs()).as("since it was added").isEqualTo(addedAtMs);

        send("web");
        tickAfter(MINUTE / 2);
        assertThat(coverage("web").state()).isEqualTo(SourceState.REPORTING);
        assertThat(category("application")).containsEntry("in_scope", 1).containsEntry("coverage_pct", 100.0);

        tickAfter(2 * MINUTE);
        assertThat(listener.calls).contains("opened web@" + (addedAtMs + MINUTE));
        assertThat(tracker.openGap("web")).isNotNull();
    }

    @Test
    void shouldGrowPastTheInitialCapacityAndKeepEverySourcesState() {
        send("fw");
        for (int k = 0; k < 40; k++) {
            apply(SourceChange.Action.ADD, active("app-" + k, Category.APPLICATION));
            send("app-" + k);
            clock.advance(1_000);
        }
        tickAfter(1_000);

        assertThat(tracker.latestSnapshot().sources()).hasSize(44);
        for (int k = 0; k < 40; k++) {
            assertThat(coverage("app-" + k).lastSeenMs()).isEqualTo(T0 + k * 1_000L);
            assertThat(coverage("app-" + k).state()).isEqualTo(SourceState.REPORTING);
        }
        assertThat(coverage("fw").lastSeenMs()).isEqualTo(T0);
    }

    @Test
    void shouldTakeAChangedSourceAndKeepItsHistory() {
        send("fw");
        clock.advance(30_000);
        final Source fw = tracker.inventory().byId("fw");
        apply(SourceChange.Action.CHANGE, new Source(0, "fw", "Edge firewall", fw.category(), fw.match(), null,
                10 * MINUTE, Criticality.CRITICAL, "netops"));
        tickAfter(4 * MINUTE);

        assertThat(coverage("fw").state()).as("held to its new max_silence").isEqualTo(SourceState.REPORTING);
        assertThat(coverage("fw").events()).isEqualTo(1);
        assertThat(coverage("fw").source().name()).isEqualTo("Edge firewall");
        tickAfter(6 * MINUTE);
        assertThat(about(listener, "fw")).containsExactly("change fw", "opened fw@" + (T0 + 10 * MINUTE));
    }

    @Test
    void shouldJudgeASourceChangedToLearnedByItsOwnModel() {
        assertThat(tracker.learnedThresholdMs("fw", T0)).isEqualTo(-1);
        final Source fw = tracker.inventory().byId("fw");
        apply(SourceChange.Action.CHANGE, new Source(0, "fw", fw.name(), fw.category(), fw.match(), null,
                Cadence.LEARNED_CEILING_MS_DEFAULT, fw.criticality(), fw.owner(), Source.NO_MAX_LAG, Cadence.LEARNED));

        assertThat(tracker.learnedThresholdMs("fw", T0)).as("the ceiling until it has samples")
                .isEqualTo(Cadence.LEARNED_CEILING_MS_DEFAULT);
    }

    @Test
    void shouldHoldAChangedSourceByTheWindowOfItsNewTag() {
        send("fw");
        final Source fw = tracker.inventory().byId("fw");
        apply(SourceChange.Action.CHANGE, source("fw", fw.category(), Lifecycle.ACTIVE, null, List.of("patch")));
        tickAfter(5 * MINUTE);

        assertThat(coverage("fw").state()).isEqualTo(SourceState.MAINTENANCE);
        assertThat(coverage("fw").heldBy()).isEqualTo("patching");
        assertThat(about(listener, "fw")).containsExactly("change fw");
    }

    @Test
    void shouldCloseTheOpenGapsOfASourceWhenItIsRetired() {
        send("fw");
        tickAfter(3 * MINUTE);
        final long retiredAtMs = clock.advance(MINUTE);
        apply(SourceChange.Action.RETIRE, tracker.inventory().byId("fw").retire(RETIRED_NOV_14));

        assertThat(about(listener, "fw")).containsExactly("opened fw@" + (T0 + MINUTE), "retire fw",
                "closed fw@" + (T0 + MINUTE) + " " + retiredAtMs);
        assertThat(coverage("fw").state()).isEqualTo(SourceState.RETIRED);
        tickAfter(10 * MINUTE);
        assertThat(about(listener, "fw")).as("no gap after the retirement").hasSize(3);
        assertThat(category("network")).containsEntry("in_scope", 0).containsEntry("retired", 2)
                .containsEntry("coverage_pct", null);
        assertThat(tracker.latestSnapshot().gaps()).extracting(Gap::sourceId).contains("fw");
    }

    @Test
    void shouldBringARetiredSourceBackInScope() {
        final Source vpn = tracker.inventory().byId("old-vpn");
        apply(SourceChange.Action.CHANGE, source("old-vpn", vpn.category(), Lifecycle.ACTIVE, null, List.of()));
        send("old-vpn");
        tickAfter(MINUTE / 2);

        assertThat(coverage("old-vpn").state()).isEqualTo(SourceState.REPORTING);
        assertThat(listener.calls).containsExactly("change old-vpn");
        assertThat(category("network")).containsEntry("in_scope", 2).containsEntry("retired", 0);
    }

    /** A JSON event of {@code id} carrying sequence number {@code seq}, received now. */
    private void sendSequence(String id, long seq) {
        final Event e = TestEvents.json(Map.of("seq", seq, "event.code", "4624"), "192.0.2.1", clock.nowMs());
        e.attribute(tracker.inventory().byId(id).index(), id);
        tracker.onEvent(e);
    }

    private static Source withContent(String id, SourceContent content) {
        return new Source(0, id, "Source " + id, Category.APPLICATION, new SourceMatch(List.of(id), List.of(),
                List.of()), null, MINUTE, Criticality.HIGH, "soc", Source.NO_MAX_LAG, Cadence.STATIC, List.of(),
                content);
    }

    @Test
    void shouldJudgeTheContentOfAnAddedSourceAndRestartItsChecksWhenTheyChange() {
        final SourceContent checked = new SourceContent(new VolumePolicy(900_000, 2),
                new DegradedPolicy(List.of(new RequiredField("event.code", List.of("4624"), false)), 900_000, 2, -1,
                        24), "seq");
        apply(SourceChange.Action.ADD, withContent("app", checked));
        for (long seq : new long[] {1, 2, 5}) {
            clock.advance(1_000);
            sendSequence("app", seq);
        }
        tickAfter(1_000);

        assertThat(coverage("app").finding(FindingKind.SEQUENCE_GAP).count()).isEqualTo(2);
        assertThat(coverage("app").content().volumeWindowMs()).isEqualTo(900_000);
        assertThat(coverage("app").content().volumeCount()).isEqualTo(3);
        assertThat(coverage("app").content().requiredValues()).containsExactly("4624");

        apply(SourceChange.Action.CHANGE, withContent("app", SourceContent.NONE));
        tickAfter(1_000);
        assertThat(coverage("app").finding(FindingKind.SEQUENCE_GAP)).as("checks dropped").isNull();
        assertThat(coverage("app").content()).isEqualTo(ContentCoverage.NONE);

        apply(SourceChange.Action.CHANGE, withContent("app", new SourceContent(VolumePolicy.DEFAULT,
                DegradedPolicy.OFF, "seq")));
        clock.advance(1_000);
        sendSequence("app", 9);
        sendSequence("app", 10);
        tickAfter(1_000);
        assertThat(coverage("app").finding(FindingKind.SEQUENCE_GAP)).as("a fresh baseline").isNull();
        assertThat(coverage("app").content().volumeWindowMs()).isEqualTo(VolumePolicy.WINDOW_MS_DEFAULT);
        assertThat(coverage("app").content().volumeCount()).as("counting starts again").isEqualTo(2);
        assertThat(coverage("app").events()).as("its history is kept").isEqualTo(5);
    }

    /** Adds web, sends from it, retires it, then it sends again: the live run before a restart. */
    private long addSendRetireAndSendAgain() {
        apply(SourceChange.Action.ADD, active("web", Category.APPLICATION));
        clock.advance(10_000);
        send("web");
        tickAfter(10_000);
        apply(SourceChange.Action.RETIRE, tracker.inventory().byId("web").retire(RETIRED_NOV_14));
        clock.advance(10_000);
        send("web");
        final long reactivatedMs = clock.nowMs();
        tickAfter(10_000);
        return reactivatedMs;
    }

    /** Restarts like the server: YAML inventory, coverage journal records in order, then the event journal replayed. */
    private CoverageTracker restart(List<String> coverageJournal, RecordingGapListener l) {
        final CoverageTracker t = new CoverageTracker(YAML, l, NEVER_SEEN_GAPS, clock.nowMs());
        coverageJournal.forEach(t::restoreJournalRecord);
        for (Object[] e : eventJournal) {
            t.onEvent(event(t.inventory(), (String) e[0], (Long) e[1], true));
        }
        return t;
    }

    @Test
    void shouldComeBackAfterARestartWithoutRepeatingAlerts() {
        final long reactivatedMs = addSendRetireAndSendAgain();
        assertThat(listener.calls).containsExactly("add web", "retire web", "retired-active web " + reactivatedMs);

        final RecordingGapListener after = new RecordingGapListener();
        tracker = restart(listener.journal, after);
        tickAfter(MINUTE);

        assertThat(tracker.inventory().byId("web")).isEqualTo(
                active("web", Category.APPLICATION).withIndex(4).retire(RETIRED_NOV_14));
        assertThat(after.calls).containsExactly("add web replay", "retire web replay",
                "retired-active web " + reactivatedMs + " replay");
        assertThat(after.live()).as("nothing raised twice").noneMatch(c -> c.contains("web"));
        assertThat(coverage("web").state()).isEqualTo(SourceState.RETIRED);
        assertThat(coverage("web").events()).isEqualTo(2);
        assertThat(coverage("web").finding(FindingKind.RETIRED_SOURCE_ACTIVE).valueMs()).isEqualTo(reactivatedMs);
    }

    @Test
    void shouldRaiseAReactivationLostInACrashOnTheFirstLiveTick() {
        final long reactivatedMs = addSendRetireAndSendAgain();
        final List<String> lost = new ArrayList<>(listener.journal);
        lost.removeIf(RetiredSourceActivity::isJournalRecord);

        final RecordingGapListener after = new RecordingGapListener();
        tracker = restart(lost, after);
        assertThat(after.live()).as("nothing during the replay").isEmpty();
        tickAfter(MINUTE);
        tickAfter(MINUTE);

        assertThat(about(after, "web")).containsExactly("add web replay", "retire web replay",
                "retired-active web " + reactivatedMs);
    }

    @Test
    void shouldRestoreAnOpenGapOfAnAddedSource() {
        apply(SourceChange.Action.ADD, active("web", Category.APPLICATION));
        send("web");
        tickAfter(3 * MINUTE);
        final String gapId = tracker.openGap("web").id();

        final RecordingGapListener after = new RecordingGapListener();
        tracker = restart(listener.journal, after);
        tickAfter(MINUTE);

        assertThat(tracker.openGap("web").id()).isEqualTo(gapId);
        assertThat(after.live()).noneMatch(c -> c.contains("web"));
        send("web");
        assertThat(after.live()).containsExactly("closed " + gapId + " " + clock.nowMs());
    }
}
