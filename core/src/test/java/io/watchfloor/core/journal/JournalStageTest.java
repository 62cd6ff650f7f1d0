package io.watchfloor.core.journal;

import io.watchfloor.core.event.Event;
import io.watchfloor.core.event.JournalCallback;
import io.watchfloor.core.event.Listener;
import io.watchfloor.core.ring.IngestCounters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JournalStageTest {
    @TempDir
    Path dir;

    private final IngestCounters counters = new IngestCounters();
    private final List<Long> acked = new ArrayList<>();
    private final JournalCallback callback = new JournalCallback() {
        @Override
        public void journaled(long journalIndex) {
            acked.add(journalIndex);
        }

        @Override
        public void failed() {
            acked.add(-1L);
        }
    };

    private Event data() {
        final Event e = new Event();
        e.resetForData(Listener.HTTP, null, 5, false, callback);
        e.raw(new byte[] {'{', '}'}, 0, 2);
        return e;
    }

    private static Event tick(long nowMs) {
        final Event e = new Event();
        e.resetForTick(nowMs);
        return e;
    }

    @Test
    void shouldAcknowledgeEachEventRightAfterItsAppendWithProcessDurability() {
        try (EventJournal j = new EventJournal(new JournalConfig(dir, 7, JournalDurability.PROCESS))) {
            final JournalStage stage = new JournalStage(j, counters);
            final Event first = data();
            stage.onEvent(first, false);
            assertThat(acked).containsExactly(first.journalIndex());
            stage.onEvent(data(), true);
            assertThat(acked).hasSize(2);
            assertThat(stage.syncs()).isZero();
        }
    }

    @Test
    void shouldHoldAcknowledgementsUntilTheSyncAtTheEndOfTheBatchWithFsyncDurability() {
        try (EventJournal j = new EventJournal(new JournalConfig(dir, 7, JournalDurability.FSYNC))) {
            final JournalStage stage = new JournalStage(j, counters);
            final Event a = data();
            final Event b = data();
            final Event c = data();
            stage.onEvent(a, false);
            stage.onEvent(b, false);
            assertThat(acked).isEmpty();
            assertThat(counters.journaled(Listener.HTTP)).isEqualTo(2);
            stage.onEvent(c, true);
            assertThat(acked).containsExactly(a.journalIndex(), b.journalIndex(), c.journalIndex());
            assertThat(stage.syncs()).isEqualTo(1);
            stage.onEvent(data(), true);
            assertThat(acked).hasSize(4);
            assertThat(stage.syncs()).isEqualTo(2);
            assertThat(stage.syncFailures()).isZero();
            assertThat(stage.syncTimeNs()).isPositive();
        }
    }

    @Test
    void shouldCommitWhenTheBatchEndsOnATick() {
        try (EventJournal j = new EventJournal(new JournalConfig(dir, 7, JournalDurability.FSYNC))) {
            final JournalStage stage = new JournalStage(j, counters);
            stage.onEvent(data(), false);
            stage.onEvent(tick(10), false);
            assertThat(acked).isEmpty();
            stage.onEvent(tick(20), true);
            assertThat(acked).hasSize(1);
            assertThat(stage.syncs()).isEqualTo(1);
        }
    }

    @Test
    void shouldNotSyncABatchThatAppendedNothing() {
        try (EventJournal j = new EventJournal(new JournalConfig(dir, 7, JournalDurability.FSYNC))) {
            final JournalStage stage = new JournalStage(j, counters);
            stage.onEvent(tick(10), true);
            stage.onEvent(tick(20), true);
            assertThat(stage.syncs()).isZero();
        }
    }

    @Test
    void shouldSyncEarlyWhenMaxPendingAcknowledgementsAreHeld() {
        try (EventJournal j = new EventJournal(new JournalConfig(dir, 7, JournalDurability.FSYNC))) {
            final JournalStage stage = new JournalStage(j, counters);
            final Event e = data();
            for (int i = 0; i < JournalStage.MAX_PENDING_ACKS; i++) {
                e.resetForData(Listener.HTTP, null, 5, false, callback);
                e.raw(new byte[] {'x'}, 0, 1);
                stage.onEvent(e, false);
            }
            assertThat(stage.syncs()).isEqualTo(1);
            assertThat(acked).hasSize(JournalStage.MAX_PENDING_ACKS).doesNotContain(-1L);
            stage.onEvent(data(), false);
            assertThat(acked).hasSize(JournalStage.MAX_PENDING_ACKS);
            stage.onEvent(tick(10), true);
            assertThat(acked).hasSize(JournalStage.MAX_PENDING_ACKS + 1);
            assertThat(stage.syncs()).isEqualTo(2);
        }
    }
}
