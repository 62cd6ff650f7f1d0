package io.watchfloor.coverage.inventory;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Not thread-safe, one per validation pass: reads the entries of {@code maintenance_windows}.
 *
 * <p>Each has an id, exactly one scope key (source, tag, category), then start/end (one-off) or
 * days/from/to/timezone (weekly).
 */
final class MaintenanceWindowParser {
    private static final String EXPECT_CLOCK = "a quoted time of day like \"02:30\"";
    private static final String EXPECT_TIMEZONE = "UTC or an offset like \"+02:00\"";
    private static final String EXPECT_DAY = "one of " + String.join(", ", MaintenanceWindow.DAY_NAMES);
    private static final String EXPECT_SCOPE = "exactly one of source, tag, category";
    private static final String EXPECT_SOURCE_ID = "a source id of this inventory";
    private static final String EXPECT_USED_TAG = "a tag used by a source";
    private static final String EXPECT_DAYS = "a non-empty list, each entry " + EXPECT_DAY;
    private static final List<String> WINDOW_KEYS =
            List.of("id", "description", "source", "tag", "category", "start", "end", "days", "from", "to", "timezone");
    private static final Pattern OFFSET_PATTERN = Pattern.compile("[+-](0\\d|1[0-4]):[0-5]\\d");

    private final YamlNodeReader reader;
    private final List<Source> sources;
    private final Set<String> sourceIds;
    private final Set<String> windowIds = new HashSet<>();

    /** @param sources the valid sources; @param sourceIds every source id declared */
    MaintenanceWindowParser(YamlNodeReader reader, List<Source> sources, Set<String> sourceIds) {
        this.reader = reader;
        this.sources = sources;
        this.sourceIds = sourceIds;
    }

    /** @return the window at {@code path}, or null (reported) */
    MaintenanceWindow parse(Object node, String path) {
        final int before = reader.errorCount();
        final Map<?, ?> m = reader.mapping(node, path, "a mapping describing a maintenance window", WINDOW_KEYS);
        if (m == null) {
            return null;
        }
        final String id = reader.uniqueId(m, path, windowIds, "window");
        reader.optionalString(m, path, "description", "a description");
        final SourceScope scope = scope(m, path);
        final boolean oneOff = m.containsKey("start") || m.containsKey("end");
        final boolean weekly = m.containsKey("days") || m.containsKey("from") || m.containsKey("to")
                || m.containsKey("timezone");
        if (oneOff && weekly) {
            reader.wrong(path, m, "either start and end (one-off) or days, from and to (weekly), not both");
            return null;
        }
        if (!weekly) {
            final long start = reader.instantMs(m, path, "start");
            final long end = reader.instantMs(m, path, "end");
            if (start != Long.MIN_VALUE && end != Long.MIN_VALUE && end <= start) {
                reader.wrong(path + ".end", m.get("end"), "a time after start");
            }
            return reader.errorCount() == before ? MaintenanceWindow.oneOff(id, scope, start, end) : null;
        }
        final int daysMask = days(m, path);
        final long fromMs = reader.timeOfDayMs(m, path, "from", EXPECT_CLOCK);
        final long toMs = reader.timeOfDayMs(m, path, "to", EXPECT_CLOCK);
        if (fromMs >= 0 && fromMs == toMs) {
            reader.wrong(path + ".to", m.get("to"), "a time of day other than from");
        }
        final long offsetMs = offsetMs(m, path);
        return reader.errorCount() == before ? MaintenanceWindow.weekly(id, scope, daysMask, fromMs, toMs, offsetMs)
                : null;
    }

    /** @return the bit mask of {@code days} (bit k for {@code DAY_NAMES[k]}), reporting unknown and repeated days */
    private int days(Map<?, ?> m, String path) {
        int daysMask = 0;
        if (!m.containsKey("days")) {
            reader.missing(path + ".days", EXPECT_DAYS);
        } else if (!(m.get("days") instanceof List) || ((List<?>) m.get("days")).isEmpty()) {
            reader.wrong(path + ".days", m.get("days"), EXPECT_DAYS);
        } else {
            final List<?> days = (List<?>) m.get("days");
            for (int i = 0; i < days.size(); i++) {
                final int bit = days.get(i) instanceof String ? MaintenanceWindow.DAY_NAMES.indexOf(days.get(i)) : -1;
                if (bit < 0) {
                    reader.wrong(path + ".days[" + i + "]", days.get(i), EXPECT_DAY);
                } else if ((daysMask & (1 << bit)) != 0) {
                    reader.wrong(path + ".days[" + i + "]", days.get(i), "a day not listed before");
                } else {
                    daysMask |= 1 << bit;
                }
            }
        }
        return daysMask;
    }

    /** @return the {@code timezone} offset from UTC in ms; 0 when absent, UTC or (reported) invalid */
    private long offsetMs(Map<?, ?> m, String path) {
        final String tz = reader.optionalString(m, path, "timezone", EXPECT_TIMEZONE);
        if (tz == null || tz.equals("UTC")) {
            return 0;
        }
        if (!OFFSET_PATTERN.matcher(tz).matches()) {
            reader.wrong(path + ".timezone", tz, EXPECT_TIMEZONE);
            return 0;
        }
        final long h = Long.parseLong(tz.substring(1, 3));
        final long min = Long.parseLong(tz.substring(4, 6));
        return (tz.charAt(0) == '-' ? -1 : 1) * (h * 60 + min) * 60_000L;
    }

    private SourceScope scope(Map<?, ?> m, String path) {
        int keys = 0;
        for (SourceScope.Kind k : SourceScope.Kind.values()) {
            keys += m.containsKey(k.id()) ? 1 : 0;
        }
        if (keys != 1) {
            if (keys == 0) {
                reader.missing(path + ".source", EXPECT_SCOPE);
            } else {
                reader.wrong(path, m, EXPECT_SCOPE);
            }
            return null;
        }
        if (m.containsKey("source")) {
            final String id = reader.string(m.get("source"), path + ".source", EXPECT_SOURCE_ID);
            if (id != null && !sourceIds.contains(id)) {
                reader.wrong(path + ".source", id, EXPECT_SOURCE_ID);
            }
            return id == null ? null : new SourceScope(SourceScope.Kind.SOURCE, id);
        }
        if (m.containsKey("tag")) {
            final String tag = reader.string(m.get("tag"), path + ".tag", EXPECT_USED_TAG);
            boolean used = false;
            for (Source s : sources) {
                used |= tag != null && s.tags().contains(tag);
            }
            if (tag != null && !used) {
                reader.wrong(path + ".tag", tag, EXPECT_USED_TAG);
            }
            return tag == null ? null : new SourceScope(SourceScope.Kind.TAG, tag);
        }
        final String cat = reader.string(m.get("category"), path + ".category", SourceParser.EXPECT_CATEGORY);
        reader.named(cat, path + ".category", Category::ofId, SourceParser.EXPECT_CATEGORY);
        return cat == null ? null : new SourceScope(SourceScope.Kind.CATEGORY, cat);
    }
}
