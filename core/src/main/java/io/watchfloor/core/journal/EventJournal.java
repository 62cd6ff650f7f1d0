package io.watchfloor.core.journal;

import io.watchfloor.core.event.Event;
import io.watchfloor.core.event.Listener;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The event journal: every accepted event's raw bytes, receive time, listener and peer, in daily
 * Chronicle Queue cycle files (layout in {@link EventRecordDescriptor}).
 *
 * <p>Appending and {@link #sync} are NOT thread-safe: the journal stage is the only writer. {@link #replay} opens
 * its own tailer and may run before the ring starts.
 *
 * <p>A crash in the middle of an append leaves an unfinished record after the last complete one (a
 * {@link TornTail}); readers never see it. Opening for writing finds it, logs it, counts it in
 * {@link #tornRecords()} and erases it before the first append; opening read-only only reports it.
 */
public final class EventJournal implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventJournal.class);

    private final ChronicleQueue queue;
    private final ExcerptAppender appender;
    private final Path dir;
    private final int retentionDays;
    private final JournalDurability durability;
    private final TornTail tornTail;
    /** Written by the journal thread only; volatile so the API reads a current count. */
    private volatile long events;
    /** Journal thread only. */
    private final CycleFileSync fileSync;

    /**
     * Opens (or creates) the event journal under {@code config.dir()/events}, erasing a record a crash left
     * unfinished at its end (see {@link #tornTail()}).
     */
    public EventJournal(JournalConfig config) {
        this.dir = config.dir().resolve("events");
        this.retentionDays = config.retentionDays();
        this.durability = config.durability();
        this.queue = SingleChronicleQueueBuilder.single(dir.toFile()).rollCycle(RollCycles.FAST_DAILY).build();
        // before the appender exists: its first record would be written over the torn one's header
        this.tornTail = TornTailScanner.findAtEnd(queue, dir);
        if (tornTail != null) {
            eraseTornTail();
        }
        this.appender = queue.createAppender();
        // created on the wiring thread, then written only by the journal stage thread
        this.appender.singleThreadedCheckDisabled(true);
        this.fileSync = new CycleFileSync(dir);
    }

    private EventJournal(Path dir, int retentionDays, ChronicleQueue queue) {
        this.dir = dir;
        this.retentionDays = retentionDays;
        this.durability = JournalDurability.DEFAULT;
        this.queue = queue;
        this.appender = null;
        this.fileSync = null;
        this.tornTail = TornTailScanner.findAtEnd(queue, dir);
    }

    private void eraseTornTail() {
        try {
            TornTailScanner.erase(tornTail);
            LOG.warn("Journal ended with a record torn by a crash; skipped and erased, the next append continues. "
                    + "file={} position={} bytes={}", tornTail.file(), tornTail.position(), tornTail.bytes());
        } catch (IOException e) {
            // not fatal: the next append still starts at the torn record's header; its bytes beyond stay behind it
            LOG.error("Journal ended with a record torn by a crash; skipped, but its bytes could not be erased. "
                    + "file={} position={} bytes={} error={}", tornTail.file(), tornTail.position(), tornTail.bytes(),
                    e.toString());
        }
    }

    /**
     * Opens an existing event journal for reading only (offline tools; safe beside a running server, which
     * keeps appending). Creates nothing; {@link #append} and {@link #applyRetention} throw on the result.
     *
     * @throws IllegalArgumentException when {@code config.dir()/events} is not a directory
     */
    public static EventJournal openReadOnly(JournalConfig config) {
        final Path dir = config.dir().resolve("events");
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("event journal " + dir + " (expected: an existing directory)");
        }
        final ChronicleQueue queue = SingleChronicleQueueBuilder.single(dir.toFile()).rollCycle(RollCycles.FAST_DAILY)
                .readOnly(true).build();
        return new EventJournal(dir, config.retentionDays(), queue);
    }

    /**
     * @return the record a crash left unfinished at the end of the journal when it was opened, or null. For a
     *     read-only journal beside a running server this may also be a record being written right now.
     */
    public TornTail tornTail() {
        return tornTail;
    }

    /** @return torn records found (and, when open for writing, erased) on open: 0 or 1 */
    public long tornRecords() {
        return tornTail == null ? 0 : 1;
    }

    /** @return when appends count as durable */
    public JournalDurability durability() {
        return durability;
    }

    /**
     * Forces every record appended so far to disk (see {@link CycleFileSync}). Journal stage thread only; a no-op
     * before the first append.
     *
     * @throws IOException when the kernel reports the write-back failed: the records are not known to be on disk
     */
    public void sync() throws IOException {
        if (appender == null) {
            throw new IllegalStateException("event journal " + dir + " is open read-only");
        }
        fileSync.force(appender.currentFile());
    }

    /**
     * Appends the event's record.
     *
     * @return the Chronicle index it was written at
     */
    public long append(Event e) {
        if (appender == null) {
            throw new IllegalStateException("event journal " + dir + " is open read-only");
        }
        try (DocumentContext dc = appender.writingDocument()) {
            final Bytes<?> b = dc.wire().bytes();
            b.writeByte(EventRecordDescriptor.VERSION);
            b.writeByte((byte) e.listener().ordinal());
            b.writeByte((byte) (e.truncated() ? EventRecordDescriptor.FLAG_TRUNCATED : 0));
            writePeer(b, e.peer(), e.receivedAtMs());
            b.writeInt(e.rawLength());
            b.write(e.raw(), 0, e.rawLength());
            events++;
            return dc.index();
        }
    }

    private static void writePeer(Bytes<?> b, InetAddress peer, long receivedAtMs) {
        if (peer == null) {
            b.writeByte((byte) 0);
            b.writeLong(receivedAtMs);
            return;
        }
        if (peer instanceof Inet4Address) {
            b.writeByte((byte) 4);
            b.writeLong(receivedAtMs);
            // Inet4Address.hashCode() is the address as an int: reading it avoids getAddress()'s array copy
            b.writeInt(peer.hashCode());
            return;
        }
        final byte[] a = peer.getAddress();
        b.writeByte((byte) a.length);
        b.writeLong(receivedAtMs);
        b.write(a);
    }

    /** Visits the records of one replay, in journal order. */
    @FunctionalInterface
    public interface ReplayVisitor {
        /** @param e a slot filled from the record (reused between calls), with its journal index set */
        void visit(Event e);
    }

    /**
     * Reads every record from the start of the journal into {@code slot} and hands it to the visitor; used on
     * start-up to rebuild state. Counts the events for {@link #events()}.
     *
     * @return how many records were read
     */
    public long replay(Event slot, ReplayVisitor visitor) {
        long n = 0;
        try (ExcerptTailer tailer = queue.createTailer()) {
            while (true) {
                try (DocumentContext dc = tailer.readingDocument()) {
                    if (!dc.isPresent()) {
                        break;
                    }
                    read(dc.wire().bytes(), slot, dc.index());
                }
                visitor.visit(slot);
                n++;
            }
        }
        events = n;
        return n;
    }

    /**
     * Reads the records from journal index {@code fromIndex} (inclusive) to the current end into {@code slot}
     * and hands each to the visitor. An index before the first record starts at the first; an index that
     * falls between records starts at the next record after it. Does not change {@link #events()}.
     *
     * @return how many records were read
     */
    public long replayFrom(long fromIndex, Event slot, ReplayVisitor visitor) {
        return follow(fromIndex, slot, visitor, () -> false, 0);
    }

    /**
     * Like {@link #replayFrom}, then keeps polling for new records every {@code pollMs} while
     * {@code keepFollowing} answers true at the end of the data; for {@code journal tail --follow}.
     *
     * @return how many records were read
     */
    public long follow(long fromIndex, Event slot, ReplayVisitor visitor, BooleanSupplier keepFollowing, long pollMs) {
        long n = 0;
        try (ExcerptTailer tailer = queue.createTailer()) {
            final boolean exact = position(tailer, fromIndex);
            while (true) {
                try (DocumentContext dc = tailer.readingDocument()) {
                    if (dc.isPresent()) {
                        if (!exact && dc.index() < fromIndex) {
                            continue;
                        }
                        read(dc.wire().bytes(), slot, dc.index());
                    } else {
                        if (!keepFollowing.getAsBoolean()) {
                            break;
                        }
                        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(pollMs));
                        continue;
                    }
                }
                visitor.visit(slot);
                n++;
            }
        }
        return n;
    }

    /** @return true when the tailer stands on {@code fromIndex} or the start; false: skip records below it */
    private boolean position(ExcerptTailer tailer, long fromIndex) {
        final long first = queue.firstIndex();
        if (first == Long.MAX_VALUE || fromIndex <= first) {
            tailer.toStart();
            return true;
        }
        if (fromIndex > queue.lastIndex()) {
            tailer.toEnd();
            return true;
        }
        if (tailer.moveToIndex(fromIndex)) {
            return true;
        }
        // between records (a cycle without that sequence): scan from the start, skipping lower indexes
        tailer.toStart();
        return false;
    }

    /**
     * Finds where the last {@code count} records start, for {@code journal tail}.
     *
     * @return the journal index of the {@code count}-th record from the end, the first record's index when there
     *     are fewer, or {@code Long.MAX_VALUE} when the journal is empty or {@code count <= 0}
     */
    public long indexOfLast(int count) {
        if (count <= 0) {
            return Long.MAX_VALUE;
        }
        try (ExcerptTailer tailer = queue.createTailer()) {
            tailer.direction(TailerDirection.BACKWARD).toEnd();
            long index = Long.MAX_VALUE;
            for (int i = 0; i < count; i++) {
                try (DocumentContext dc = tailer.readingDocument()) {
                    if (!dc.isPresent()) {
                        break;
                    }
                    index = dc.index();
                }
            }
            return index;
        }
    }

    private void read(Bytes<?> b, Event slot, long index) {
        b.readByte(); // version 1 is the only layout so far
        final Listener listener = Listener.ofOrdinal(b.readByte());
        final int flags = b.readByte();
        final int peerLength = b.readByte();
        final long receivedAtMs = b.readLong();
        InetAddress peer = null;
        if (peerLength == 4) {
            final int v = b.readInt();
            peer = address(new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
        } else if (peerLength > 0) {
            final byte[] a = new byte[peerLength];
            b.read(a);
            peer = address(a);
        }
        final int length = b.readInt();
        slot.resetForData(listener, peer, receivedAtMs, (flags & EventRecordDescriptor.FLAG_TRUNCATED) != 0, null);
        b.read(slot.rawBuffer(length), 0, length);
        slot.replay(true);
        slot.journalIndex(index);
    }

    private static InetAddress address(byte[] a) {
        try {
            return InetAddress.getByAddress(a);
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** @return events in the journal: replayed at start plus appended since */
    public long events() {
        return events;
    }

    /** Deletes daily cycle files past the retention. @return how many were deleted */
    public int applyRetention(long nowMs) {
        if (appender == null) {
            throw new IllegalStateException("event journal " + dir + " is open read-only");
        }
        final int deleted = Retention.apply(dir, retentionDays, nowMs);
        if (deleted > 0) {
            queue.refreshDirectoryListing();
        }
        return deleted;
    }

    @Override
    public void close() {
        if (fileSync != null) {
            fileSync.close();
        }
        if (appender != null) {
            appender.close();
        }
        queue.close();
    }
}
