package io.watchfloor.core.journal;

import io.watchfloor.core.event.Event;
import io.watchfloor.core.event.Listener;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;

/**
 * A child JVM for the torn-record tests: appends {@code count} complete events ({@code event-0} …), then starts one
 * more record through a Chronicle appender exactly as {@link EventJournal#append} lays it out, writes its fixed
 * fields and the first {@code partialRawBytes} of its raw text, prints {@link #MID_APPEND} and waits inside the
 * append for the parent's kill -9.
 *
 * <pre>java … io.watchfloor.core.journal.CrashingAppender JOURNAL_DIR COUNT PARTIAL_RAW_BYTES</pre>
 */
public final class CrashingAppender {
    /** Printed once the unfinished record's bytes are in the file. */
    static final String MID_APPEND = "mid-append";

    private CrashingAppender() {
    }

    public static void main(String[] args) {
        final Path dir = Path.of(args[0]);
        final int count = Integer.parseInt(args[1]);
        final int partialRawBytes = Integer.parseInt(args[2]);
        try (EventJournal journal = new EventJournal(new JournalConfig(dir, 7))) {
            final Event e = new Event();
            for (int i = 0; i < count; i++) {
                final byte[] raw = ("event-" + i).getBytes(StandardCharsets.UTF_8);
                e.resetForData(Listener.SYSLOG_TCP, null, 1_700_000_000_000L + i, false, null);
                e.raw(raw, 0, raw.length);
                journal.append(e);
            }
        }
        final ChronicleQueue queue = SingleChronicleQueueBuilder.single(dir.resolve("events").toFile())
                .rollCycle(RollCycles.FAST_DAILY).build();
        final ExcerptAppender appender = queue.createAppender();
        final DocumentContext dc = appender.writingDocument();
        final Bytes<?> b = dc.wire().bytes();
        b.writeByte(EventRecordDescriptor.VERSION);
        b.writeByte((byte) Listener.SYSLOG_TCP.ordinal());
        b.writeByte((byte) 0);
        b.writeByte((byte) 0);
        b.writeLong(1_700_000_999_000L);
        b.writeInt(partialRawBytes * 2);
        for (int i = 0; i < partialRawBytes; i++) {
            b.writeByte((byte) 'T');
        }
        System.out.println(MID_APPEND);
        System.out.flush();
        while (true) {
            LockSupport.park();
        }
    }
}
