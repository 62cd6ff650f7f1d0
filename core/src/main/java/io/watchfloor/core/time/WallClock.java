package io.watchfloor.core.time;

/** Milliseconds since the epoch; injected so tests drive time instead of sleeping. Thread-safe. */
@FunctionalInterface
public interface WallClock {
    /** The system clock. */
    WallClock SYSTEM = System::currentTimeMillis;

    /** @return now, in milliseconds since the epoch */
    long nowMs();
}
