package io.watchfloor.core.journal;

import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * A journal of text records (one JSON document each), e.g. coverage transitions. Thread-safe: appends are
 * rare and serialized.
 */
public final class TextJournal implements AutoCloseable {
    private final ChronicleQueue queue;
    private final ExcerptAppender appender;

    /** Opens (or creates) the journal under {@code config.dir()/name}. */
    public TextJournal(JournalConfig config, String name) {
        this.queue = SingleChronicleQueueBuilder.single(config.dir().resolve(name).toFile())
                .rollCycle(RollCycles.FAST_DAILY).build();
        this.appender = queue.createAppender();
        // appends are serialized by this object's monitor, from whichever thread raises them
        this.appender.singleThreadedCheckDisabled(true);
    }

    /**
     * Reads every record of the journal {@code config.dir()/name} from the start, read-only (a running server may
     * keep appending). @return how many; 0 when that journal does not exist
     */
    public static long readAllReadOnly(JournalConfig config, String name, Consumer<String> visitor) {
        final Path dir = config.dir().resolve(name);
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (ChronicleQueue queue = SingleChronicleQueueBuilder.single(dir.toFile()).rollCycle(RollCycles.FAST_DAILY)
                .readOnly(true).build();
             ExcerptTailer tailer = queue.createTailer()) {
            long n = 0;
            for (String s; (s = tailer.readText()) != null; ) {
                visitor.accept(s);
                n++;
            }
            return n;
        }
    }

    /** Appends one record. */
    public synchronized void append(String record) {
        appender.writeText(record);
    }

    /** Reads every record from the start, in order. @return how many */
    public long readAll(Consumer<String> visitor) {
        long n = 0;
        try (ExcerptTailer tailer = queue.createTailer()) {
            for (String s; (s = tailer.readText()) != null; ) {
                visitor.accept(s);
                n++;
            }
        }
        return n;
    }

    @Override
    public synchronized void close() {
        appender.close();
        queue.close();
    }
}
