package io.watchfloor.coverage.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The audit trail of maintenance windows and exceptions (issue 3, item 6): create, edit, delete, expire. */
class HoldAuditTest {
    private static final long T0 = 1_700_000_000_000L;
    private static final long HOUR = 3_600_000L;
    private static final Source FW = new Source(0, "fw", "Firewall", Category.NETWORK,
            new SourceMatch(List.of("fw*"), List.of(), List.of()), null, 60_000, Criticality.HIGH, "netops");
    private static final MaintenanceWindow ONE_OFF = MaintenanceWindow.oneOff("upgrade",
            new SourceScope(SourceScope.Kind.SOURCE, "fw"), T0, T0 + HOUR);
    private static final MaintenanceWindow WEEKLY = MaintenanceWindow.weekly("sunday",
            new SourceScope(SourceScope.Kind.CATEGORY, "network"), 1 << 6 | 1, 2 * HOUR, 4 * HOUR, -90 * 60_000L);
    private static final ExceptionGrant MIGRATION = new ExceptionGrant("migration", "fw", "moving", "EDR",
            "ciso@example.com", T0, T0 + 24 * HOUR);

    private static Inventory inventory(List<MaintenanceWindow> windows, List<ExceptionGrant> exceptions) {
        return new Inventory(List.of(FW), windows, exceptions);
    }

    /** Folds {@code journal} into a new audit, as a restart does. */
    private static HoldAudit restarted(List<String> journal) {
        final HoldAudit a = new HoldAudit();
        journal.forEach(json -> a.accept(HoldChange.fromJournalJson(json)));
        return a;
    }

    @Test
    void shouldWriteWindowsAndExceptionsInTheirYamlShape() {
        assertThat(HoldDocuments.toMap(ONE_OFF)).isEqualTo(Map.of("id", "upgrade", "source", "fw",
                "start", "2023-11-14T22:13:20Z", "end", "2023-11-14T23:13:20Z"));
        assertThat(HoldDocuments.toMap(WEEKLY)).containsEntry("category", "network")
                .containsEntry("days", List.of("mon", "sun")).containsEntry("from", "02:00")
                .containsEntry("to", "04:00").containsEntry("timezone", "-01:30");
        assertThat(HoldDocuments.toMap(MIGRATION)).containsEntry("approver", "ciso@example.com")
                .containsEntry("expiry", "2023-11-15T22:13:20Z");
    }

    @Test
    void shouldJournalCreatesOnceThenOnlyWhatChanged() {
        final List<String> journal = new ArrayList<>();
        final List<HoldChange> first = new HoldAudit().changes(inventory(List.of(ONE_OFF, WEEKLY), List.of(MIGRATION)),
                "inventory.yaml", T0);
        assertThat(first).extracting(c -> c.action().id() + " " + c.kind().id() + " " + c.id()).containsExactly(
                "create maintenance_window upgrade", "create maintenance_window sunday", "create exception migration");
        assertThat(first.get(0).before()).isNull();
        assertThat(first.get(0).actor()).isEqualTo("inventory.yaml");
        first.forEach(c -> journal.add(c.toJournalJson()));

        assertThat(restarted(journal).changes(inventory(List.of(ONE_OFF, WEEKLY), List.of(MIGRATION)),
                "inventory.yaml", T0 + HOUR)).as("a restart with the same file").isEmpty();

        final ExceptionGrant extended = new ExceptionGrant("migration", "fw", "moving", "EDR", "cio@example.com", T0,
                T0 + 48 * HOUR);
        final List<HoldChange> second = restarted(journal).changes(inventory(List.of(WEEKLY), List.of(extended)),
                "inventory.yaml", T0 + 2 * HOUR);
        assertThat(second).extracting(c -> c.action().id() + " " + c.id()).containsExactly("edit migration",
                "delete upgrade");
        assertThat(second.get(0).before()).containsEntry("approver", "ciso@example.com")
                .containsEntry("expiry", "2023-11-15T22:13:20Z");
        assertThat(second.get(0).after()).containsEntry("approver", "cio@example.com")
                .containsEntry("expiry", "2023-11-16T22:13:20Z");
        assertThat(second.get(1).after()).isNull();
        assertThat(second.get(1).atMs()).isEqualTo(T0 + 2 * HOUR);
        second.forEach(c -> journal.add(c.toJournalJson()));
        journal.add(HoldChange.expiry(extended).toJournalJson());

        assertThat(restarted(journal).changes(inventory(List.of(WEEKLY), List.of(extended)), "inventory.yaml",
                T0 + 3 * HOUR)).as("an expiry changes no document").isEmpty();
        assertThat(restarted(journal).changes(inventory(List.of(WEEKLY, ONE_OFF), List.of(extended)),
                "inventory.yaml", T0 + 3 * HOUR)).extracting(c -> c.action().id() + " " + c.id())
                .as("a window deleted and put back is created again").containsExactly("create upgrade");
    }

    @Test
    void shouldRecordAnExpiryByTheSystemWithItsStatusBeforeAndAfter() {
        final HoldChange e = HoldChange.expiry(MIGRATION);

        assertThat(e.actor()).isEqualTo(HoldChange.SYSTEM_ACTOR);
        assertThat(e.atMs()).isEqualTo(MIGRATION.expiryMs());
        assertThat(e.before()).containsEntry("status", "in_force").containsEntry("id", "migration");
        assertThat(e.after()).containsEntry("status", "expired");
        assertThat(HoldChange.fromJournalJson(e.toJournalJson())).isEqualTo(e);
        assertThat(e.toJson()).containsEntry("at", "2023-11-15T22:13:20Z").containsEntry("action", "expire");
    }

    @Test
    void shouldRejectACorruptRecord() {
        assertThatThrownBy(() -> HoldChange.fromJournalJson("{\"type\":\"hold_change\",\"kind\":\"window\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected: type hold_change");
        assertThatThrownBy(() -> new HoldChange(HoldChange.Kind.EXCEPTION, HoldChange.Action.EDIT, "x", "a", 1,
                null, Map.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
