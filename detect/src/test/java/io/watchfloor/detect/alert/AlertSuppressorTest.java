package io.watchfloor.detect.alert;

import io.watchfloor.core.event.Event;
import io.watchfloor.detect.TestEvents;
import io.watchfloor.detect.rule.RuleSuppression;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AlertSuppressorTest {
    private static Event user(String user, String host) {
        return TestEvents.json(Map.of("user.name", user, "host.name", host));
    }

    @Test
    void shouldKeyGroupsOnEveryGroupByField() {
        final AlertSuppressor s = new AlertSuppressor(new RuleSuppression(List.of("user.name", "host.name"), 1000), 10);
        assertThat(s.admit(0, user("root", "a"))).isTrue();
        assertThat(s.admit(1, user("root", "b"))).isTrue();
        assertThat(s.admit(2, user("root", "a"))).isFalse();
        assertThat(s.groupCount()).isEqualTo(2);
    }

    @Test
    void shouldTreatAMissingFieldAsEmptyValue() {
        final AlertSuppressor s = new AlertSuppressor(new RuleSuppression(List.of("process.name"), 1000), 10);
        assertThat(s.admit(0, user("root", "a"))).isTrue();
        assertThat(s.admit(10, user("bob", "b"))).isFalse();
    }

    @Test
    void shouldReopenTheWindowExactlyAtItsEndAndSuppressLateEvents() {
        final AlertSuppressor s = new AlertSuppressor(new RuleSuppression(List.of(), 1000), 10);
        assertThat(s.admit(5000, user("root", "a"))).isTrue();
        assertThat(s.admit(4000, user("root", "a"))).as("late event").isFalse();
        assertThat(s.admit(5999, user("root", "a"))).isFalse();
        assertThat(s.admit(6000, user("root", "a"))).isTrue();
    }

    @Test
    void shouldEvictTheLeastRecentlyUsedGroupAtTheBound() {
        final AlertSuppressor s = new AlertSuppressor(new RuleSuppression(List.of("user.name"), 1000), 2);
        s.admit(0, user("a", "h"));
        s.admit(0, user("b", "h"));
        s.admit(0, user("c", "h"));
        assertThat(s.groupCount()).isEqualTo(2);
        assertThat(s.admit(1, user("a", "h"))).as("evicted: raised again").isTrue();
    }

    @Test
    void shouldRejectANonPositiveBound() {
        assertThatThrownBy(() -> new AlertSuppressor(RuleSuppression.OFF, 0)).hasMessageContaining("maxGroups : 0");
    }
}
