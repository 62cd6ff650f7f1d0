package io.watchfloor.server.cli;

import io.watchfloor.coverage.inventory.InventoryLoader;
import io.watchfloor.server.config.ConfigLoader;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/** The {@code --at} and {@code --tick} options of the replay commands. */
final class TimelineOptions {
    /** Shortest tick: as {@code coverage.tick_interval_ms}. */
    static final long MIN_TICK_MS = 10;
    /** Longest tick: as {@code coverage.tick_interval_ms}. */
    static final long MAX_TICK_MS = 3_600_000;
    /** Most {@code --at} times. */
    static final int MAX_AT = 10_000;

    @Option(names = "--at", paramLabel = "ISO-8601",
            description = "Also print the coverage map as of this time (the last tick at or before it); repeatable. "
                    + "A time past the last event extends the replay to it.")
    List<String> at = new ArrayList<>();

    @Option(names = "--tick", paramLabel = "DURATION",
            description = "Time between two ticks: 500ms, 1s, 1m, 1h (from 10ms to 1h, as coverage.tick_interval_ms).")
    String tick;

    /**
     * @return the {@code --at} times, ascending, epoch ms
     * @throws IllegalArgumentException naming the bad value
     */
    List<Long> atMs() {
        if (at.size() > MAX_AT) {
            throw new IllegalArgumentException("--at given " + at.size() + " times (expected: at most " + MAX_AT + ")");
        }
        final List<Long> out = new ArrayList<>(at.size());
        for (String text : at) {
            final long ms = ReplayLineParser.instantMs(text);
            if (ms == Long.MIN_VALUE) {
                throw new IllegalArgumentException("--at " + text + " (expected: ISO-8601 like 2026-12-03T10:00:00Z)");
            }
            out.add(ms);
        }
        out.sort(null);
        return out;
    }

    /**
     * @param defaultMs the tick when {@code --tick} is not given
     * @return the tick interval, ms
     * @throws IllegalArgumentException naming the bad value
     */
    long tickMs(long defaultMs) {
        if (tick == null) {
            return defaultMs;
        }
        final long ms = tick.endsWith("ms") ? millis(tick.substring(0, tick.length() - 2))
                : InventoryLoader.parseDurationMs(tick);
        if (ms < MIN_TICK_MS || ms > MAX_TICK_MS) {
            throw new IllegalArgumentException("--tick " + tick + " (expected: a duration from 10ms to 1h, like 1s or 5m)");
        }
        return ms;
    }

    /** The live server's tick: {@code coverage.tick_interval_ms} at its default. */
    static long defaultTickMs() {
        return ConfigLoader.TICK_INTERVAL_MS_DEFAULT;
    }

    private static long millis(String digits) {
        if (digits.isEmpty() || digits.length() > 9 || !digits.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        return Long.parseLong(digits);
    }
}
