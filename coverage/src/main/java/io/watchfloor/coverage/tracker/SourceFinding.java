package io.watchfloor.coverage.tracker;

/**
 * One finding about a source's clocks or sequence numbers at a snapshot.
 *
 * @param kind what was found
 * @param count {@link FindingKind#FUTURE_TIMESTAMP}: events ahead since the journal began;
 *     {@link FindingKind#TZ_OFFSET_SUSPECTED}: lags of the window near the offset;
 *     {@link FindingKind#SEQUENCE_GAP}: sequence numbers missing since the journal began;
 *     {@link FindingKind#RETIRED_SOURCE_ACTIVE}: re-activations since its retirement
 * @param lastAtMs receive time of the last event that showed it, epoch ms
 * @param valueMs {@link FindingKind#FUTURE_TIMESTAMP}: the most any event was ahead, ms;
 *     {@link FindingKind#TZ_OFFSET_SUSPECTED}: the suspected offset (lag), a signed multiple of 30 minutes, ms;
 *     {@link FindingKind#SEQUENCE_GAP}: the number of holes (jumps) the missing numbers fell in (not ms);
 *     {@link FindingKind#RETIRED_SOURCE_ACTIVE}: when the current re-activation started, epoch ms
 */
public record SourceFinding(FindingKind kind, long count, long lastAtMs, long valueMs) {
}
