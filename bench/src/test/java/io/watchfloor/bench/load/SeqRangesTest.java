package io.watchfloor.bench.load;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SeqRangesTest {
    private static List<Long> all(SeqRanges r) {
        final List<Long> out = new ArrayList<>();
        for (long i = 0; i < r.size(); i++) {
            out.add(r.seqAt(i));
        }
        return out;
    }

    @Test
    void shouldAddressAPlainRangeByPosition() {
        final SeqRanges r = SeqRanges.of(10, 14);
        assertThat(r.size()).isEqualTo(4);
        assertThat(all(r)).containsExactly(10L, 11L, 12L, 13L);
        assertThatThrownBy(() -> r.seqAt(4)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(SeqRanges.of(5, 5).size()).isZero();
    }

    @Test
    void shouldHoldExactlyWhatWasNotAcknowledged() {
        final AckedRanges acked = new AckedRanges();
        acked.add(0, 2);
        acked.add(5, 5);
        acked.add(8, 20);
        final SeqRanges unacked = SeqRanges.unacknowledged(0, 10, acked);
        assertThat(all(unacked)).containsExactly(3L, 4L, 6L, 7L);
        assertThat(all(SeqRanges.unacknowledged(0, 10, new AckedRanges()))).hasSize(10);
        final AckedRanges everything = new AckedRanges();
        everything.add(0, 9);
        assertThat(SeqRanges.unacknowledged(0, 10, everything).size()).isZero();
    }

    @Test
    void shouldSplitIntoNearEqualContiguousSlicesCoveringEverything() {
        final AckedRanges acked = new AckedRanges();
        acked.add(3, 6);
        final SeqRanges numbers = SeqRanges.unacknowledged(0, 12, acked); // 0 1 2 7 8 9 10 11
        final List<SeqRanges> parts = numbers.split(3);
        assertThat(parts).extracting(SeqRanges::size).containsExactly(3L, 3L, 2L);
        assertThat(all(parts.get(0))).containsExactly(0L, 1L, 2L);
        assertThat(all(parts.get(1))).containsExactly(7L, 8L, 9L);
        assertThat(all(parts.get(2))).containsExactly(10L, 11L);
    }

    @Test
    void shouldVisitConsecutiveRunsOfAPositionRange() {
        final AckedRanges acked = new AckedRanges();
        acked.add(3, 6);
        final SeqRanges numbers = SeqRanges.unacknowledged(0, 12, acked);
        final List<String> runs = new ArrayList<>();
        numbers.forEachRun(1, 5, (first, last) -> runs.add(first + "-" + last));
        assertThat(runs).containsExactly("1-2", "7-8");
    }
}
