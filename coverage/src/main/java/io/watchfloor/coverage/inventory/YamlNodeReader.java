package io.watchfloor.coverage.inventory;

import io.watchfloor.core.config.ConfigError;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Not thread-safe, one per validation pass: reads typed values out of a parsed YAML document and collects errors.
 *
 * <p>Each value is read at a YAML path like {@code sources[2].match.peers[0]} from SnakeYAML's maps, lists and
 * scalars; a value that is missing or wrong adds an error and reading goes on.
 */
final class YamlNodeReader {
    static final Pattern ID_PATTERN = Pattern.compile("[a-z0-9][a-z0-9._-]*");
    private static final String EXPECT_ID = "an id matching [a-z0-9][a-z0-9._-]*";
    static final String EXPECT_DURATION = "a positive duration like 30s, 5m, 1h, 2d";
    private static final String EXPECT_DATE = "a date like 2026-01-15";
    private static final String EXPECT_INSTANT = "an ISO-8601 date-time with an offset like \"2026-03-01T22:00:00Z\"";

    private final Path file;
    private final List<ConfigError> errors;

    /** @param errors where errors are added, in document order */
    YamlNodeReader(Path file, List<ConfigError> errors) {
        this.file = file;
        this.errors = errors;
    }

    /** @return errors collected so far; compare before and after reading a node to see whether it was valid */
    int errorCount() {
        return errors.size();
    }

    /** @return the node as a mapping, or null (reported) */
    Map<?, ?> mapping(Object node, String path, String expected) {
        if (node instanceof Map) {
            return (Map<?, ?>) node;
        }
        wrong(path, node, expected);
        return null;
    }

    /** @return the node as a mapping whose unknown keys are reported, or null (reported) when not a mapping */
    Map<?, ?> mapping(Object node, String path, String expected, List<String> knownKeys) {
        final Map<?, ?> m = mapping(node, path, expected);
        if (m != null) {
            unknownKeys(m, path, knownKeys);
        }
        return m;
    }

    /** @return the node as a list; empty when absent, or (reported) when not a list */
    List<?> list(Object node, String path, String expected) {
        if (node == null) {
            return List.of();
        }
        if (node instanceof List) {
            return (List<?>) node;
        }
        wrong(path, node, expected);
        return List.of();
    }

    /** @return what {@code parse} made of each item at {@code path[i]}, leaving out the nulls (invalid items) */
    <T> List<T> each(List<?> items, String path, BiFunction<Object, String, T> parse) {
        final List<T> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            final T item = parse.apply(items.get(i), path + "[" + i + "]");
            if (item != null) {
                out.add(item);
            }
        }
        return out;
    }

    /** Reports each key of {@code m} that is not in {@code known}. */
    private void unknownKeys(Map<?, ?> m, String path, List<String> known) {
        for (Object key : m.keySet()) {
            if (!(key instanceof String) || !known.contains(key)) {
                errors.add(new ConfigError(file, join(path, String.valueOf(key)),
                        "found an unknown key (expected: one of " + String.join(", ", known) + ")"));
            }
        }
    }

    /** @return the non-blank string at {@code key}, or null (reported when missing or not one) */
    String requiredString(Map<?, ?> m, String path, String key, String expected) {
        if (!m.containsKey(key)) {
            missing(join(path, key), expected);
            return null;
        }
        return string(m.get(key), join(path, key), expected);
    }

    /** @return the non-blank string at {@code key}, or null when absent or (reported) not one */
    String optionalString(Map<?, ?> m, String path, String key, String expected) {
        if (!m.containsKey(key)) {
            return null;
        }
        return string(m.get(key), join(path, key), expected);
    }

    /** @return the value as a non-blank string, or null (reported) */
    String string(Object v, String path, String expected) {
        if (v instanceof String && !((String) v).isBlank()) {
            return (String) v;
        }
        wrong(path, v, expected);
        return null;
    }

    /** @return the list's strings; a non-string entry is reported and kept as null; empty when absent */
    List<String> stringList(Map<?, ?> m, String path, String key, String expected) {
        if (!m.containsKey(key)) {
            return List.of();
        }
        final String listPath = join(path, key);
        final Object v = m.get(key);
        if (!(v instanceof List)) {
            wrong(listPath, v, "a list, each entry " + expected);
            return List.of();
        }
        final List<?> items = (List<?>) v;
        final List<String> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            final Object item = items.get(i);
            if (item instanceof String) {
                out.add((String) item);
            } else {
                wrong(listPath + "[" + i + "]", item, expected);
                out.add(null);
            }
        }
        return out;
    }

    /** Reports each non-null entry of a {@link #stringList} that is not {@code valid}, at {@code listPath[i]}. */
    void checkEach(List<String> items, String listPath, Predicate<String> valid, String expected) {
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) != null && !valid.test(items.get(i))) {
                wrong(listPath + "[" + i + "]", items.get(i), expected);
            }
        }
    }

    /** @return the constant {@code text} names, or null when text is null or (reported at {@code path}) no name */
    <T> T named(String text, String path, Function<String, T> ofId, String expected) {
        if (text == null) {
            return null;
        }
        final T value = ofId.apply(text);
        if (value == null) {
            wrong(path, text, expected);
        }
        return value;
    }

    /** @return the required id at {@code key "id"}, reported when malformed or already in {@code seen} */
    String uniqueId(Map<?, ?> m, String path, Set<String> seen, String what) {
        final String id = requiredString(m, path, "id", EXPECT_ID);
        if (id != null) {
            if (!ID_PATTERN.matcher(id).matches()) {
                wrong(path + ".id", id, EXPECT_ID);
            } else if (!seen.add(id)) {
                wrong(path + ".id", id, "an id not used by an earlier " + what);
            }
        }
        return id;
    }

    /** @return the duration at {@code key} in ms, {@code absentMs} when absent, or -1 (reported) when invalid */
    long optionalDurationMs(Map<?, ?> m, String path, String key, long absentMs) {
        final String text = optionalString(m, path, key, EXPECT_DURATION);
        if (text == null) {
            return absentMs;
        }
        final long ms = InventoryLoader.parseDurationMs(text);
        if (ms <= 0) {
            wrong(join(path, key), text, EXPECT_DURATION);
        }
        return ms;
    }

    /**
     * @return the required instant at {@code key}, epoch ms, or Long.MIN_VALUE (reported) when missing or invalid;
     *     an unquoted YAML timestamp arrives as a {@link Date} and is accepted
     */
    long instantMs(Map<?, ?> m, String path, String key) {
        if (!m.containsKey(key)) {
            missing(join(path, key), EXPECT_INSTANT);
            return Long.MIN_VALUE;
        }
        final Object v = m.get(key);
        if (v instanceof Date) {
            return ((Date) v).getTime();
        }
        if (v instanceof String) {
            try {
                return OffsetDateTime.parse((String) v).toInstant().toEpochMilli();
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        wrong(join(path, key), v, EXPECT_INSTANT);
        return Long.MIN_VALUE;
    }

    /**
     * @return the required day at {@code key}, or null (reported) when missing or not a date; an unquoted YAML
     *     date arrives as a {@link Date} at 00:00 UTC and is accepted
     */
    LocalDate date(Map<?, ?> m, String path, String key) {
        if (!m.containsKey(key)) {
            missing(join(path, key), EXPECT_DATE);
            return null;
        }
        final Object v = m.get(key);
        if (v instanceof Date) {
            final long ms = ((Date) v).getTime();
            if (Math.floorMod(ms, 86_400_000L) == 0) {
                return LocalDate.ofEpochDay(Math.floorDiv(ms, 86_400_000L));
            }
        } else if (v instanceof String && ((String) v).length() == 10) {
            try {
                return LocalDate.parse((String) v);
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        wrong(join(path, key), v, EXPECT_DATE);
        return null;
    }

    /** @return ms after midnight of the required {@code HH:MM} at {@code key}, or -1 (reported) */
    long timeOfDayMs(Map<?, ?> m, String path, String key, String expected) {
        final String text = requiredString(m, path, key, expected);
        final long ms = text == null ? -1 : InventoryLoader.parseTimeOfDayMs(text);
        if (text != null && ms < 0) {
            wrong(join(path, key), text, expected);
        }
        return ms;
    }

    /** Reports a missing value. */
    void missing(String path, String expected) {
        errors.add(new ConfigError(file, path, "missing (expected: " + expected + ")"));
    }

    /** Reports a wrong value, described briefly. */
    void wrong(String path, Object found, String expected) {
        errors.add(new ConfigError(file, path, "found " + describe(found) + " (expected: " + expected + ")"));
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static String describe(Object v) {
        if (v == null) {
            return "nothing";
        }
        if (v instanceof String) {
            final String s = (String) v;
            return s.isBlank() ? "an empty string" : "\"" + (s.length() > 80 ? s.substring(0, 80) + "…" : s) + "\"";
        }
        if (v instanceof Map) {
            return ((Map<?, ?>) v).isEmpty() ? "an empty mapping" : "a mapping";
        }
        if (v instanceof List) {
            return ((List<?>) v).isEmpty() ? "an empty list" : "a list";
        }
        if (v instanceof Number || v instanceof Boolean) {
            return v.getClass().getSimpleName().toLowerCase(Locale.ROOT) + " " + v;
        }
        return "a " + v.getClass().getSimpleName();
    }
}
