package io.watchfloor.coverage.inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Not thread-safe, one per validation pass: reads a source's {@code volume}, {@code required}, {@code degraded} and
 * {@code sequence_field}.
 *
 * <p>Volume is off unless declared ({@code volume: on}, or a mapping with {@code window} and {@code consecutive});
 * {@code required: learn} learns the values of {@code event.code}.
 */
final class SourceContentParser {
    /** Field named by the {@code required: learn} shorthand. */
    static final String LEARN_FIELD_DEFAULT = "event.code";
    private static final Pattern FIELD_PATTERN = Pattern.compile("[A-Za-z0-9_@][A-Za-z0-9_@.-]{0,127}");
    private static final String EXPECT_FIELD = "a field name like event.code, log.syslog.msgid or meta.sequenceId";
    private static final String EXPECT_WINDOW = "a window from 1m to 1d that divides a day, like 15m or 1h";
    private static final String EXPECT_CONSECUTIVE = "a whole number of windows from 1 to "
            + VolumePolicy.CONSECUTIVE_MAX;
    private static final String EXPECT_VOLUME = "off, on, or a mapping with window and consecutive";
    private static final String EXPECT_REQUIRED = "learn, or a list of {field, values} where values is a list or learn";
    private static final String EXPECT_VALUE = "a string or number";
    private static final String EXPECT_RATE = "a number above 0 and at most 1, like 0.2";
    private static final List<String> VOLUME_KEYS = List.of("window", "consecutive");
    private static final List<String> REQUIRED_KEYS = List.of("field", "values");
    private static final List<String> DEGRADED_KEYS =
            List.of("window", "consecutive", "max_parse_failure_rate", "learn_windows");

    private final YamlNodeReader reader;

    SourceContentParser(YamlNodeReader reader) {
        this.reader = reader;
    }

    /** @return what the source mapping {@code m} at {@code path} declares; errors are reported, not returned */
    SourceContent parse(Map<?, ?> m, String path) {
        final int before = reader.errorCount();
        final VolumePolicy volume = volume(m.get("volume"), m.containsKey("volume"), path + ".volume");
        final List<RequiredField> required = required(m.get("required"), m.containsKey("required"),
                path + ".required");
        final DegradedPolicy degraded = degraded(m, path, required);
        String sequenceField = null;
        if (m.containsKey("sequence_field")) {
            sequenceField = field(m.get("sequence_field"), path + ".sequence_field");
        }
        return reader.errorCount() == before ? new SourceContent(volume, degraded, sequenceField) : SourceContent.NONE;
    }

    private VolumePolicy volume(Object node, boolean present, String path) {
        if (!present || Boolean.FALSE.equals(node) || "off".equals(node)) {
            return VolumePolicy.OFF;
        }
        if (Boolean.TRUE.equals(node) || "on".equals(node)) {
            return VolumePolicy.DEFAULT;
        }
        if (!(node instanceof Map)) {
            reader.wrong(path, node, EXPECT_VOLUME);
            return VolumePolicy.OFF;
        }
        final Map<?, ?> v = reader.mapping(node, path, EXPECT_VOLUME, VOLUME_KEYS);
        final long windowMs = window(v, path, VolumePolicy.WINDOW_MS_DEFAULT);
        final int consecutive = count(v, path, "consecutive", VolumePolicy.CONSECUTIVE_DEFAULT, 1,
                VolumePolicy.CONSECUTIVE_MAX, EXPECT_CONSECUTIVE);
        return windowMs > 0 && consecutive > 0 ? new VolumePolicy(windowMs, consecutive) : VolumePolicy.OFF;
    }

    private List<RequiredField> required(Object node, boolean present, String path) {
        if (!present) {
            return List.of();
        }
        if ("learn".equals(node)) {
            return List.of(RequiredField.learned(LEARN_FIELD_DEFAULT));
        }
        if (!(node instanceof List) || ((List<?>) node).isEmpty()) {
            reader.wrong(path, node, EXPECT_REQUIRED);
            return List.of();
        }
        final List<RequiredField> out = reader.each((List<?>) node, path, this::requiredField);
        int values = 0;
        for (RequiredField f : out) {
            values += f.values().size();
        }
        if (values > DegradedPolicy.MAX_VALUES) {
            reader.wrong(path, node, "at most " + DegradedPolicy.MAX_VALUES + " values over all fields, found "
                    + values);
            return List.of();
        }
        return out;
    }

    private RequiredField requiredField(Object node, String path) {
        final Map<?, ?> m = reader.mapping(node, path, "a mapping with field and values", REQUIRED_KEYS);
        if (m == null) {
            return null;
        }
        final int before = reader.errorCount();
        final String field = m.containsKey("field") ? field(m.get("field"), path + ".field") : null;
        if (!m.containsKey("field")) {
            reader.missing(path + ".field", EXPECT_FIELD);
        }
        final String valuesPath = path + ".values";
        final Object values = m.get("values");
        if (!m.containsKey("values")) {
            reader.missing(valuesPath, "a list of values, or learn");
            return null;
        }
        if ("learn".equals(values)) {
            return reader.errorCount() == before ? RequiredField.learned(field) : null;
        }
        if (!(values instanceof List) || ((List<?>) values).isEmpty()) {
            reader.wrong(valuesPath, values, "a non-empty list of values, or learn");
            return null;
        }
        final List<?> items = (List<?>) values;
        final List<String> out = new ArrayList<>(items.size());
        for (int k = 0; k < items.size(); k++) {
            final Object item = items.get(k);
            if (item instanceof String && !((String) item).isEmpty()) {
                out.add((String) item);
            } else if (item instanceof Integer || item instanceof Long) {
                out.add(item.toString());
            } else {
                reader.wrong(valuesPath + "[" + k + "]", item, EXPECT_VALUE);
            }
        }
        return reader.errorCount() == before ? new RequiredField(field, out, false) : null;
    }

    private DegradedPolicy degraded(Map<?, ?> m, String path, List<RequiredField> required) {
        final String degradedPath = path + ".degraded";
        if (!m.containsKey("degraded")) {
            return required.isEmpty() ? DegradedPolicy.OFF : new DegradedPolicy(required,
                    DegradedPolicy.WINDOW_MS_DEFAULT, DegradedPolicy.CONSECUTIVE_DEFAULT, -1,
                    DegradedPolicy.LEARN_WINDOWS_DEFAULT);
        }
        final Map<?, ?> d = reader.mapping(m.get("degraded"), degradedPath,
                "a mapping with window, consecutive, max_parse_failure_rate, learn_windows", DEGRADED_KEYS);
        if (d == null) {
            return DegradedPolicy.OFF;
        }
        final int before = reader.errorCount();
        final long windowMs = window(d, degradedPath, DegradedPolicy.WINDOW_MS_DEFAULT);
        final int consecutive = count(d, degradedPath, "consecutive", DegradedPolicy.CONSECUTIVE_DEFAULT, 1,
                VolumePolicy.CONSECUTIVE_MAX, EXPECT_CONSECUTIVE);
        final int learnWindows = count(d, degradedPath, "learn_windows", DegradedPolicy.LEARN_WINDOWS_DEFAULT, 1,
                10_000, "a whole number of windows from 1 to 10000");
        double rate = -1;
        if (d.containsKey("max_parse_failure_rate")) {
            final Object r = d.get("max_parse_failure_rate");
            if (r instanceof Number && ((Number) r).doubleValue() > 0 && ((Number) r).doubleValue() <= 1) {
                rate = ((Number) r).doubleValue();
            } else {
                reader.wrong(degradedPath + ".max_parse_failure_rate", r, EXPECT_RATE);
            }
        }
        if (rate < 0 && required.isEmpty() && reader.errorCount() == before) {
            reader.wrong(degradedPath, d, "max_parse_failure_rate, or required event types on the source to judge");
        }
        return reader.errorCount() == before
                ? new DegradedPolicy(required, windowMs, consecutive, rate, learnWindows) : DegradedPolicy.OFF;
    }

    private String field(Object node, String path) {
        if (node instanceof String && FIELD_PATTERN.matcher((String) node).matches()) {
            return (String) node;
        }
        reader.wrong(path, node, EXPECT_FIELD);
        return null;
    }

    private long window(Map<?, ?> m, String path, long absentMs) {
        if (m == null || !m.containsKey("window")) {
            return absentMs;
        }
        final Object v = m.get("window");
        final long ms = v instanceof String ? InventoryLoader.parseDurationMs((String) v) : -1;
        if (!VolumePolicy.isValidWindowMs(ms)) {
            reader.wrong(path + ".window", v, EXPECT_WINDOW);
            return -1;
        }
        return ms;
    }

    private int count(Map<?, ?> m, String path, String key, int absent, int min, int max, String expected) {
        if (m == null || !m.containsKey(key)) {
            return absent;
        }
        final Object v = m.get(key);
        if (v instanceof Integer && (Integer) v >= min && (Integer) v <= max) {
            return (Integer) v;
        }
        reader.wrong(path + "." + key, v, expected);
        return -1;
    }
}
