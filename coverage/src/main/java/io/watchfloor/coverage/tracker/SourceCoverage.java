package io.watchfloor.coverage.tracker;

import io.watchfloor.coverage.inventory.Source;
import java.util.List;

/**
 * One source's state at a snapshot.
 *
 * @param lastSeenMs last receive time, epoch ms, or -1 when never seen
 * @param lastEventTimeMs the event time its last event carried, epoch ms, or -1 when none
 * @param events events attributed to it since the journal began
 * @param openGapId the id of its open {@code silent} or {@code never_seen} gap, or null
 * @param lag its lag over the last events that carried an event time
 * @param findings clock findings ({@code FUTURE_TIMESTAMP}, {@code TZ_OFFSET_SUSPECTED}); not gaps
 * @param openDelayedGapId the id of its open {@code delayed} gap, or null
 * @param heldBy EXCEPTED: the id of the exception in force; MAINTENANCE: the id of the window covering it; else null
 * @param heldUntilMs when {@code heldBy} ends (the expiry or the window's end), epoch ms, or -1
 * @param openVolumeGapId the id of its open {@code volume} gap, or null
 * @param openDegradedGapId the id of its open {@code degraded} gap, or null
 * @param content what its volume and content checks know ({@link ContentCoverage#NONE} without any)
 * @param sinceMs NEVER_SEEN or ONBOARDING: since when it is expected, i.e. when it was declared (the inventory load,
 *     or when the API added it), epoch ms; else -1
 */
public record SourceCoverage(Source source, SourceState state, long lastSeenMs, long lastEventTimeMs, long events,
                             String openGapId, LagStats lag, List<SourceFinding> findings, String openDelayedGapId,
                             String heldBy, long heldUntilMs, String openVolumeGapId, String openDegradedGapId,
                             ContentCoverage content, long sinceMs) {
    public SourceCoverage {
        findings = List.copyOf(findings);
        java.util.Objects.requireNonNull(content, "content");
    }

    /** A source without volume or content checks. */
    public SourceCoverage(Source source, SourceState state, long lastSeenMs, long lastEventTimeMs, long events,
                          String openGapId, LagStats lag, List<SourceFinding> findings, String openDelayedGapId,
                          String heldBy, long heldUntilMs) {
        this(source, state, lastSeenMs, lastEventTimeMs, events, openGapId, lag, findings, openDelayedGapId, heldBy,
                heldUntilMs, null, null, ContentCoverage.NONE);
    }

    /** A source with no {@code since} (not NEVER_SEEN or ONBOARDING). */
    public SourceCoverage(Source source, SourceState state, long lastSeenMs, long lastEventTimeMs, long events,
                          String openGapId, LagStats lag, List<SourceFinding> findings, String openDelayedGapId,
                          String heldBy, long heldUntilMs, String openVolumeGapId, String openDegradedGapId,
                          ContentCoverage content) {
        this(source, state, lastSeenMs, lastEventTimeMs, events, openGapId, lag, findings, openDelayedGapId, heldBy,
                heldUntilMs, openVolumeGapId, openDegradedGapId, content, -1);
    }

    /** A source no window or exception holds. */
    public SourceCoverage(Source source, SourceState state, long lastSeenMs, long lastEventTimeMs, long events,
                          String openGapId, LagStats lag, List<SourceFinding> findings, String openDelayedGapId) {
        this(source, state, lastSeenMs, lastEventTimeMs, events, openGapId, lag, findings, openDelayedGapId, null, -1);
    }

    /** The first issue's fields: no lag samples, no findings, no delayed gap. */
    public SourceCoverage(Source source, SourceState state, long lastSeenMs, long lastEventTimeMs, long events,
                          String openGapId) {
        this(source, state, lastSeenMs, lastEventTimeMs, events, openGapId, LagStats.EMPTY, List.of(), null);
    }

    /** @return the finding of this kind, or null */
    public SourceFinding finding(FindingKind kind) {
        for (SourceFinding f : findings) {
            if (f.kind() == kind) {
                return f;
            }
        }
        return null;
    }
}
