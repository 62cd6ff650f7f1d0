package io.watchfloor.core.journal;

import io.watchfloor.core.event.JournalCallback;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PendingAcksTest {
    private final List<String> calls = new ArrayList<>();

    private JournalCallback named(String name) {
        return new JournalCallback() {
            @Override
            public void journaled(long journalIndex) {
                calls.add(name + "@" + journalIndex);
            }

            @Override
            public void failed() {
                calls.add(name + " failed");
            }
        };
    }

    @Test
    void shouldReleaseInAppendOrderAndReportFullAtCapacity() {
        final PendingAcks acks = new PendingAcks(2);
        assertThat(acks.add(named("a"), 7)).isFalse();
        assertThat(acks.add(named("b"), 8)).isTrue();
        acks.release(true);
        assertThat(calls).containsExactly("a@7", "b@8");
        assertThat(acks.size()).isZero();
        acks.release(true);
        assertThat(calls).hasSize(2);
    }

    @Test
    void shouldTellEveryCallbackItFailedWhenTheSyncDidNotWork() {
        final PendingAcks acks = new PendingAcks(4);
        acks.add(named("a"), 1);
        acks.add(named("b"), 2);
        acks.release(false);
        assertThat(calls).containsExactly("a failed", "b failed");
    }

    @Test
    void shouldRunEveryCallbackThenRethrowTheFirstError() {
        final PendingAcks acks = new PendingAcks(4);
        acks.add(named("a"), 1);
        acks.add(new JournalCallback() {
            @Override
            public void journaled(long journalIndex) {
                throw new IllegalStateException("event loop shut down");
            }

            @Override
            public void failed() {
            }
        }, 2);
        acks.add(named("c"), 3);
        assertThatThrownBy(() -> acks.release(true)).hasMessage("event loop shut down");
        assertThat(calls).containsExactly("a@1", "c@3");
        assertThat(acks.size()).isZero();
    }
}
