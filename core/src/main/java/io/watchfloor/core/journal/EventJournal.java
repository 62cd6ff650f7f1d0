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

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
    /** The cycle file {@link #sync} forces, and its channel; journal thread only. */
    private File syncedFile;
    private FileChannel syncChannel;

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
        this.tornTail = findTornTail(queue, dir);
        if (tornTail != null) {
            LOG.warn("Journal ends with a record torn by a crash; skipped and erased, the next append continues. "
                    + "file={} position={} bytes={}", tornTail.file(), tornTail.position(), tornTail.bytes());
            try {
                TornTailScanner.erase(tornTail);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot erase the torn record at " + tornTail, e);
            }
        }
        this.appender = queue.createAppender();
        // created on the wiring thread, then written only by the journal stage thread
        this.appender.singleThreadedCheckDisabled(true);
    }

    private EventJournal(Path dir, int retentionDays, ChronicleQueue queue) {
        this.dir = dir;
        this.retentionDays = retentionDays;
        this.durability = JournalDurability.DEFAULT;
        this.queue = queue;
        this.appender = null;
        this.tornTail = findTornTail(queue, dir);
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
     * Looks for an unfinished record after the last complete one in the newest cycle file. Never fatal: a journal
     * that cannot be scanned is reported as not torn.
     */
    private static TornTail findTornTail(ChronicleQueue queue, Path dir) {
        try {
            final Path last = newestCycleFile(dir);
            if (last == null) {
                return null;
            }
            long from = 0;
            try (ExcerptTailer tailer = queue.createTailer()) {
                tailer.direction(TailerDirection.BACKWARD).toEnd();
                try (DocumentContext dc = tailer.readingDocument()) {
                    if (dc.isPresent() && tailer.currentFile() != null
                            && tailer.currentFile().toPath().toAbsolutePath().equals(last.toAbsolutePath())) {
                        from = dc.wire().bytes().readLimit();
                    }
                }
            }
            return TornTailScanner.find(last, from);
        } catch (IOException | RuntimeException e) {
            LOG.error("Cannot check the journal's end for a torn record. dir={} error={}", dir, e.toString());
            return null;
        }
    }

    /** @return the newest {@code *.cq4} cycle file (daily names sort by date), or null when there is none */
    private static Path newestCycleFile(Path dir) throws IOException {
        Path newest = null;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.cq4")) {
            for (Path f : files) {
                if (newest == null || f.getFileName().toString().compareTo(newest.getFileName().toString()) > 0) {
                    newest = f;
                }
            }
        }
        return newest;
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
     * Forces every record appended so far to disk: {@code fdatasync} of the current cycle file, which covers its
     * data, index and header pages alike (Chronicle's own {@code sync()} only msyncs the data written since its
     * last sync in the appender's current chunk). The first time a cycle file is synced, the file before it is
     * synced a last time and the directory and the queue metadata are synced too, so a new file survives power
     * loss. Journal stage thread only; a no-op before the first append.
     *
     * @throws IOException when the kernel reports the write-back failed: the records are not known to be on disk
     */
    public void sync() throws IOException {
        if (appender == null) {
            throw new IllegalStateException("event journal " + dir + " is open read-only");
        }
        final File current = appender.currentFile();
        if (current == null) {
            return;
        }
        if (!current.equals(syncedFile)) {
            switchSyncedFile(current);
        }
        syncChannel.force(false);
    }

    private void switchSyncedFile(File current) throws IOException {
        if (syncChannel != null) {
            syncChannel.force(false);
            syncChannel.close();
            syncChannel = null;
        }
        syncChannel = FileChannel.open(current.toPath(), StandardOpenOption.WRITE);
        syncedFile = current;
        forceExisting(dir.resolve("metadata.cq4t"));
        forceExisting(dir);
    }

    private static void forceExisting(Path path) throws IOException {
        if (Files.exists(path)) {
            try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
                ch.force(true);
            }
        }
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
        if (syncChannel != null) {
            try {
                syncChannel.close();
            } catch (IOException e) {
                LOG.warn("Cannot close the journal sync channel. file={} error={}", syncedFile, e.toString());
            }
            syncChannel = null;
        }
        if (appender != null) {
            appender.close();
        }
        queue.close();
    }
}
