package io.watchfloor.coverage.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class SourceChangeTest {
    private static final Source FW = new Source(0, "fw", "Firewall", Category.NETWORK,
            new SourceMatch(List.of("fw*"), List.of(), List.of()), null, 60_000, Criticality.HIGH, "netops");

    @Test
    void shouldReadBackItsJournalRecord() {
        final Source retired = FW.retire(new Retirement(LocalDate.of(2026, 3, 1), "replaced"));
        final SourceChange c = new SourceChange(SourceChange.Action.RETIRE, FW, retired, "alice@example.com",
                1_772_323_200_000L);

        final String json = c.toJournalJson();

        assertThat(SourceChange.isJournalRecord(json)).isTrue();
        assertThat(json).startsWith("{\"type\":\"source_change\",\"action\":\"retire\",\"source_id\":\"fw\","
                + "\"actor\":\"alice@example.com\",\"at_ms\":1772323200000,\"before\":{\"id\":\"fw\"");
        assertThat(SourceChange.fromJournalJson(json)).isEqualTo(c);
        assertThat(c.toJson()).containsEntry("at", "2026-03-01T00:00:00Z").containsEntry("action", "retire");
    }

    @Test
    void shouldReadAnAddWithoutBefore() {
        final SourceChange c = new SourceChange(SourceChange.Action.ADD, null, FW, "bob", 5);

        assertThat(SourceChange.fromJournalJson(c.toJournalJson())).isEqualTo(c);
    }

    @Test
    void shouldRejectACorruptRecordNamingTheProblem() {
        assertThatThrownBy(() -> SourceChange.fromJournalJson("{\"type\":\"source_change\",\"action\":\"add\","
                + "\"actor\":\"a\",\"at_ms\":1,\"before\":null,\"after\":{\"id\":\"x\"}}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("after")
                .hasMessageContaining("name: missing");
        assertThatThrownBy(() -> SourceChange.fromJournalJson("{\"type\":\"source_change\",\"action\":\"drop\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected: type source_change");
    }

    @Test
    void shouldRefuseBeforeOnAnAddAndAnotherIdAfter() {
        assertThatThrownBy(() -> new SourceChange(SourceChange.Action.ADD, FW, FW, "a", 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SourceChange(SourceChange.Action.CHANGE, FW,
                new Source(0, "other", "O", Category.CLOUD, FW.match(), null, 1000, Criticality.LOW, null), "a", 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
