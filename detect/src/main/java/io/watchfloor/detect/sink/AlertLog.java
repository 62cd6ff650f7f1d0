package io.watchfloor.detect.sink;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.watchfloor.detect.alert.Alert;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.TailerDirection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The alert record of a node: appends each alert as JSON to a Chronicle Queue journal
 * ({@code <data>/journal/alerts}) and as one line to {@code <data>/alerts.jsonl}, and keeps the most recent
 * alerts in memory for {@link #recent}. On open, the memory is refilled from the journal, so the API answers the
 * same after a restart.
 *
 * <p>Thread-safe: the detect and coverage stages append concurrently and the API reads; every method holds the
 * log's monitor, so the journal, the file and the memory see alerts in the same order.
 */
public final class AlertLog implements AlertSink, AutoCloseable {
    /** Alerts kept in memory for {@link #recent}, by default. */
    public static final int RECENT_CAPACITY_DEFAULT = 10_000;
    /** Journal directory, relative to the data directory. */
    public static final String JOURNAL_DIR = "journal/alerts";
    /** JSON lines file, relative to the data directory. */
    public static final String JSONL_FILE = "alerts.jsonl";

    private static final Logger LOG = LoggerFactory.getLogger(AlertLog.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ChronicleQueue queue;
    private final ExcerptAppender appender;
    private final OutputStream jsonl;
    private final int capacity;
    private final ArrayDeque<Entry> recent;
    private long appended;
    private long failures;
    private boolean closed;

    private record Entry(long timestampMs, Map<String, Object> document) {
    }

    private AlertLog(ChronicleQueue queue, OutputStream jsonl, int capacity) {
        this.queue = queue;
        this.appender = queue.createAppender();
        // appends come from several threads, serialized by this log's monitor
        this.appender.singleThreadedCheckDisabled(true);
        this.jsonl = jsonl;
        this.capacity = capacity;
        this.recent = new ArrayDeque<>(Math.min(capacity, 1024));
    }

    /** Opens the log under {@code dataDir} with {@link #RECENT_CAPACITY_DEFAULT}. */
    public static AlertLog open(Path dataDir) throws IOException {
        return open(dataDir, RECENT_CAPACITY_DEFAULT);
    }

    /**
     * Opens (creating if needed) the journal and JSONL file under {@code dataDir} and reloads the last
     * {@code recentCapacity} alerts from the journal.
     *
     * @throws IOException when the directories or the JSONL file cannot be created or opened
     */
    public static AlertLog open(Path dataDir, int recentCapacity) throws IOException {
        if (recentCapacity <= 0) {
            throw new IllegalArgumentException("recentCapacity : " + recentCapacity + " (expected: > 0)");
        }
        final Path journalDir = dataDir.resolve(JOURNAL_DIR);
        Files.createDirectories(journalDir);
        final OutputStream out = new BufferedOutputStream(Files.newOutputStream(dataDir.resolve(JSONL_FILE),
                StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE));
        final ChronicleQueue queue;
        try {
            queue = ChronicleQueue.singleBuilder(journalDir.toFile()).rollCycle(RollCycles.FAST_DAILY).build();
        } catch (RuntimeException e) {
            out.close();
            throw new IOException("cannot open alert journal " + journalDir, e);
        }
        final AlertLog log = new AlertLog(queue, out, recentCapacity);
        log.reload();
        LOG.info("Alert log opened. dir={} reloaded={}", dataDir, log.recent.size());
        return log;
    }

    private void reload() {
        final List<Entry> newestFirst = new ArrayList<>();
        try (ExcerptTailer tailer = queue.createTailer()) {
            tailer.direction(TailerDirection.BACKWARD).toEnd();
            String text;
            while (newestFirst.size() < capacity && (text = tailer.readText()) != null) {
                final Entry e = parse(text);
                if (e != null) {
                    newestFirst.add(e);
                }
            }
        }
        for (int i = newestFirst.size() - 1; i >= 0; i--) {
            recent.addLast(newestFirst.get(i));
        }
    }

    @SuppressWarnings("unchecked")
    private static Entry parse(String text) {
        try {
            final Map<String, Object> doc = JSON.readValue(text, Map.class);
            final Object ts = doc.get("@timestamp");
            final long ms = ts instanceof String ? Instant.parse((String) ts).toEpochMilli() : 0L;
            return new Entry(ms, Collections.unmodifiableMap(doc));
        } catch (IOException | RuntimeException e) {
            LOG.warn("Skipping unreadable alert in journal. reason={}", e.getClass().getSimpleName());
            return null;
        }
    }

    /**
     * Journals, writes and remembers one alert. A failure to write the JSONL file is counted and logged (the
     * journal keeps the alert); a journal failure is thrown, as the alert would otherwise not be evidence.
     */
    @Override
    public synchronized void accept(Alert alert) {
        if (closed) {
            throw new IllegalStateException("alert log is closed");
        }
        final Map<String, Object> doc = Collections.unmodifiableMap(alert.toEcs());
        final String json;
        try {
            json = JSON.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        appender.writeText(json);
        try {
            jsonl.write(json.getBytes(StandardCharsets.UTF_8));
            jsonl.write('\n');
            jsonl.flush();
        } catch (IOException e) {
            if (failures++ == 0) {
                LOG.error("Cannot write alerts JSONL file; alerts stay in the journal. reason={}", e.toString());
            }
        }
        if (recent.size() == capacity) {
            recent.removeFirst();
        }
        recent.addLast(new Entry(alert.timestampMs(), doc));
        appended++;
    }

    /**
     * @param limit most alerts returned (at most the in-memory capacity)
     * @param sinceMs when not null, only alerts whose {@code @timestamp} is at or after it
     * @return the most recent alerts, newest first, as unmodifiable ECS maps
     */
    public synchronized List<Map<String, Object>> recent(int limit, Long sinceMs) {
        final List<Map<String, Object>> out = new ArrayList<>(Math.min(Math.max(limit, 0), recent.size()));
        final Iterator<Entry> it = recent.descendingIterator();
        while (it.hasNext() && out.size() < limit) {
            final Entry e = it.next();
            if (sinceMs == null || e.timestampMs >= sinceMs) {
                out.add(e.document);
            }
        }
        return out;
    }

    /** @return alerts appended since this log was opened */
    public synchronized long appended() {
        return appended;
    }

    /** @return JSONL write failures since this log was opened */
    public synchronized long jsonlFailures() {
        return failures;
    }

    /** Flushes and closes the file and the journal; later appends throw. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            jsonl.close();
        } catch (IOException e) {
            LOG.warn("Cannot close alerts JSONL file. reason={}", e.toString());
        }
        appender.close();
        queue.close();
    }
}
