package io.watchfloor.detect.correlation;

import io.watchfloor.detect.rule.RuleLoader;
import io.watchfloor.detect.rule.RuleSet;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Correlation semantics written from the Sigma correlation specification; times are event times in ms. */
class CorrelationEngineTest {
    private static final String BASE = "title: Rule %1$s\nid: %1$s\nname: rule_%1$s\nlogsource: {product: linux}\n"
            + "detection:\n  k: ['%1$s']\n  condition: k\n";
    private static final long S = 1000L;

    private final List<CorrelationFiring> fired = new ArrayList<>();

    private static CorrelationEngine engine(String correlation) {
        return engine(correlation, CorrelationConfig.DEFAULT);
    }

    private static CorrelationEngine engine(String correlation, CorrelationConfig config) {
        final String yaml = String.format(BASE, "a") + "---\n" + String.format(BASE, "b") + "---\n"
                + String.format(BASE, "c") + "---\n" + correlation;
        final RuleSet set = RuleLoader.loadText(Path.of("corr.yml"), yaml);
        assertThat(set.rejections()).isEmpty();
        return new CorrelationEngine(set.correlations(), config);
    }

    private static String corr(String id, String body) {
        return "title: Correlation " + id + "\nid: " + id + "\nlevel: high\ncorrelation:\n" + body;
    }

    private void feed(CorrelationEngine e, String rule, long timeMs, long ref, Map<String, Object> fields) {
        e.onMatch(rule, timeMs, ref, fields::get, fired::add);
    }

    private void feed(CorrelationEngine e, String rule, long timeMs, long ref, String user) {
        feed(e, rule, timeMs, ref, Map.of("User", user));
    }

    @Test
    void shouldFireEventCountWhenThresholdReachedWithinTimespan() {
        final CorrelationEngine e = engine(corr("ec", "  type: event_count\n  rules: [a]\n  group-by: [User]\n"
                + "  timespan: 1m\n  condition: {gte: 3}\n"));
        feed(e, "a", 0, 10, "alice");
        feed(e, "a", 20 * S, 11, "alice");
        assertThat(fired).isEmpty();
        feed(e, "a", 40 * S, 12, "alice");
        assertThat(fired).singleElement().satisfies(f -> {
            assertThat(f.rule().id()).isEqualTo("ec");
            assertThat(f.count()).isEqualTo(3);
            assertThat(f.group()).containsExactly(Map.entry("User", "alice"));
            assertThat(f.events()).containsExactly(10L, 11L, 12L);
            assertThat(f.timeMs()).isEqualTo(40 * S);
            assertThat(f.summary()).isEqualTo("event_count 3 within 60s for User=alice");
        });
    }

    @Test
    void shouldNotFireEventCountWhenEventsSpreadBeyondTimespan() {
        final CorrelationEngine e = engine(corr("ec", "  type: event_count\n  rules: [a]\n  group-by: [User]\n"
                + "  timespan: 1m\n  condition: {gte: 3}\n"));
        feed(e, "a", 0, 1, "alice");
        feed(e, "a", 40 * S, 2, "alice");
        feed(e, "a", 61 * S, 3, "alice");
        assertThat(fired).isEmpty();
        feed(e, "a", 62 * S, 4, "alice");
        assertThat(fired).singleElement().satisfies(f -> assertThat(f.events()).containsExactly(2L, 3L, 4L));
    }

    @Test
    void shouldCountEachGroupApart() {
        final CorrelationEngine e = engine(corr("ec", "  type: event_count\n  rules: [a]\n  group-by: [User]\n"
                + "  timespan: 1m\n  condition: {gte: 2}\n"));
        feed(e, "a", 0, 1, "alice");
        feed(e, "a", S, 2, "bob");
        assertThat(fired).isEmpty();
        feed(e, "a", 2 * S, 3, "bob");
        assertThat(fired).singleElement().satisfies(f -> {
            assertThat(f.group()).containsEntry("User", "bob");
            assertThat(f.events()).containsExactly(2L, 3L);
        });
    }

    @Test
    void shouldCountEventsExactlyOneTimespanApartInOneWindow() {
        final CorrelationEngine e = engine(corr("ec", "  type: event_count\n  rules: [a]\n"
                + "  timespan: 10s\n  condition: {gte: 2}\n"));
        feed(e, "a", 0, 1, "x");
        feed(e, "a", 10 * S, 2, "x");
        assertThat(fired).hasSize(1);
        fired.clear();
        feed(e, "a", 100 * S, 3, "x");
        feed(e, "a", 110 * S + 1, 4, "x");
        assertThat(fired).isEmpty();
    }

    @Test
    void shouldStartOverAfterFiring() {
        final CorrelationEngine e = engine(corr("ec", "  type: event_count\n  rules: [a]\n"
                + "  timespan: 1m\n  condition: {gt: 1}\n"));
        for (int i = 0; i < 5; i++) {
            feed(e, "a", i * S, i, "x");
        }
        assertThat(fired).extracting(CorrelationFiring::events)
                .containsExactly(List.of(0L, 1L), List.of(2L, 3L));
    }

    @Test
    void shouldFireValueCountOnDistinctValuesOnly() {
        final CorrelationEngine e = engine(corr("vc", "  type: value_count\n  rules: [a]\n  group-by: [Src]\n"
                + "  timespan: 5m\n  condition: {gte: 3, field: User}\n"));
        feed(e, "a", 0, 1, Map.of("Src", "192.0.2.1", "User", "alice"));
        feed(e, "a", S, 2, Map.of("Src", "192.0.2.1", "User", "alice"));
        feed(e, "a", 2 * S, 3, Map.of("Src", "192.0.2.1", "User", "bob"));
        feed(e, "a", 3 * S, 4, Map.of("Src", "192.0.2.1"));
        assertThat(fired).as("two distinct users, one event without the field").isEmpty();
        feed(e, "a", 4 * S, 5, Map.of("Src", "192.0.2.1", "User", "carol"));
        assertThat(fired).singleElement().satisfies(f -> {
            assertThat(f.count()).isEqualTo(3);
            assertThat(f.group()).containsEntry("Src", "192.0.2.1");
            assertThat(f.events()).containsExactly(1L, 2L, 3L, 5L);
        });
    }

    @Test
    void shouldFireTemporalWhenAllRulesMatchInAnyOrder() {
        final CorrelationEngine e = engine(corr("t", "  type: temporal\n  rules: [a, rule_b]\n  group-by: [User]\n"
                + "  timespan: 1m\n"));
        feed(e, "b", 0, 1, "alice");
        feed(e, "a", 30 * S, 2, "bob");
        assertThat(fired).as("different groups").isEmpty();
        feed(e, "a", 50 * S, 3, "alice");
        assertThat(fired).singleElement().satisfies(f -> {
            assertThat(f.events()).containsExactly(1L, 3L);
            assertThat(f.count()).isEqualTo(2);
        });
    }

    @Test
    void shouldNotFireTemporalWhenOneRuleIsMissingOrTooLate() {
        final CorrelationEngine e = engine(corr("t", "  type: temporal\n  rules: [a, b]\n  group-by: [User]\n"
                + "  timespan: 1m\n"));
        feed(e, "a", 0, 1, "alice");
        feed(e, "a", S, 2, "alice");
        feed(e, "b", 62 * S, 3, "alice");
        assertThat(fired).isEmpty();
    }

    @Test
    void shouldFireTemporalOrderedOnlyInListedOrder() {
        final CorrelationEngine e = engine(corr("to", "  type: temporal_ordered\n  rules: [a, b, c]\n"
                + "  group-by: [User]\n  timespan: 1m\n"));
        feed(e, "b", 0, 1, "alice");
        feed(e, "a", S, 2, "alice");
        feed(e, "c", 2 * S, 3, "alice");
        assertThat(fired).as("b before a").isEmpty();
        feed(e, "b", 3 * S, 4, "alice");
        assertThat(fired).isEmpty();
        feed(e, "c", 4 * S, 5, "alice");
        assertThat(fired).singleElement().satisfies(f -> assertThat(f.events()).contains(2L, 4L, 5L));
    }

    @Test
    void shouldGroupByAliasOverDifferentFieldsPerRule() {
        final CorrelationEngine e = engine(corr("al", "  type: temporal\n  rules: [rule_a, rule_b]\n"
                + "  group-by: [ip]\n  timespan: 1m\n"
                + "  aliases:\n    ip:\n      rule_a: source.ip\n      rule_b: destination.ip\n"));
        feed(e, "a", 0, 1, Map.of("source.ip", "198.51.100.7", "destination.ip", "192.0.2.1"));
        feed(e, "b", S, 2, Map.of("source.ip", "192.0.2.1", "destination.ip", "198.51.100.9"));
        assertThat(fired).as("alias values differ").isEmpty();
        feed(e, "b", 2 * S, 3, Map.of("source.ip", "192.0.2.1", "destination.ip", "198.51.100.7"));
        assertThat(fired).singleElement().satisfies(f -> {
            assertThat(f.group()).containsExactly(Map.entry("ip", "198.51.100.7"));
            assertThat(f.events()).containsExactly(1L, 3L);
        });
    }

    @Test
    void shouldFeedInnerCorrelationIntoOuterAndReportOnlyTheOuter() {
        final CorrelationEngine e = engine(corr("inner", "  type: event_count\n  rules: [a]\n  group-by: [User]\n"
                + "  timespan: 1m\n  condition: {gte: 2}\n") + "---\n"
                + corr("outer", "  type: temporal_ordered\n  rules: [inner, b]\n  group-by: [User]\n"
                + "  timespan: 5m\n"));
        feed(e, "a", 0, 1, "alice");
        feed(e, "a", S, 2, "alice");
        assertThat(fired).as("inner is not generated alone").isEmpty();
        assertThat(e.firings("inner")).isEqualTo(1);
        feed(e, "b", 2 * S, 3, "bob");
        assertThat(fired).isEmpty();
        feed(e, "b", 3 * S, 4, "alice");
        assertThat(fired).singleElement().satisfies(f -> {
            assertThat(f.rule().id()).isEqualTo("outer");
            assertThat(f.events()).containsExactly(1L, 2L, 4L);
        });
        assertThat(e.generates("a")).isFalse();
        assertThat(e.generates("c")).isTrue();
    }

    @Test
    void shouldReportInnerCorrelationAndRuleAlertsWhenGenerateIsTrue() {
        final CorrelationEngine e = engine(corr("inner", "  type: event_count\n  rules: [a]\n"
                + "  timespan: 1m\n  condition: {gte: 1}\n") + "---\n"
                + corr("outer", "  type: event_count\n  rules: [inner]\n  timespan: 5m\n  condition: {gte: 2}\n"
                + "  generate: true\n"));
        feed(e, "a", 0, 1, "x");
        feed(e, "a", S, 2, "x");
        assertThat(fired).extracting(f -> f.rule().id()).containsExactly("inner", "inner", "outer");
        assertThat(e.generates("a")).as("a is referenced only by inner, which does not generate").isFalse();
    }

    @Test
    void shouldDecideUpperBoundConditionsWhenTheWindowCloses() {
        final CorrelationEngine e = engine(corr("few", "  type: event_count\n  rules: [a]\n  group-by: [User]\n"
                + "  timespan: 1m\n  condition: {gte: 2, lt: 4}\n"),
                new CorrelationConfig(100, 0, 100, 100));
        feed(e, "a", 0, 1, "alice");
        feed(e, "a", S, 2, "alice");
        for (int i = 0; i < 4; i++) {
            feed(e, "a", 2 * S + i, 10 + i, "bob");
        }
        assertThat(fired).as("window still open").isEmpty();
        feed(e, "a", 200 * S, 20, "carol");
        assertThat(fired).as("alice has 2 (in range), bob 4 (not)").singleElement()
                .satisfies(f -> assertThat(f.group()).containsEntry("User", "alice"));
        fired.clear();
        e.flush(fired::add);
        assertThat(fired).as("carol has 1").isEmpty();
    }

    @Test
    void shouldWaitForTheAllowedLatenessBeforeClosingAWindow() {
        final CorrelationEngine e = engine(corr("few", "  type: event_count\n  rules: [a]\n  group-by: [User]\n"
                + "  timespan: 1m\n  condition: {lt: 3}\n"), new CorrelationConfig(100, 30 * S, 100, 100));
        feed(e, "a", 0, 1, "alice");
        feed(e, "a", 10 * S, 2, "alice");
        feed(e, "a", 80 * S, 3, "bob");
        assertThat(fired).as("watermark 50 s has not passed alice's window end 60 s").isEmpty();
        feed(e, "a", 55 * S, 4, "alice");
        assertThat(e.lateDropped()).isZero();
        feed(e, "a", 100 * S, 5, "bob");
        assertThat(fired).as("alice's window closed with 3 events, not fewer than 3").isEmpty();
        e.flush(fired::add);
        assertThat(fired).singleElement().satisfies(f -> {
            assertThat(f.group()).containsEntry("User", "bob");
            assertThat(f.events()).containsExactly(3L, 5L);
        });
    }

    @Test
    void shouldCloseOpenWindowsOnFlush() {
        final CorrelationEngine e = engine(corr("eq", "  type: event_count\n  rules: [a]\n"
                + "  timespan: 1h\n  condition: {eq: 2}\n"));
        feed(e, "a", 0, 1, "x");
        feed(e, "a", S, 2, "x");
        assertThat(fired).isEmpty();
        e.flush(fired::add);
        assertThat(fired).singleElement().satisfies(f -> assertThat(f.count()).isEqualTo(2));
        assertThat(e.groupCount()).isZero();
    }

    @Test
    void shouldApplyOutOfOrderEventsWithinLatenessAndDropOlderOnes() {
        final CorrelationEngine e = engine(corr("ec", "  type: event_count\n  rules: [a]\n"
                + "  timespan: 1m\n  condition: {gte: 3}\n"), new CorrelationConfig(100, 30 * S, 100, 100));
        feed(e, "a", 100 * S, 1, "x");
        feed(e, "a", 60 * S, 2, "x");
        assertThat(e.lateDropped()).as("40 s late > 30 s allowed").isEqualTo(1);
        feed(e, "a", 80 * S, 3, "x");
        assertThat(e.lateDropped()).as("20 s late is applied").isEqualTo(1);
        assertThat(fired).isEmpty();
        feed(e, "a", 90 * S, 4, "x");
        assertThat(fired).singleElement().satisfies(f -> {
            assertThat(f.events()).containsExactly(1L, 3L, 4L);
            assertThat(f.timeMs()).isEqualTo(100 * S);
        });
    }

    @Test
    void shouldOrderOutOfOrderEventsByEventTimeForTemporalOrdered() {
        final CorrelationEngine e = engine(corr("to", "  type: temporal_ordered\n  rules: [a, b]\n"
                + "  timespan: 1m\n"));
        feed(e, "b", 10 * S, 1, "x");
        feed(e, "a", 5 * S, 2, "x");
        assertThat(fired).as("a happened before b, though it arrived later").hasSize(1);
    }

    @Test
    void shouldEvictLeastRecentlyUpdatedGroupBeyondTheBound() {
        final CorrelationEngine e = engine(corr("ec", "  type: event_count\n  rules: [a]\n  group-by: [User]\n"
                + "  timespan: 1h\n  condition: {gte: 2}\n"), new CorrelationConfig(2, 0, 100, 100));
        feed(e, "a", 0, 1, "alice");
        feed(e, "a", S, 2, "bob");
        feed(e, "a", 2 * S, 3, "carol");
        assertThat(e.groupsEvicted()).isEqualTo(1);
        assertThat(e.groupCount()).isEqualTo(2);
        feed(e, "a", 3 * S, 4, "alice");
        assertThat(fired).as("alice's first event was evicted").isEmpty();
        feed(e, "a", 4 * S, 5, "carol");
        assertThat(fired).singleElement().satisfies(f -> assertThat(f.group()).containsEntry("User", "carol"));
    }

    @Test
    void shouldBoundTheEventReferencesOfAnAlert() {
        final CorrelationEngine e = engine(corr("ec", "  type: event_count\n  rules: [a]\n"
                + "  timespan: 1h\n  condition: {gte: 5}\n"), new CorrelationConfig(10, 0, 100, 3));
        for (int i = 0; i < 5; i++) {
            feed(e, "a", i * S, i, "x");
        }
        assertThat(fired).singleElement().satisfies(f -> {
            assertThat(f.count()).isEqualTo(5);
            assertThat(f.events()).containsExactly(2L, 3L, 4L);
        });
    }

    @Test
    void shouldRejectConfigOutOfRange() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new CorrelationConfig(0, 0, 1, 1))
                .hasMessageContaining("maxGroupsPerCorrelation : 0 (expected: > 0)");
    }
}
