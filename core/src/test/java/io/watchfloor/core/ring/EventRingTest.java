package io.watchfloor.core.ring;

import io.watchfloor.core.event.Event;
import io.watchfloor.core.event.JournalCallback;
import io.watchfloor.core.event.Listener;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class EventRingTest {
    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldRunParseThenJournalThenAnalyzeInOrder() {
        final List<String> seen = new CopyOnWriteArrayList<>();
        final AtomicLong index = new AtomicLong();
        final EventStage parse = (e, end) -> e.parseErrorReason(e.isTick() ? null : "parsed");
        final EventStage journal = (e, end) -> e.journalIndex(index.incrementAndGet());
        final EventStage analyze = (e, end) -> seen.add(e.isTick() ? "tick@" + e.receivedAtMs()
                : new String(e.raw(), 0, e.rawLength(), StandardCharsets.UTF_8) + "#" + e.journalIndex()
                + ":" + e.parseErrorReason());
        try (EventRing ring = new EventRing(new RingConfig(8, 2), () -> parse, journal, List.of(analyze))) {
            for (int i = 0; i < 5; i++) {
                final byte[] b = bytes("m" + i);
                assertThat(ring.tryPublish(Listener.SYSLOG_TCP, null, 1, false, null, b, b.length, RawCopier.BYTES))
                        .isTrue();
            }
            assertThat(ring.tryPublishTick(99)).isTrue();
            await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 6);
        }
        assertThat(seen).containsExactly("m0#1:parsed", "m1#2:parsed", "m2#3:parsed", "m3#4:parsed", "m4#5:parsed",
                "tick@99");
    }

    @Test
    void shouldAcceptExactlyRingSizeThenReportFullWhileConsumerIsStalled() throws Exception {
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicLong analyzed = new AtomicLong();
        final EventStage stalledParse = (e, end) -> release.await(10, TimeUnit.SECONDS);
        final byte[] b = bytes("x");
        try (EventRing ring = new EventRing(new RingConfig(16, 1), () -> stalledParse, (e, end) -> { },
                List.of((e, end) -> analyzed.incrementAndGet()))) {
            int accepted = 0;
            while (ring.tryPublish(Listener.SYSLOG_UDP, null, 1, false, null, b, 1, RawCopier.BYTES)) {
                accepted++;
            }
            assertThat(accepted).isEqualTo(16);
            assertThat(ring.remainingCapacity()).isZero();
            assertThat(ring.tryPublishBatch(1, (slot, i) -> { })).isFalse();
            release.countDown();
            await().atMost(Duration.ofSeconds(5)).until(() -> analyzed.get() == 16);
            assertThat(ring.tryPublish(Listener.SYSLOG_UDP, null, 1, false, null, b, 1, RawCopier.BYTES)).isTrue();
        }
    }

    @Test
    void shouldLeaveReservedSlotsToPublishersThatCannotWait() throws Exception {
        final CountDownLatch release = new CountDownLatch(1);
        final EventStage stalledParse = (e, end) -> release.await(10, TimeUnit.SECONDS);
        final byte[] b = bytes("x");
        try (EventRing ring = new EventRing(new RingConfig(16, 1), () -> stalledParse, (e, end) -> { }, List.of())) {
            int waiting = 0;
            while (ring.tryPublishLeaving(4, Listener.SYSLOG_TCP, null, 1, false, null, b, 1, RawCopier.BYTES)) {
                waiting++;
            }
            int cannotWait = 0;
            while (ring.tryPublish(Listener.SYSLOG_UDP, null, 1, false, null, b, 1, RawCopier.BYTES)) {
                cannotWait++;
            }
            assertThat(waiting).isEqualTo(12);
            assertThat(cannotWait).isEqualTo(4);
            release.countDown();
        }
    }

    @Test
    void shouldPublishBatchAllOrNothing() {
        final List<String> seen = new CopyOnWriteArrayList<>();
        try (EventRing ring = new EventRing(new RingConfig(4, 1), () -> (e, end) -> { }, (e, end) -> { },
                List.of((e, end) -> seen.add(new String(e.raw(), 0, e.rawLength(), StandardCharsets.UTF_8))))) {
            assertThat(ring.tryPublishBatch(5, (slot, i) -> { })).isFalse();
            assertThat(ring.tryPublishBatch(3, (slot, i) -> {
                slot.resetForData(Listener.HTTP, null, 1, false, null);
                slot.raw(bytes("b" + i), 0, 2);
            })).isTrue();
            await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 3);
        }
        assertThat(seen).containsExactly("b0", "b1", "b2");
    }

    @Test
    void shouldCountStageExceptionAndKeepTheThreadRunning() {
        final List<String> seen = new CopyOnWriteArrayList<>();
        final EventStage failingOnBad = (e, end) -> {
            if (e.raw()[0] == 'b') {
                throw new IllegalStateException("bad event");
            }
        };
        try (EventRing ring = new EventRing(new RingConfig(8, 1), () -> failingOnBad, (e, end) -> { },
                List.of((e, end) -> seen.add(new String(e.raw(), 0, e.rawLength(), StandardCharsets.UTF_8))))) {
            for (String s : List.of("good1", "bad", "good2")) {
                final byte[] b = bytes(s);
                ring.tryPublish(Listener.SYSLOG_TCP, null, 1, false, null, b, b.length, RawCopier.BYTES);
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> seen.contains("good2"));
            assertThat(ring.stageErrors()).isEqualTo(1);
        }
    }

    @Test
    void shouldCarryTheJournalCallbackToTheStages() {
        final CountDownLatch done = new CountDownLatch(1);
        final JournalCallback cb = new JournalCallback() {
            @Override
            public void journaled(long journalIndex) {
                done.countDown();
            }

            @Override
            public void failed() {
            }
        };
        try (EventRing ring = new EventRing(new RingConfig(4, 1), () -> (e, end) -> { },
                (e, end) -> e.journalCallback().journaled(7), List.of())) {
            final byte[] b = bytes("a");
            ring.tryPublish(Listener.HTTP, null, 1, false, cb, b, 1, RawCopier.BYTES);
            await().atMost(Duration.ofSeconds(5)).until(() -> done.getCount() == 0);
        }
    }

    @Test
    void shouldRunAnalyzeStagesOneAfterAnotherAndReleaseTheEventAfterTheLast() {
        final List<String> seen = new CopyOnWriteArrayList<>();
        final JournalCallback callback = new JournalCallback() {
            @Override
            public void journaled(long journalIndex) {
            }

            @Override
            public void failed() {
            }
        };
        final EventStage parse = (e, end) -> {
            if (!e.isTick()) {
                e.markJson();
                e.json().put("user.name", "alice");
            }
        };
        final EventStage first = (e, end) -> seen.add("first:" + e.json().get("user.name") + ":"
                + (e.journalCallback() == callback));
        final EventStage second = (e, end) -> seen.add("second:" + e.json().get("user.name") + ":"
                + (e.journalCallback() == callback));
        final List<Event> released = new CopyOnWriteArrayList<>();
        final EventStage third = (e, end) -> {
            seen.add("third:" + e.json().get("user.name"));
            released.add(e);
        };
        final byte[] b = bytes("{}");
        try (EventRing ring = new EventRing(new RingConfig(8, 1), () -> parse, (e, end) -> { },
                List.of(first, second, third))) {
            assertThat(ring.tryPublish(Listener.HTTP, null, 1, false, callback, b, b.length, RawCopier.BYTES)).isTrue();
            await().atMost(Duration.ofSeconds(5)).until(() -> released.size() == 1 && released.get(0).json().isEmpty());
        }
        assertThat(seen).containsExactly("first:alice:true", "second:alice:true", "third:alice");
        final Event e = released.get(0);
        assertThat(e.journalCallback()).isNull();
        assertThat(new String(e.raw(), 0, e.rawLength(), StandardCharsets.UTF_8)).isEqualTo("{}");
    }
}
