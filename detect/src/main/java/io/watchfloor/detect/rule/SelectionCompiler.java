package io.watchfloor.detect.rule;

import io.watchfloor.detect.match.FieldPredicate;
import io.watchfloor.detect.match.FieldRegistry;
import io.watchfloor.detect.match.InvalidDetectionException;
import io.watchfloor.detect.match.Selection;
import io.watchfloor.detect.match.ValueMatcher;
import io.watchfloor.detect.match.ValueMatchers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiles one Sigma search identifier (a map, a list of maps, or a list of keywords) into a {@link Selection}.
 * Supported modifiers: {@code contains startswith endswith all re (i m s) cased exists}; the other modifiers of
 * the specification are rejected by name until they are implemented.
 */
final class SelectionCompiler {
    /** Modifiers of Sigma 2.1 not implemented yet: a rule using one is rejected, never mis-evaluated. */
    private static final Set<String> NOT_YET_SUPPORTED = Set.of("base64", "base64offset", "utf16le", "utf16be",
            "utf16", "wide", "windash", "cidr", "lt", "lte", "gt", "gte", "neq", "minute", "hour", "day", "week",
            "month", "year", "fieldref", "expand");

    private final FieldRegistry fields;

    SelectionCompiler(FieldRegistry fields) {
        this.fields = fields;
    }

    Selection compile(String name, Object value) throws InvalidDetectionException {
        final List<List<FieldPredicate>> alternatives = new ArrayList<>();
        if (value instanceof Map) {
            alternatives.add(compileMap(name, (Map<?, ?>) value));
        } else if (value instanceof List) {
            final List<?> list = (List<?>) value;
            if (list.isEmpty()) {
                throw new InvalidDetectionException("selection '" + name + "' is empty");
            }
            final List<Object> keywords = new ArrayList<>();
            for (Object item : list) {
                if (item instanceof Map) {
                    alternatives.add(compileMap(name, (Map<?, ?>) item));
                } else if (item instanceof List || item == null) {
                    throw new InvalidDetectionException("selection '" + name + "' has a "
                            + (item == null ? "null" : "nested list") + " item");
                } else {
                    keywords.add(item);
                }
            }
            if (!keywords.isEmpty()) {
                alternatives.add(List.of(keywordPredicate(name, keywords)));
            }
        } else if (value instanceof String) {
            alternatives.add(List.of(keywordPredicate(name, List.of(value))));
        } else {
            throw new InvalidDetectionException("selection '" + name + "' must be a map, a list or a keyword, got "
                    + (value == null ? "null" : value.getClass().getSimpleName()));
        }
        return new Selection(name, alternatives);
    }

    private FieldPredicate keywordPredicate(String name, List<Object> keywords) throws InvalidDetectionException {
        final List<ValueMatcher> matchers = new ArrayList<>(keywords.size());
        for (Object k : keywords) {
            matchers.add(ValueMatchers.wildcard(scalar(name, "keywords", k), true, true, false));
        }
        return FieldPredicate.values(FieldRegistry.KEYWORDS, matchers, false, false);
    }

    private List<FieldPredicate> compileMap(String name, Map<?, ?> map) throws InvalidDetectionException {
        if (map.isEmpty()) {
            throw new InvalidDetectionException("selection '" + name + "' has an empty map");
        }
        final List<FieldPredicate> items = new ArrayList<>(map.size());
        for (Map.Entry<?, ?> e : map.entrySet()) {
            items.add(compileItem(name, String.valueOf(e.getKey()), e.getValue()));
        }
        return items;
    }

    private FieldPredicate compileItem(String name, String key, Object value) throws InvalidDetectionException {
        final String[] parts = key.split("\\|", -1);
        final String field = parts[0].trim();
        final boolean keyword = field.isEmpty();
        final String where = "selection '" + name + "' field '" + key + "'";
        boolean contains = false, startsWith = false, endsWith = false, all = false, re = false, cased = false;
        boolean reIgnoreCase = false, reMultiline = false, reDotAll = false, exists = false;
        for (int i = 1; i < parts.length; i++) {
            final String mod = parts[i];
            switch (mod) {
                case "contains": contains = true; break;
                case "startswith": startsWith = true; break;
                case "endswith": endsWith = true; break;
                case "all": all = true; break;
                case "re": re = true; break;
                case "cased": cased = true; break;
                case "exists": exists = true; break;
                case "i":
                case "m":
                case "s":
                    if (!re) {
                        throw new InvalidDetectionException("modifier '" + mod + "' is only valid after 're' in " + where);
                    }
                    reIgnoreCase |= mod.equals("i");
                    reMultiline |= mod.equals("m");
                    reDotAll |= mod.equals("s");
                    break;
                default:
                    if (NOT_YET_SUPPORTED.contains(mod)) {
                        throw new InvalidDetectionException("modifier '" + mod + "' is not supported yet in " + where);
                    }
                    throw new InvalidDetectionException("unknown modifier '" + mod + "' in " + where);
            }
        }
        if ((contains ? 1 : 0) + (startsWith ? 1 : 0) + (endsWith ? 1 : 0) + (re ? 1 : 0) > 1) {
            throw new InvalidDetectionException("conflicting modifiers in " + where);
        }
        final int id = keyword ? FieldRegistry.KEYWORDS : fields.idOf(field);
        if (exists) {
            if (parts.length != 2 || keyword) {
                throw new InvalidDetectionException("modifier 'exists' must stand alone on a field in " + where);
            }
            if (!(value instanceof Boolean)) {
                throw new InvalidDetectionException("modifier 'exists' needs true or false in " + where);
            }
            return FieldPredicate.exists(id, (Boolean) value);
        }
        final List<?> values = value instanceof List ? (List<?>) value : java.util.Collections.singletonList(value);
        if (values.isEmpty()) {
            throw new InvalidDetectionException("empty value list in " + where);
        }
        if (all && values.size() < 2) {
            throw new InvalidDetectionException("modifier 'all' needs a list of values in " + where);
        }
        // keywords are substring searches unless the rule anchors them explicitly (pySigma's full-text search)
        final boolean lead = contains || endsWith || (keyword && !startsWith);
        final boolean trail = contains || startsWith || (keyword && !endsWith);
        final List<ValueMatcher> matchers = new ArrayList<>(values.size());
        boolean nullAllowed = false;
        for (Object v : values) {
            if (v == null) {
                nullAllowed = true;
                continue;
            }
            final String s = scalar(name, key, v);
            if (re) {
                try {
                    matchers.add(ValueMatchers.regex(s, reIgnoreCase, reMultiline, reDotAll));
                } catch (InvalidDetectionException ex) {
                    throw new InvalidDetectionException(ex.getMessage() + " in " + where);
                }
            } else {
                matchers.add(ValueMatchers.wildcard(s, lead, trail, cased));
            }
        }
        if (matchers.isEmpty()) {
            if (keyword) {
                throw new InvalidDetectionException("null keyword in " + where);
            }
            return FieldPredicate.absent(id);
        }
        return FieldPredicate.values(id, matchers, all, nullAllowed);
    }

    private static String scalar(String name, String key, Object v) throws InvalidDetectionException {
        if (v instanceof String || v instanceof Number || v instanceof Boolean) {
            return String.valueOf(v);
        }
        throw new InvalidDetectionException("selection '" + name + "' field '" + key + "' has a nested "
                + v.getClass().getSimpleName() + " value");
    }
}
