package io.watchfloor.coverage.inventory;

import java.util.Objects;

/**
 * What a source's events must contain beyond arriving on time; immutable.
 *
 * @param volume how many events per window it must keep sending ({@link VolumePolicy#OFF} by default)
 * @param degraded which event types it must keep sending and how many may fail to parse
 *     ({@link DegradedPolicy#OFF} by default)
 * @param sequenceField the field carrying the sender's sequence number ({@code SEQUENCE_GAP} findings), or null
 */
public record SourceContent(VolumePolicy volume, DegradedPolicy degraded, String sequenceField) {
    /** Nothing declared. */
    public static final SourceContent NONE = new SourceContent(VolumePolicy.OFF, DegradedPolicy.OFF, null);

    public SourceContent {
        Objects.requireNonNull(volume, "volume");
        Objects.requireNonNull(degraded, "degraded");
    }
}
