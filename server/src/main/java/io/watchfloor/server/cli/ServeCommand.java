package io.watchfloor.server.cli;

import io.watchfloor.core.time.WallClock;
import io.watchfloor.server.wiring.Validation;
import io.watchfloor.server.wiring.Watchfloor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code watchfloor serve}: validates, then runs listeners, ring, journal, detection and coverage until stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Validate the configuration, then serve until interrupted (Ctrl-C).")
final class ServeCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data",
            description = "Where the journals and alerts.jsonl live (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Override
    public Integer call() throws Exception {
        final Validation v = Validation.run(config.resolve());
        v.errors().forEach(e -> System.err.println("error: " + e));
        v.ruleRejections().forEach(r -> System.err.println("error: " + r));
        if (!v.ok()) {
            // the same verdict as `validate`: a rule that cannot run is a blind spot the SOC must hear about
            System.err.println("not starting: " + v.errors().size() + " configuration error(s), "
                    + v.ruleRejections().size() + " rejected rule(s)");
            return Main.EXIT_CONFIG;
        }
        final Watchfloor w = new Watchfloor(v, dataDir, WallClock.SYSTEM);
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            w.close();
            stopped.countDown();
        }, "watchfloor-shutdown"));
        try {
            w.start();
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            // e.g. a port already taken: say what, not a stack trace
            System.err.println("error: " + e.getMessage());
            return 1;
        }
        stopped.await();
        return 0;
    }
}
