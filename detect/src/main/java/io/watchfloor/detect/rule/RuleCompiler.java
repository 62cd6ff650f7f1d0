package io.watchfloor.detect.rule;

import io.watchfloor.detect.match.Condition;
import io.watchfloor.detect.match.ConditionParser;
import io.watchfloor.detect.match.FieldRegistry;
import io.watchfloor.detect.match.InvalidDetectionException;
import io.watchfloor.detect.match.Selection;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns one parsed Sigma YAML document into a {@link CompiledRule}, or explains why it cannot. */
final class RuleCompiler {
    private static final Set<String> LEVELS = Set.of("informational", "low", "medium", "high", "critical");
    private static final Set<String> SKIPPED_STATUSES = Set.of("deprecated", "unsupported");
    private static final int MAX_TITLE_CHARS = 256;

    private final SelectionCompiler selections;

    RuleCompiler(FieldRegistry fields, Map<String, List<String>> placeholders) {
        this.selections = new SelectionCompiler(fields, placeholders);
    }

    /** @return the document's {@code id} if it is a string, else null; for naming rejections */
    static String idOf(Map<?, ?> doc) {
        final Object id = doc.get("id");
        return id instanceof String ? (String) id : null;
    }

    CompiledRule compile(Map<?, ?> doc, Path file, String fallbackId) throws InvalidDetectionException {
        if (doc.containsKey("action")) {
            throw new InvalidDetectionException("legacy_action", "legacy multi-document 'action' rules are not supported");
        }
        final RuleMetadata meta = metadata(doc, fallbackId);
        final LogSource logSource = logSource(doc.get("logsource"));
        final Object detectionValue = doc.get("detection");
        if (detectionValue == null) {
            throw new InvalidDetectionException("missing_field", "missing 'detection'");
        }
        if (!(detectionValue instanceof Map)) {
            throw new InvalidDetectionException("field_invalid", "'detection' must be a map");
        }
        final Map<?, ?> detection = (Map<?, ?>) detectionValue;
        if (detection.containsKey("timeframe")) {
            throw new InvalidDetectionException("legacy_aggregation", "legacy 'timeframe' in detection is not supported (use a correlation)");
        }
        final List<String> conditions = conditions(detection.get("condition"));
        final List<String> names = new ArrayList<>();
        final List<Selection> compiled = new ArrayList<>();
        for (Map.Entry<?, ?> e : detection.entrySet()) {
            final String name = String.valueOf(e.getKey());
            if (name.equals("condition")) {
                continue;
            }
            names.add(name);
            compiled.add(selections.compile(name, e.getValue()));
        }
        if (compiled.isEmpty()) {
            throw new InvalidDetectionException("field_invalid", "'detection' has no search identifiers");
        }
        final Condition condition = ConditionParser.parse(conditions, names);
        return new CompiledRule(meta, logSource, file, compiled, condition, suppression(doc.get("suppression")));
    }

    /**
     * Reads the custom {@code suppression:} key ({@code group_by} list, {@code timespan} like {@code 10m}).
     *
     * @return null when the rule has none
     */
    private static RuleSuppression suppression(Object value) throws InvalidDetectionException {
        if (value == null) {
            return null;
        }
        if (!(value instanceof Map)) {
            throw new InvalidDetectionException("field_invalid", "'suppression' must be a map with group_by and timespan");
        }
        final Map<?, ?> m = (Map<?, ?>) value;
        for (Object k : m.keySet()) {
            if (!"group_by".equals(k) && !"timespan".equals(k)) {
                throw new InvalidDetectionException("field_invalid", "'suppression." + k + "' is unknown (expected: group_by, timespan)");
            }
        }
        final Object span = m.get("timespan");
        final long windowMs = "0s".equals(span) || "0".equals(String.valueOf(span)) ? 0
                : CorrelationCompiler.timespanMs(span, "suppression.timespan", "field_invalid");
        return new RuleSuppression(stringList(m, "group_by"), windowMs);
    }

    /**
     * Reads the descriptive fields every rule document shares (detection and correlation rules).
     *
     * @throws InvalidDetectionException for a missing or over-long title, a bad id or level, or a skipped status
     */
    static RuleMetadata metadata(Map<?, ?> doc, String fallbackId) throws InvalidDetectionException {
        final String title = requiredString(doc, "title");
        if (title.length() > MAX_TITLE_CHARS) {
            throw new InvalidDetectionException("field_invalid", "title is longer than " + MAX_TITLE_CHARS + " characters");
        }
        final Object rawId = doc.get("id");
        if (rawId != null && !(rawId instanceof String)) {
            throw new InvalidDetectionException("field_invalid", "id must be a string");
        }
        final String id = rawId != null ? (String) rawId : fallbackId;
        final String status = optionalString(doc, "status");
        if (status != null && SKIPPED_STATUSES.contains(status.toLowerCase(java.util.Locale.ROOT))) {
            throw new InvalidDetectionException("status_skipped", "status '" + status + "' rules are not loaded");
        }
        String level = optionalString(doc, "level");
        if (level == null) {
            level = RuleLoader.LEVEL_DEFAULT;
        } else if (!LEVELS.contains(level.toLowerCase(java.util.Locale.ROOT))) {
            throw new InvalidDetectionException("field_invalid", "level '" + level + "' is not one of " + LEVELS);
        } else {
            level = level.toLowerCase(java.util.Locale.ROOT);
        }
        return new RuleMetadata(id, optionalString(doc, "name"), title,
                optionalString(doc, "description"), optionalString(doc, "author"), status, level,
                stringList(doc, "tags"), stringList(doc, "falsepositives"), stringList(doc, "fields"),
                stringList(doc, "references"));
    }

    /**
     * Compiles a meta filter document ({@code filter:} with {@code rules}, search identifiers and a condition).
     *
     * @param fallbackId the id used when the document has none
     */
    MetaFilter compileFilter(Map<?, ?> doc, Path file, String fallbackId) throws InvalidDetectionException {
        requiredString(doc, "title");
        final Object rawId = doc.get("id");
        final String id = rawId instanceof String ? (String) rawId : fallbackId;
        final LogSource logSource = logSource(doc.get("logsource"));
        final Object f = doc.get("filter");
        if (!(f instanceof Map)) {
            throw new InvalidDetectionException("filter_invalid", "'filter' must be a map");
        }
        final Map<?, ?> filter = (Map<?, ?>) f;
        final List<String> refs = stringList(filter, "rules");
        if (refs.isEmpty()) {
            throw new InvalidDetectionException("filter_invalid", "'filter.rules' must name at least one rule");
        }
        final List<String> conditions = conditions(filter.get("condition"));
        final List<String> names = new ArrayList<>();
        final List<Selection> compiled = new ArrayList<>();
        for (Map.Entry<?, ?> e : filter.entrySet()) {
            final String name = String.valueOf(e.getKey());
            if (name.equals("condition") || name.equals("rules")) {
                continue;
            }
            names.add(name);
            compiled.add(selections.compile(name, e.getValue()));
        }
        if (compiled.isEmpty()) {
            throw new InvalidDetectionException("filter_invalid", "'filter' has no search identifiers");
        }
        ConditionParser.parse(conditions, names);
        return new MetaFilter(id, file, logSource, refs, names, compiled, conditions);
    }

    private static LogSource logSource(Object value) throws InvalidDetectionException {
        if (value == null) {
            throw new InvalidDetectionException("missing_field", "missing 'logsource'");
        }
        if (!(value instanceof Map)) {
            throw new InvalidDetectionException("field_invalid", "'logsource' must be a map");
        }
        final Map<?, ?> m = (Map<?, ?>) value;
        return new LogSource(optionalString(m, "product"), optionalString(m, "service"), optionalString(m, "category"));
    }

    private static List<String> conditions(Object value) throws InvalidDetectionException {
        if (value == null) {
            throw new InvalidDetectionException("missing_field", "missing 'detection.condition'");
        }
        if (value instanceof String) {
            return List.of((String) value);
        }
        if (value instanceof List) {
            final List<String> out = new ArrayList<>();
            for (Object o : (List<?>) value) {
                if (!(o instanceof String)) {
                    throw new InvalidDetectionException("field_invalid", "'detection.condition' list items must be strings");
                }
                out.add((String) o);
            }
            return out;
        }
        throw new InvalidDetectionException("field_invalid", "'detection.condition' must be a string or a list of strings");
    }

    static String requiredString(Map<?, ?> doc, String key) throws InvalidDetectionException {
        final String s = optionalString(doc, key);
        if (s == null || s.isBlank()) {
            throw new InvalidDetectionException("missing_field", "missing '" + key + "'");
        }
        return s;
    }

    static String optionalString(Map<?, ?> doc, String key) throws InvalidDetectionException {
        final Object v = doc.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof String || v instanceof Boolean) {
            return String.valueOf(v);
        }
        throw new InvalidDetectionException("field_invalid", "'" + key + "' must be a string");
    }

    static List<String> stringList(Map<?, ?> doc, String key) throws InvalidDetectionException {
        final Object v = doc.get(key);
        if (v == null) {
            return List.of();
        }
        if (v instanceof String) {
            return List.of((String) v);
        }
        if (v instanceof List) {
            final List<String> out = new ArrayList<>();
            for (Object o : (List<?>) v) {
                if (o != null) {
                    out.add(String.valueOf(o));
                }
            }
            return out;
        }
        throw new InvalidDetectionException("field_invalid", "'" + key + "' must be a list of strings");
    }
}
