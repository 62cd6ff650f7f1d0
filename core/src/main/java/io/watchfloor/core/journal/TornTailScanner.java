package io.watchfloor.core.journal;

import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.wire.DocumentContext;
import net.openhft.chronicle.wire.Wires;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Finds and erases a {@link TornTail} in a Chronicle cycle file by walking its 4-byte record headers (length and
 * flags, little-endian, each record 4-aligned) from a known record boundary: the end of the last complete data
 * record, found with a backward tailer. Reads through a {@link FileChannel}, beside Chronicle's own mapping of the
 * file (the page cache is shared). Start-up and offline tools only.
 *
 * <p>What a kill -9 in the middle of an append leaves, as observed with Chronicle Queue 2026.4: the record's header
 * is still 0 (the length is written when the record is complete) and its first bytes follow it. Readers stop at the
 * zero header; a new appender force-unlocks the dead writer's lock and writes over the header, but leaves the torn
 * bytes beyond its own shorter record, where a later reader could take them for a header: hence the erase.
 */
final class TornTailScanner {
    private static final Logger LOG = LoggerFactory.getLogger(TornTailScanner.class);

    /**
     * How far past a torn header written bytes are looked for: more than the largest record (a 16 MiB frame plus
     * its metadata). Bytes further on were never part of it.
     */
    static final long SCAN_LIMIT_BYTES = 32L * 1024 * 1024;
    /** Bytes after a zero header that tell a torn record from free space (every record starts with its version). */
    static final int PROBE_BYTES = 64;
    /** Headers walked at most from the start position (index metadata may follow the last data record). */
    static final int MAX_HEADERS_WALKED = 1024;

    private static final int CHUNK_BYTES = 64 * 1024;

    private TornTailScanner() {
    }

    /**
     * Looks for an unfinished record after the last complete data record in the queue's newest cycle file. Never
     * fatal: a journal that cannot be scanned is logged and reported as not torn.
     *
     * @param dir the queue's directory
     * @return the torn record, or null
     */
    static TornTail findAtEnd(ChronicleQueue queue, Path dir) {
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
            return find(last, from);
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
     * @param file a cycle file
     * @param fromPosition a record boundary: the end of the last complete data record, or 0 for the file's start
     * @return the torn record after the last complete one, or null when the file ends cleanly (free space, or the
     *     end-of-cycle marker)
     */
    static TornTail find(Path file, long fromPosition) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            final long size = ch.size();
            final ByteBuffer header = ByteBuffer.allocate(Wires.SPB_HEADER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
            long pos = align4(fromPosition);
            for (int walked = 0; walked < MAX_HEADERS_WALKED && pos + Wires.SPB_HEADER_SIZE <= size; walked++) {
                header.clear();
                if (ch.read(header, pos) < Wires.SPB_HEADER_SIZE) {
                    return null;
                }
                final int h = header.getInt(0);
                if (h == Wires.END_OF_DATA) {
                    return null;
                }
                if (h == Wires.NOT_INITIALIZED) {
                    // free space, unless a record's body was being written behind a header not yet set
                    return anyNonZero(ch, pos + Wires.SPB_HEADER_SIZE, PROBE_BYTES)
                            ? new TornTail(file, pos, lastNonZero(ch, pos, size) + 1 - pos) : null;
                }
                if ((h & Wires.NOT_COMPLETE) != 0) {
                    return new TornTail(file, pos, lastNonZero(ch, pos, size) + 1 - pos);
                }
                pos = align4(pos + Wires.SPB_HEADER_SIZE + (h & Wires.LENGTH_MASK));
            }
            return null;
        }
    }

    /** Zeroes the torn record's bytes, so the next append starts on free space and no reader meets them. */
    static void erase(TornTail torn) throws IOException {
        try (FileChannel ch = FileChannel.open(torn.file(), StandardOpenOption.WRITE)) {
            final ByteBuffer zeros = ByteBuffer.allocate(CHUNK_BYTES);
            long pos = torn.position();
            final long end = torn.position() + torn.bytes();
            while (pos < end) {
                zeros.clear().limit((int) Math.min(CHUNK_BYTES, end - pos));
                pos += ch.write(zeros, pos);
            }
            ch.force(false);
        }
    }

    private static boolean anyNonZero(FileChannel ch, long from, int length) throws IOException {
        final ByteBuffer b = ByteBuffer.allocate(length);
        ch.read(b, from);
        for (int i = 0; i < b.position(); i++) {
            if (b.get(i) != 0) {
                return true;
            }
        }
        return false;
    }

    /** @return the position of the last non-zero byte in {@code [from, from + SCAN_LIMIT_BYTES)}, or from - 1 */
    private static long lastNonZero(FileChannel ch, long from, long size) throws IOException {
        final long end = Math.min(size, from + SCAN_LIMIT_BYTES);
        final ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES);
        long last = from - 1;
        for (long pos = from; pos < end; pos += CHUNK_BYTES) {
            chunk.clear().limit((int) Math.min(CHUNK_BYTES, end - pos));
            final int n = Math.max(0, ch.read(chunk, pos));
            for (int i = n - 1; i >= 0; i--) {
                if (chunk.get(i) != 0) {
                    last = pos + i;
                    break;
                }
            }
        }
        return last;
    }

    static long align4(long position) {
        return (position + 3) & ~3L;
    }
}
