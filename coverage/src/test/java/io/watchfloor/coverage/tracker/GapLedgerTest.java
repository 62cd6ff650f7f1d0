package io.watchfloor.coverage.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.coverage.inventory.Category;
import io.watchfloor.coverage.inventory.Criticality;
import io.watchfloor.coverage.inventory.Inventory;
import io.watchfloor.coverage.inventory.Source;
import io.watchfloor.coverage.inventory.SourceMatch;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GapLedgerTest {
    private static final long T0 = 1_700_000_000_000L;
    private static final long MINUTE = 60_000;
    private static final Inventory INVENTORY = new Inventory(List.of(
            new Source(0, "fw", "Firewall", Category.NETWORK, new SourceMatch(List.of("fw"), List.of(), List.of()),
                    null, MINUTE, Criticality.HIGH, "netops")));

    private final RecordingGapListener listener = new RecordingGapListener();

    private GapLedger ledger(int maxClosedGaps) {
        return new GapLedger(INVENTORY, Map.of("fw", 0), listener, maxClosedGaps);
    }

    @Test
    void shouldCloseTheOpenGapAtTheFirstReceiveSeenDuringReplay() {
        final GapLedger ledger = ledger(10);
        ledger.restore(Gap.open("fw", T0));
        ledger.onReceive(0, T0 + MINUTE, true, T0 + 2 * MINUTE);
        ledger.onReceive(0, T0 + 2 * MINUTE, true, T0 + 2 * MINUTE);
        assertThat(ledger.open(0)).isNotNull();

        ledger.closeIfReportedDuringReplay(0, T0 + 3 * MINUTE);

        assertThat(ledger.open(0)).isNull();
        assertThat(listener.live()).containsExactly("closed fw@" + T0 + " " + (T0 + MINUTE));
    }

    @Test
    void shouldEvictTheOldestClosedGapsPastTheBoundAndKeepOpenOnes() {
        final GapLedger ledger = ledger(1);
        ledger.open(0, GapType.DELAYED, T0, null, T0);
        for (int k = 0; k < 3; k++) {
            ledger.open(0, GapType.SILENT, T0 + k * MINUTE, null, T0 + k * MINUTE);
            ledger.onReceive(0, T0 + k * MINUTE + 1, false, T0 + k * MINUTE + 1);
        }

        assertThat(ledger.history()).extracting(Gap::id)
                .containsExactly("fw@" + T0 + "/delayed", "fw@" + (T0 + 2 * MINUTE));
        assertThat(ledger.evictedUpToMs()).isEqualTo(T0 + MINUTE + 1);
        assertThat(ledger.openDelayed(0)).isNotNull();
    }

    @Test
    void shouldReplaceARestoredGapByItsClosingRecord() {
        final GapLedger ledger = ledger(10);
        final Gap open = Gap.open("fw", T0);
        ledger.restore(open);
        ledger.restore(open.closeAt(T0 + MINUTE));

        assertThat(ledger.history()).hasSize(1).allMatch(g -> !g.isOpen());
        assertThat(ledger.open(0)).isNull();
        assertThat(listener.calls).containsExactly("opened fw@" + T0 + " replay",
                "closed fw@" + T0 + " " + (T0 + MINUTE) + " replay");
    }
}
