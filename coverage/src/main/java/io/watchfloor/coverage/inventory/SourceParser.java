package io.watchfloor.coverage.inventory;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Not thread-safe, one per validation pass: reads the entries of {@code sources}.
 *
 * <p>Gives each valid source the next index and remembers the ids used.
 */
final class SourceParser {
    static final String EXPECT_CATEGORY = "one of identity, endpoint, network, cloud, application";
    private static final String EXPECT_CRITICALITY = "one of low, medium, high, critical";
    private static final String EXPECT_TAG = "a tag matching [a-z0-9][a-z0-9._-]*";
    private static final String EXPECT_LIFECYCLE = "one of onboarding, active, retired";
    private static final String EXPECT_RETIRED = "a mapping with date and reason, required by lifecycle retired";
    private static final String EXPECT_REASON = "why it was retired, 1.." + Retirement.MAX_REASON_LENGTH
            + " characters";
    private static final List<String> SOURCE_KEYS =
            List.of("id", "name", "category", "match", "logsource", "max_silence", "criticality", "owner",
                    "max_lag", "cadence", "schedule", "tags", "volume", "required", "degraded", "sequence_field",
                    "lifecycle", "retired");
    private static final List<String> RETIRED_KEYS = List.of("date", "reason");

    private final YamlNodeReader reader;
    private final SourceMatchParser matches;
    private final CadenceParser cadences;
    private final SourceContentParser contents;
    /** Ids of the sources read so far, valid or not. */
    private final Set<String> ids = new HashSet<>();
    private int accepted;

    SourceParser(YamlNodeReader reader) {
        this.reader = reader;
        this.matches = new SourceMatchParser(reader);
        this.cadences = new CadenceParser(reader);
        this.contents = new SourceContentParser(reader);
    }

    /** @return the source at {@code path}, indexed after the valid ones before it, or null (reported) */
    Source parse(Object node, String path) {
        final Source s = parse(node, path, accepted);
        if (s != null) {
            accepted++;
        }
        return s;
    }

    /** @return the source at {@code path} with position {@code index}, or null (reported) */
    Source parse(Object node, String path, int index) {
        final int errorsBefore = reader.errorCount();
        final Map<?, ?> m = reader.mapping(node, path, "a mapping describing a source", SOURCE_KEYS);
        if (m == null) {
            return null;
        }
        final String id = reader.uniqueId(m, path, ids, "source");
        final String name = reader.requiredString(m, path, "name", "a human-readable name");
        final Category category = reader.named(reader.requiredString(m, path, "category", EXPECT_CATEGORY),
                path + ".category", Category::ofId, EXPECT_CATEGORY);
        final SourceMatch match = matches.match(m, path);
        final LogSourceRef logsource = matches.logsource(m, path);
        long maxSilenceMs = reader.optionalDurationMs(m, path, "max_silence", -1);
        final Cadence cadence = cadences.parse(m, path);
        if (cadence != null && cadence.type() == CadenceType.LEARNED) {
            maxSilenceMs = Cadence.LEARNED_CEILING_MS_DEFAULT;
        } else if (cadence != null && cadence.type() == CadenceType.BATCH) {
            maxSilenceMs = Cadence.DAY_MS + cadence.graceMs();
        }
        final String criticalityText = reader.optionalString(m, path, "criticality", EXPECT_CRITICALITY);
        final Criticality criticality = criticalityText == null ? Criticality.DEFAULT
                : reader.named(criticalityText, path + ".criticality", Criticality::ofId, EXPECT_CRITICALITY);
        final String owner = reader.optionalString(m, path, "owner", "a team name");
        final long maxLagMs = reader.optionalDurationMs(m, path, "max_lag", Source.NO_MAX_LAG);
        final List<String> tags = reader.stringList(m, path, "tags", EXPECT_TAG);
        reader.checkEach(tags, path + ".tags", tag -> YamlNodeReader.ID_PATTERN.matcher(tag).matches(), EXPECT_TAG);
        final SourceContent content = contents.parse(m, path);
        final String lifecycleText = reader.optionalString(m, path, "lifecycle", EXPECT_LIFECYCLE);
        final Lifecycle lifecycle = lifecycleText == null ? Lifecycle.DEFAULT
                : reader.named(lifecycleText, path + ".lifecycle", Lifecycle::ofId, EXPECT_LIFECYCLE);
        final Retirement retired = retirement(m, path, lifecycle);
        if (reader.errorCount() != errorsBefore) {
            return null;
        }
        return new Source(index, id, name, category, match, logsource, maxSilenceMs, criticality, owner,
                maxLagMs, cadence, tags, content, lifecycle, retired);
    }

    /** @return the {@code retired} mapping, required exactly by lifecycle retired, or null (reported if wrong) */
    private Retirement retirement(Map<?, ?> m, String path, Lifecycle lifecycle) {
        final String retiredPath = path + ".retired";
        if (lifecycle != Lifecycle.RETIRED) {
            if (m.containsKey("retired")) {
                reader.wrong(retiredPath, m.get("retired"), "no retired unless lifecycle is retired");
            }
            return null;
        }
        if (!m.containsKey("retired")) {
            reader.missing(retiredPath, EXPECT_RETIRED);
            return null;
        }
        final Map<?, ?> r = reader.mapping(m.get("retired"), retiredPath, EXPECT_RETIRED, RETIRED_KEYS);
        if (r == null) {
            return null;
        }
        final LocalDate date = reader.date(r, retiredPath, "date");
        final String reason = reader.requiredString(r, retiredPath, "reason", EXPECT_REASON);
        if (reason != null && reason.length() > Retirement.MAX_REASON_LENGTH) {
            reader.wrong(retiredPath + ".reason", reason, EXPECT_REASON);
            return null;
        }
        return date == null || reason == null ? null : new Retirement(date, reason);
    }

    /** @return the ids of the sources read so far */
    Set<String> ids() {
        return ids;
    }
}
