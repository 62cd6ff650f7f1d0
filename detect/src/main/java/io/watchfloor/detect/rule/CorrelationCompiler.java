package io.watchfloor.detect.rule;

import io.watchfloor.detect.match.InvalidDetectionException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns one Sigma correlation document into a {@link CorrelationRule} whose {@code rules} are still the references as
 * written; {@link CorrelationResolver} resolves them once every file is loaded. Rejection codes:
 * {@code correlation_invalid} (a malformed key) and {@code correlation_unsupported} (the v2.1 metric types).
 */
final class CorrelationCompiler {
    /** Longest accepted timespan: 30 days, so windows cannot hold state for ever. */
    static final long MAX_TIMESPAN_MS = 30L * 24 * 3600 * 1000;

    private static final Pattern TIMESPAN = Pattern.compile("(\\d{1,9})([smhdw])");
    private static final Set<String> BOUNDS = Set.of("gt", "gte", "lt", "lte", "eq", "neq");
    private static final Set<String> METRIC_TYPES = Set.of("value_sum", "value_avg", "value_percentile", "value_median");
    private static final String INVALID = "correlation_invalid";

    private CorrelationCompiler() {
    }

    static CorrelationRule compile(Map<?, ?> doc, Path file, String fallbackId) throws InvalidDetectionException {
        final RuleMetadata meta = RuleCompiler.metadata(doc, fallbackId);
        final Object c = doc.get("correlation");
        if (!(c instanceof Map)) {
            throw new InvalidDetectionException(INVALID, "'correlation' must be a map");
        }
        final Map<?, ?> corr = (Map<?, ?>) c;
        final String typeName = RuleCompiler.optionalString(corr, "type");
        if (typeName == null) {
            throw new InvalidDetectionException(INVALID, "missing 'correlation.type'");
        }
        final CorrelationType type = CorrelationType.of(typeName);
        if (type == null) {
            if (METRIC_TYPES.contains(typeName)) {
                throw new InvalidDetectionException("correlation_unsupported", "correlation type '" + typeName
                        + "' is not supported");
            }
            throw new InvalidDetectionException(INVALID, "correlation type '" + typeName + "' is unknown");
        }
        final List<String> refs = RuleCompiler.stringList(corr, "rules");
        if (refs.isEmpty()) {
            throw new InvalidDetectionException(INVALID, "'correlation.rules' must name at least one rule");
        }
        final List<String> groupBy = RuleCompiler.stringList(corr, "group-by");
        final long timespanMs = timespanMs(corr.get("timespan"));
        final List<String> valueFields = new ArrayList<>();
        final CorrelationCondition condition = condition(corr.get("condition"), type, refs.size(), valueFields);
        final Object g = corr.containsKey("generate") ? corr.get("generate") : doc.get("generate");
        if (g != null && !(g instanceof Boolean)) {
            throw new InvalidDetectionException(INVALID, "'generate' must be true or false");
        }
        return new CorrelationRule(meta, file, type, refs, groupBy, timespanMs, condition, valueFields,
                aliases(corr.get("aliases")), Boolean.TRUE.equals(g));
    }

    private static long timespanMs(Object v) throws InvalidDetectionException {
        return timespanMs(v, "correlation.timespan", INVALID);
    }

    /**
     * Parses a Sigma timespan ({@code <number><s|m|h|d|w>}, at most 30 days).
     *
     * @param key the YAML key named in the rejection
     * @param code the rejection code
     */
    static long timespanMs(Object v, String key, String code) throws InvalidDetectionException {
        if (!(v instanceof String)) {
            throw new InvalidDetectionException(code, "'" + key + "' must be a string like 5m");
        }
        final Matcher m = TIMESPAN.matcher(((String) v).strip());
        if (!m.matches()) {
            throw new InvalidDetectionException(code, "'" + key + "' " + v + " (expected: <number><s|m|h|d|w>)");
        }
        final long n = Long.parseLong(m.group(1));
        final long unitMs;
        switch (m.group(2)) {
            case "s": unitMs = 1000L; break;
            case "m": unitMs = 60_000L; break;
            case "h": unitMs = 3_600_000L; break;
            case "d": unitMs = 86_400_000L; break;
            default: unitMs = 7 * 86_400_000L; break;
        }
        final long ms = n * unitMs;
        if (ms <= 0 || ms > MAX_TIMESPAN_MS) {
            throw new InvalidDetectionException(code, "'" + key + "' " + v + " (expected: > 0 and <= 30d)");
        }
        return ms;
    }

    private static CorrelationCondition condition(Object v, CorrelationType type, int refCount, List<String> valueFields)
            throws InvalidDetectionException {
        final boolean counts = type == CorrelationType.EVENT_COUNT || type == CorrelationType.VALUE_COUNT;
        if (v == null) {
            if (counts) {
                throw new InvalidDetectionException(INVALID, "missing 'correlation.condition' for " + type.sigmaName());
            }
            return CorrelationCondition.atLeast(refCount);
        }
        if (!(v instanceof Map)) {
            throw new InvalidDetectionException(INVALID, "'correlation.condition' must be a map");
        }
        final long[] b = {CorrelationCondition.UNSET, CorrelationCondition.UNSET, CorrelationCondition.UNSET,
                CorrelationCondition.UNSET, CorrelationCondition.UNSET, CorrelationCondition.UNSET};
        final List<String> order = List.of("gt", "gte", "lt", "lte", "eq", "neq");
        int set = 0;
        for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
            final String key = String.valueOf(e.getKey());
            if (key.equals("field")) {
                valueFields.addAll(RuleCompiler.stringList((Map<?, ?>) v, "field"));
                continue;
            }
            if (!BOUNDS.contains(key)) {
                throw new InvalidDetectionException(INVALID, "'correlation.condition." + key + "' is not one of "
                        + order + " or field");
            }
            b[order.indexOf(key)] = bound(key, e.getValue());
            set++;
        }
        if (set == 0) {
            throw new InvalidDetectionException(INVALID, "'correlation.condition' sets none of " + order);
        }
        if (type == CorrelationType.VALUE_COUNT && valueFields.isEmpty()) {
            throw new InvalidDetectionException(INVALID, "value_count needs 'correlation.condition.field'");
        }
        if (type == CorrelationType.TEMPORAL_ORDERED) {
            // ordered means every rule in sequence; a count bound would contradict the order
            return CorrelationCondition.atLeast(refCount);
        }
        return new CorrelationCondition(b[0], b[1], b[2], b[3], b[4], b[5]);
    }

    private static long bound(String key, Object v) throws InvalidDetectionException {
        // Sigma YAML keeps plain scalars as strings (see SigmaYamlResolver), so a number arrives as text
        final String text = String.valueOf(v).strip();
        if (!(v instanceof String || v instanceof Number) || !text.matches("\\d{1,15}")) {
            throw new InvalidDetectionException(INVALID, "'correlation.condition." + key + "' " + v
                    + " (expected: a non-negative integer)");
        }
        return Long.parseLong(text);
    }

    private static Map<String, Map<String, String>> aliases(Object v) throws InvalidDetectionException {
        final Map<String, Map<String, String>> out = new LinkedHashMap<>();
        if (v == null) {
            return out;
        }
        if (!(v instanceof Map)) {
            throw new InvalidDetectionException(INVALID, "'correlation.aliases' must be a map");
        }
        for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
            if (!(e.getValue() instanceof Map)) {
                throw new InvalidDetectionException(INVALID, "'correlation.aliases." + e.getKey()
                        + "' must map rule names to fields");
            }
            final Map<String, String> perRule = new LinkedHashMap<>();
            for (Map.Entry<?, ?> f : ((Map<?, ?>) e.getValue()).entrySet()) {
                if (!(f.getValue() instanceof String)) {
                    throw new InvalidDetectionException(INVALID, "'correlation.aliases." + e.getKey() + "." + f.getKey()
                            + "' must be a field name");
                }
                perRule.put(String.valueOf(f.getKey()), (String) f.getValue());
            }
            out.put(String.valueOf(e.getKey()), perRule);
        }
        return out;
    }
}
