package io.watchfloor.coverage.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.coverage.TestEvents;
import io.watchfloor.core.event.Event;
import io.watchfloor.core.event.Listener;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class UnmanagedSendersTest {
    private static final long T0 = 1_700_000_000_000L;

    /** A JSON event from {@code host} whose raw bytes are {@code raw}. */
    private static Event event(String host, String raw, long receivedAtMs) {
        final Event e = new Event();
        final byte[] bytes = raw.getBytes(StandardCharsets.UTF_8);
        e.resetForData(Listener.HTTP, TestEvents.ip("192.0.2.9"), receivedAtMs, false, null);
        e.raw(bytes, 0, bytes.length);
        e.json().put("host.name", host);
        e.markJson();
        return e;
    }

    @Test
    void shouldKeepTheFirstMessageAsTheSampleWithFirstAndLastSeen() {
        final UnmanagedSenders u = new UnmanagedSenders(10);
        u.onEvent(event("stray-1", "{\"message\":\"first\"}", T0), T0);
        u.onEvent(event("stray-1", "{\"message\":\"second\"}", T0 + 5), T0 + 5);

        assertThat(u.senders()).containsExactly(
                new UnmanagedSender("stray-1", "192.0.2.9", 2, T0, T0 + 5, "{\"message\":\"first\"}"));
    }

    @Test
    void shouldBoundTheSampleWithoutCuttingACharacterInTwo() {
        // 255 ASCII bytes, then a 3-byte character across the 256-byte bound
        final String raw = "x".repeat(UnmanagedSender.MAX_SAMPLE_BYTES - 1) + "\u20ac" + "tail";
        final UnmanagedSenders u = new UnmanagedSenders(10);
        u.onEvent(event("stray-2", raw, T0), T0);

        final String sample = u.senders().get(0).sample();
        assertThat(sample).isEqualTo("x".repeat(UnmanagedSender.MAX_SAMPLE_BYTES - 1));
        assertThat(sample.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(UnmanagedSender.MAX_SAMPLE_BYTES);
    }

    @Test
    void shouldShowTheSampleInTheCoverageJson() {
        final CoverageTracker t = new CoverageTracker(new io.watchfloor.coverage.inventory.Inventory(java.util.List.of()),
                GapListener.NONE, CoverageTrackerConfig.DEFAULT, T0);
        t.onEvent(event("stray-3", "<13>1 - stray-3 app - - - hi", T0));
        t.onTick(T0 + 1);

        assertThat(t.latestSnapshot().coverageJson()).extracting("unmanaged").asList().singleElement()
                .satisfies(m -> assertThat((java.util.Map<String, Object>) m)
                        .containsEntry("sample", "<13>1 - stray-3 app - - - hi")
                        .containsEntry("first_seen", "2023-11-14T22:13:20Z")
                        .containsEntry("last_seen", "2023-11-14T22:13:20Z"));
    }
}
