package io.watchfloor.coverage.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class InventoryTest {
    private static Source source(int index, String id, long maxSilenceMs) {
        return new Source(index, id, id, Category.CLOUD, new SourceMatch(List.of(), List.of(), List.of(id)), null,
                maxSilenceMs, Criticality.LOW, null);
    }

    private static final Inventory TWO = new Inventory(List.of(source(0, "a", 1000), source(1, "b", 1000)));

    @Test
    void shouldAppendANewSourceAtTheNextIndex() {
        final Inventory next = TWO.withSource(source(7, "c", 1000));

        assertThat(next.sources()).extracting(Source::id).containsExactly("a", "b", "c");
        assertThat(next.byId("c").index()).isEqualTo(2);
        assertThat(TWO.size()).as("the original is unchanged").isEqualTo(2);
    }

    @Test
    void shouldReplaceAKnownSourceInPlace() {
        final Inventory next = TWO.withSource(source(9, "a", 5000));

        assertThat(next.sources()).extracting(Source::id).containsExactly("a", "b");
        assertThat(next.byId("a").index()).isZero();
        assertThat(next.byId("a").maxSilenceMs()).isEqualTo(5000);
    }
}
