package io.watchfloor.coverage.tracker;

import io.watchfloor.coverage.inventory.Source;

/**
 * One source's state at a snapshot.
 *
 * @param lastSeenMs last receive time, epoch ms, or -1 when never seen
 * @param lastEventTimeMs the event time its last event carried, epoch ms, or -1 when none
 * @param events events attributed to it since the journal began
 * @param openGapId the id of its open gap, or null
 */
public record SourceCoverage(Source source, SourceState state, long lastSeenMs, long lastEventTimeMs, long events,
                             String openGapId) {
}
