package io.watchfloor.core.journal;

import io.watchfloor.core.event.Event;
import io.watchfloor.core.event.Listener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Read-only open, reading from an index, finding the last records and following: the journal tools' reads. */
class EventJournalReadTest {
    @TempDir
    Path dir;

    private long[] write(int count) {
        final long[] indexes = new long[count];
        try (EventJournal j = new EventJournal(new JournalConfig(dir, 7))) {
            final Event e = new Event();
            for (int i = 0; i < count; i++) {
                e.resetForData(Listener.SYSLOG_TCP, null, 1_000L + i, false, null);
                final byte[] b = ("m" + i).getBytes(StandardCharsets.UTF_8);
                e.raw(b, 0, b.length);
                indexes[i] = j.append(e);
            }
        }
        return indexes;
    }

    private static List<String> raws(EventJournal j, long from) {
        final List<String> seen = new ArrayList<>();
        j.replayFrom(from, new Event(), e -> seen.add(new String(e.raw(), 0, e.rawLength(), StandardCharsets.UTF_8)));
        return seen;
    }

    @Test
    void shouldRefuseToOpenAMissingJournalReadOnlyAndCreateNothing() {
        final Path missing = dir.resolve("nothing");
        assertThatThrownBy(() -> EventJournal.openReadOnly(new JournalConfig(missing, 7)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected: an existing directory");
        assertThat(missing).doesNotExist();
    }

    @Test
    void shouldReadFromAnIndexInclusiveAndFromBeforeTheFirst() {
        final long[] idx = write(5);
        try (EventJournal j = EventJournal.openReadOnly(new JournalConfig(dir, 7))) {
            assertThat(raws(j, idx[2])).containsExactly("m2", "m3", "m4");
            assertThat(raws(j, 0)).containsExactly("m0", "m1", "m2", "m3", "m4");
            assertThat(raws(j, idx[4] + 1)).isEmpty();
            assertThatThrownBy(() -> j.append(new Event())).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void shouldFindWhereTheLastRecordsStart() {
        final long[] idx = write(5);
        try (EventJournal j = EventJournal.openReadOnly(new JournalConfig(dir, 7))) {
            assertThat(j.indexOfLast(2)).isEqualTo(idx[3]);
            assertThat(j.indexOfLast(1)).isEqualTo(idx[4]);
            assertThat(j.indexOfLast(50)).isEqualTo(idx[0]);
            assertThat(j.indexOfLast(0)).isEqualTo(Long.MAX_VALUE);
        }
    }

    @Test
    void shouldFollowUntilTold() {
        final long[] idx = write(3);
        final AtomicInteger polls = new AtomicInteger();
        try (EventJournal j = EventJournal.openReadOnly(new JournalConfig(dir, 7))) {
            final long n = j.follow(idx[1], new Event(), e -> { }, () -> polls.incrementAndGet() < 3, 1);
            assertThat(n).isEqualTo(2);
            assertThat(polls).hasValue(3);
        }
    }
}
