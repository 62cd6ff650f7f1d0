package io.watchfloor.coverage.inventory;

import java.util.List;
import java.util.Map;

/**
 * Not thread-safe, one per validation pass: reads a source's {@code cadence} and {@code schedule}.
 *
 * <p>Static needs max_silence, learned and batch exclude it, batch needs a schedule and only batch takes one.
 * Without {@code cadence}: static with max_silence, else learned.
 */
final class CadenceParser {
    private static final String EXPECT_CADENCE = "one of static, learned, batch";
    private static final String EXPECT_DAILY_AT = "a UTC time of day like \"02:30\"";
    private static final String EXPECT_GRACE = "a duration below 12h like 2h";
    private static final List<String> SCHEDULE_KEYS = List.of("daily_at", "grace");

    private final YamlNodeReader reader;

    CadenceParser(YamlNodeReader reader) {
        this.reader = reader;
    }

    /** @return the cadence of the source mapping {@code m} at {@code path}, or null (reported) when invalid */
    Cadence parse(Map<?, ?> m, String path) {
        final boolean hasMaxSilence = m.containsKey("max_silence");
        final int before = reader.errorCount();
        CadenceType type = hasMaxSilence ? CadenceType.STATIC : CadenceType.LEARNED;
        final String text = reader.optionalString(m, path, "cadence", EXPECT_CADENCE);
        if (text != null) {
            type = reader.named(text, path + ".cadence", CadenceType::ofId, EXPECT_CADENCE);
            if (type == null) {
                return null;
            }
        }
        if (type == CadenceType.STATIC && !hasMaxSilence) {
            reader.missing(path + ".max_silence", YamlNodeReader.EXPECT_DURATION + ", required by cadence static");
        } else if (type != CadenceType.STATIC && hasMaxSilence) {
            reader.wrong(path + ".max_silence", m.get("max_silence"), "no max_silence with cadence " + type.id()
                    + " (max_silence means cadence static)");
        }
        if (type != CadenceType.BATCH) {
            if (m.containsKey("schedule")) {
                reader.wrong(path + ".schedule", m.get("schedule"), "no schedule unless cadence is batch");
            }
            return reader.errorCount() == before ? (type == CadenceType.STATIC ? Cadence.STATIC : Cadence.LEARNED)
                    : null;
        }
        return batch(m, path, before);
    }

    private Cadence batch(Map<?, ?> m, String path, int before) {
        final String schedulePath = path + ".schedule";
        if (!m.containsKey("schedule")) {
            reader.missing(schedulePath, "a mapping with daily_at and grace, required by cadence batch");
            return null;
        }
        final Map<?, ?> schedule = reader.mapping(m.get("schedule"), schedulePath, "a mapping with daily_at and grace",
                SCHEDULE_KEYS);
        if (schedule == null) {
            return null;
        }
        final long atMs = reader.timeOfDayMs(schedule, schedulePath, "daily_at", EXPECT_DAILY_AT);
        final String graceText = reader.requiredString(schedule, schedulePath, "grace", EXPECT_GRACE);
        final long graceMs = graceText == null ? -1 : InventoryLoader.parseDurationMs(graceText);
        if (graceText != null && (graceMs <= 0 || graceMs >= Cadence.DAY_MS / 2)) {
            reader.wrong(schedulePath + ".grace", graceText, EXPECT_GRACE);
        }
        return reader.errorCount() == before ? Cadence.batch(atMs, graceMs) : null;
    }
}
