package io.watchfloor.server.wiring;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.stream.Stream;

/**
 * Watches the rules directory tree (new subdirectories included) and asks for a debounced reload on any change.
 * One daemon thread ({@code watchfloor-rules-watch}) blocks on the {@link WatchService}; {@link #close} ends it.
 */
final class RulesDirectoryWatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RulesDirectoryWatch.class);

    private final Path dir;
    private final RuleReloader reloader;
    private final long debounceMs;
    private final WatchService watch;
    private final Thread thread;

    /** @throws IOException when the directory cannot be watched */
    RulesDirectoryWatch(Path dir, RuleReloader reloader, long debounceMs) throws IOException {
        this.dir = dir;
        this.reloader = reloader;
        this.debounceMs = debounceMs;
        this.watch = dir.getFileSystem().newWatchService();
        registerTree(dir);
        this.thread = new Thread(this::run, "watchfloor-rules-watch");
        thread.setDaemon(true);
        thread.start();
        LOG.info("Watching the rules directory. dir={} debounceMs={}", dir, debounceMs);
    }

    private void registerTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path d : (Iterable<Path>) walk.filter(Files::isDirectory)::iterator) {
                d.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
                        StandardWatchEventKinds.ENTRY_MODIFY);
            }
        }
    }

    private void run() {
        while (true) {
            final WatchKey key;
            try {
                key = watch.take();
            } catch (ClosedWatchServiceException | InterruptedException e) {
                return;
            }
            final Path parent = (Path) key.watchable();
            for (WatchEvent<?> event : key.pollEvents()) {
                if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && event.context() instanceof Path) {
                    final Path created = parent.resolve((Path) event.context());
                    if (Files.isDirectory(created)) {
                        try {
                            registerTree(created);
                        } catch (IOException | ClosedWatchServiceException e) {
                            LOG.warn("Cannot watch a new rules subdirectory. dir={} error={}", created, e.toString());
                        }
                    }
                }
            }
            key.reset();
            reloader.reloadLater("watch", debounceMs);
        }
    }

    @Override
    public void close() {
        try {
            watch.close();
        } catch (IOException e) {
            LOG.warn("Closing the rules watch failed. dir={} error={}", dir, e.toString());
        }
        thread.interrupt();
    }
}
