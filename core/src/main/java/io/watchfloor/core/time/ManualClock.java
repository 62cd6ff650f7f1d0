package io.watchfloor.core.time;

import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves only when told to; for tests and deterministic replays. Thread-safe. */
public final class ManualClock implements WallClock {
    private final AtomicLong nowMs;

    public ManualClock(long startMs) {
        this.nowMs = new AtomicLong(startMs);
    }

    @Override
    public long nowMs() {
        return nowMs.get();
    }

    /** Sets the time. */
    public void set(long ms) {
        nowMs.set(ms);
    }

    /** Moves the time forward by {@code deltaMs}. @return the new time */
    public long advance(long deltaMs) {
        return nowMs.addAndGet(deltaMs);
    }
}
