package io.watchfloor.coverage.inventory;

import java.util.List;
import java.util.Objects;

/**
 * One in-scope telemetry source declared in {@code inventory.yaml}; immutable and validated.
 *
 * @param index position in the inventory (0-based), the value stored in {@code Event.sourceIndex()}
 * @param id unique id matching {@code [a-z0-9][a-z0-9._-]*}
 * @param name human-readable name
 * @param category coverage category
 * @param match attribution criteria
 * @param logsource the Sigma log source it feeds, or null when not declared
 * @param maxSilenceMs how long it may stay silent before a gap opens, in milliseconds (&gt; 0)
 * @param criticality how much its silence matters ({@link Criticality#DEFAULT} when not declared)
 * @param owner the team answerable for it, or null
 * @param maxLagMs its lag objective (receive time − event time), in milliseconds, or {@link #NO_MAX_LAG}; most
 *     recent events lagging more make it DELAYED
 * @param cadence how its silence is judged; {@link Cadence#STATIC} holds it to {@code maxSilenceMs}, a learned or
 *     batch source's {@code maxSilenceMs} is its fallback (learned: the ceiling; batch: one day plus grace)
 * @param tags free labels ({@code tags: [dmz, linux]}) that maintenance windows may be scoped to; never null
 * @param content volume, required event types, parse failures and sequence field it is judged on
 * @param lifecycle onboarding, active or retired
 * @param retired when and why it was retired: set exactly when {@code lifecycle} is {@link Lifecycle#RETIRED}
 */
public record Source(int index, String id, String name, Category category, SourceMatch match,
                     LogSourceRef logsource, long maxSilenceMs, Criticality criticality, String owner,
                     long maxLagMs, Cadence cadence, List<String> tags, SourceContent content, Lifecycle lifecycle,
                     Retirement retired) {
    /** {@link #maxLagMs()} of a source without a lag objective. */
    public static final long NO_MAX_LAG = -1;

    /** A source without a lag objective (the first issue's fields). */
    public Source(int index, String id, String name, Category category, SourceMatch match, LogSourceRef logsource,
                  long maxSilenceMs, Criticality criticality, String owner) {
        this(index, id, name, category, match, logsource, maxSilenceMs, criticality, owner, NO_MAX_LAG);
    }

    /** A source held to its static {@code max_silence}. */
    public Source(int index, String id, String name, Category category, SourceMatch match, LogSourceRef logsource,
                  long maxSilenceMs, Criticality criticality, String owner, long maxLagMs) {
        this(index, id, name, category, match, logsource, maxSilenceMs, criticality, owner, maxLagMs,
                Cadence.STATIC);
    }

    /** A source without tags. */
    public Source(int index, String id, String name, Category category, SourceMatch match, LogSourceRef logsource,
                  long maxSilenceMs, Criticality criticality, String owner, long maxLagMs, Cadence cadence) {
        this(index, id, name, category, match, logsource, maxSilenceMs, criticality, owner, maxLagMs, cadence,
                List.of());
    }

    /** An active source judged on arrival only (no volume, content or sequence checks). */
    public Source(int index, String id, String name, Category category, SourceMatch match, LogSourceRef logsource,
                  long maxSilenceMs, Criticality criticality, String owner, long maxLagMs, Cadence cadence,
                  List<String> tags) {
        this(index, id, name, category, match, logsource, maxSilenceMs, criticality, owner, maxLagMs, cadence, tags,
                SourceContent.NONE);
    }

    /** An active source. */
    public Source(int index, String id, String name, Category category, SourceMatch match, LogSourceRef logsource,
                  long maxSilenceMs, Criticality criticality, String owner, long maxLagMs, Cadence cadence,
                  List<String> tags, SourceContent content) {
        this(index, id, name, category, match, logsource, maxSilenceMs, criticality, owner, maxLagMs, cadence, tags,
                content, Lifecycle.ACTIVE, null);
    }

    public Source {
        tags = List.copyOf(tags);
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(lifecycle, "lifecycle");
        if ((lifecycle == Lifecycle.RETIRED) != (retired != null)) {
            throw new IllegalArgumentException("retired : " + retired + " (expected: set exactly when lifecycle is "
                    + "retired, lifecycle=" + lifecycle.id() + ")");
        }
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(match, "match");
        Objects.requireNonNull(criticality, "criticality");
        Objects.requireNonNull(cadence, "cadence");
        if (maxSilenceMs <= 0) {
            throw new IllegalArgumentException("maxSilenceMs : " + maxSilenceMs + " (expected: > 0)");
        }
        if (maxLagMs <= 0 && maxLagMs != NO_MAX_LAG) {
            throw new IllegalArgumentException("maxLagMs : " + maxLagMs + " (expected: > 0 or NO_MAX_LAG)");
        }
    }

    /** @return this source at another position of the inventory */
    public Source withIndex(int newIndex) {
        return new Source(newIndex, id, name, category, match, logsource, maxSilenceMs, criticality, owner, maxLagMs,
                cadence, tags, content, lifecycle, retired);
    }

    /** @return this source retired: lifecycle retired with {@code retirement} */
    public Source retire(Retirement retirement) {
        return new Source(index, id, name, category, match, logsource, maxSilenceMs, criticality, owner, maxLagMs,
                cadence, tags, content, Lifecycle.RETIRED, retirement);
    }
}
