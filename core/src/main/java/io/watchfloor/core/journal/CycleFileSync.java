package io.watchfloor.core.journal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Forces a Chronicle queue's appended records to disk: {@code fdatasync} of the appender's current cycle file,
 * which covers its data, index and header pages alike. Chronicle's own {@code ExcerptAppender.sync()} (with
 * {@code SyncMode.SYNC} on the builder) only msyncs the data written since its last sync in the appender's current
 * mapped chunk, not index entries written further back in the file. The first time a cycle file is forced, the file
 * before it is forced a last time and the queue directory and its metadata file are forced too, so a new file
 * survives power loss. NOT thread-safe: the journal stage only.
 */
final class CycleFileSync implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CycleFileSync.class);

    private final Path queueDir;
    private File file;
    private FileChannel channel;

    /** @param queueDir the queue's directory (cycle files and {@code metadata.cq4t}) */
    CycleFileSync(Path queueDir) {
        this.queueDir = queueDir;
    }

    /**
     * @param current the appender's current cycle file; null (nothing appended yet) does nothing
     * @throws IOException when the kernel reports the write-back failed
     */
    void force(File current) throws IOException {
        if (current == null) {
            return;
        }
        if (!current.equals(file)) {
            switchTo(current);
        }
        channel.force(false);
    }

    private void switchTo(File current) throws IOException {
        if (channel != null) {
            channel.force(false);
            channel.close();
            channel = null;
        }
        channel = FileChannel.open(current.toPath(), StandardOpenOption.WRITE);
        file = current;
        forceExisting(queueDir.resolve("metadata.cq4t"));
        forceExisting(queueDir);
    }

    private static void forceExisting(Path path) throws IOException {
        if (Files.exists(path)) {
            try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
                ch.force(true);
            }
        }
    }

    @Override
    public void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.warn("Cannot close the journal sync channel. file={} error={}", file, e.toString());
            }
            channel = null;
        }
    }
}
