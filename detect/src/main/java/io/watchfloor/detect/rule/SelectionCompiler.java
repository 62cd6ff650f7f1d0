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
 * Supports every Sigma 2.1 value modifier: transforms ({@code base64 base64offset utf16le utf16be utf16 wide windash expand}),
 * positions ({@code contains startswith endswith}), {@code all}, {@code cased}, {@code neq} and the types
 * ({@code re} with {@code i m s}, {@code cidr}, {@code exists}, {@code lt lte gt gte}, {@code fieldref},
 * {@code minute hour day week month year}).
 */
final class SelectionCompiler {
    /** Modifiers of Sigma 2.1 not implemented yet: a rule using one is rejected, never mis-evaluated. */
    private static final Set<String> DATE_PARTS = Set.of("minute", "hour", "day", "week", "month", "year");

    private final FieldRegistry fields;
    private final Map<String, List<String>> placeholders;

    /** @param placeholders values of the {@code expand} placeholders, by name without the percent signs */
    SelectionCompiler(FieldRegistry fields, Map<String, List<String>> placeholders) {
        this.fields = fields;
        this.placeholders = placeholders;
    }

    Selection compile(String name, Object value) throws InvalidDetectionException {
        final List<List<FieldPredicate>> alternatives = new ArrayList<>();
        if (value instanceof Map) {
            alternatives.add(compileMap(name, (Map<?, ?>) value));
        } else if (value instanceof List) {
            final List<?> list = (List<?>) value;
            if (list.isEmpty()) {
                throw new InvalidDetectionException("selection_invalid", "selection '" + name + "' is empty");
            }
            final List<Object> keywords = new ArrayList<>();
            for (Object item : list) {
                if (item instanceof Map) {
                    alternatives.add(compileMap(name, (Map<?, ?>) item));
                } else if (item instanceof List || item == null) {
                    throw new InvalidDetectionException("selection_invalid", "selection '" + name + "' has a "
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
            throw new InvalidDetectionException("selection_invalid", "selection '" + name + "' must be a map, a list or a keyword, got "
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
            throw new InvalidDetectionException("selection_invalid", "selection '" + name + "' has an empty map");
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
        boolean reIgnoreCase = false, reMultiline = false, reDotAll = false, exists = false, cidr = false;
        boolean fieldRef = false, neq = false;
        String compare = null;
        String datePart = null;
        final List<String> transforms = new ArrayList<>();
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
                case "cidr": cidr = true; break;
                case "fieldref": fieldRef = true; break;
                case "neq": neq = true; break;
                case "lt":
                case "lte":
                case "gt":
                case "gte":
                    if (compare != null) {
                        throw new InvalidDetectionException("modifier_invalid", "two comparison modifiers in " + where);
                    }
                    compare = mod;
                    break;
                case "base64":
                case "base64offset":
                case "utf16le":
                case "wide":
                case "utf16be":
                case "utf16":
                case "windash":
                case "expand":
                    transforms.add(mod);
                    break;
                case "i":
                case "m":
                case "s":
                    if (!re) {
                        throw new InvalidDetectionException("modifier_invalid", "modifier '" + mod
                                + "' is only valid after 're' in " + where);
                    }
                    reIgnoreCase |= mod.equals("i");
                    reMultiline |= mod.equals("m");
                    reDotAll |= mod.equals("s");
                    break;
                default:
                    if (DATE_PARTS.contains(mod)) {
                        if (datePart != null) {
                            throw new InvalidDetectionException("modifier_invalid", "two date-part modifiers in "
                                    + where);
                        }
                        datePart = mod;
                        break;
                    }
                    throw new InvalidDetectionException("modifier_unknown", "unknown modifier '" + mod + "' in " + where);
            }
        }
        final int position = (contains ? 1 : 0) + (startsWith ? 1 : 0) + (endsWith ? 1 : 0);
        final int types = (re ? 1 : 0) + (cidr ? 1 : 0) + (compare != null ? 1 : 0) + (exists ? 1 : 0)
                + (fieldRef ? 1 : 0) + (datePart != null ? 1 : 0);
        if (position + (re ? 1 : 0) > 1 || types > 1
                || (position > 0 && (cidr || compare != null || datePart != null))
                || (!transforms.isEmpty() && (types > 0 && !re))) {
            throw new InvalidDetectionException("modifier_invalid", "conflicting modifiers in " + where);
        }
        final int id = keyword ? FieldRegistry.KEYWORDS : fields.idOf(field);
        if (exists) {
            if (parts.length != 2 || keyword) {
                throw new InvalidDetectionException("modifier_invalid", "modifier 'exists' must stand alone on a field in "
                        + where);
            }
            if (!(value instanceof Boolean)) {
                throw new InvalidDetectionException("value_invalid", "modifier 'exists' needs true or false in " + where);
            }
            return FieldPredicate.exists(id, (Boolean) value);
        }
        final List<?> values = value instanceof List ? (List<?>) value : java.util.Collections.singletonList(value);
        if (values.isEmpty()) {
            throw new InvalidDetectionException("selection_invalid", "empty value list in " + where);
        }
        if (all && values.size() < 2) {
            throw new InvalidDetectionException("modifier_invalid", "modifier 'all' needs a list of values in " + where);
        }
        if (keyword && (fieldRef || neq || cidr || compare != null || datePart != null)) {
            throw new InvalidDetectionException("modifier_invalid", "keywords take no type modifier in " + where);
        }
        if (fieldRef) {
            final int[] refs = new int[values.size()];
            for (int i = 0; i < refs.length; i++) {
                if (values.get(i) == null) {
                    throw new InvalidDetectionException("value_invalid", "fieldref needs field names in " + where);
                }
                refs[i] = fields.idOf(scalar(name, key, values.get(i)));
            }
            final int mode = contains ? FieldPredicate.REF_CONTAINS : startsWith ? FieldPredicate.REF_STARTS_WITH
                    : endsWith ? FieldPredicate.REF_ENDS_WITH : FieldPredicate.REF_EQUALS;
            return FieldPredicate.fieldRef(id, refs, mode, cased, all, neq);
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
            final List<ValueMatcher> variants = new ArrayList<>();
            for (String s : transform(scalar(name, key, v), transforms, where)) {
                try {
                    if (re) {
                        variants.add(ValueMatchers.regex(s, reIgnoreCase, reMultiline, reDotAll));
                    } else if (cidr) {
                        variants.add(ValueMatchers.cidr(s));
                    } else if (compare != null) {
                        variants.add(ValueMatchers.compare(compare, s));
                    } else if (datePart != null) {
                        variants.add(ValueMatchers.datePart(datePart, s));
                    } else {
                        variants.add(ValueMatchers.wildcard(s, lead, trail, cased));
                    }
                } catch (InvalidDetectionException ex) {
                    throw new InvalidDetectionException(ex.code(), ex.getMessage() + " in " + where);
                }
            }
            // a value expanded into variants (base64offset, windash, expand) matches when any variant does, so
            // that 'all' still means every value of the rule
            matchers.add(variants.size() == 1 ? variants.get(0) : ValueMatchers.anyOf(variants));
        }
        if (matchers.isEmpty()) {
            if (keyword) {
                throw new InvalidDetectionException("selection_invalid", "null keyword in " + where);
            }
            if (neq) {
                return FieldPredicate.notNull(id);
            }
            return FieldPredicate.absent(id);
        }
        if (neq) {
            return FieldPredicate.notEqual(id, matchers, all);
        }
        return FieldPredicate.values(id, matchers, all, nullAllowed);
    }

    private List<String> transform(String value, List<String> transforms, String where)
            throws InvalidDetectionException {
        List<Object> current = List.of(value);
        try {
            for (String t : transforms) {
                final List<Object> next = new ArrayList<>();
                for (Object v : current) {
                    switch (t) {
                        case "base64": next.add(ValueTransforms.base64(v)); break;
                        case "base64offset": next.addAll(ValueTransforms.base64Offset(v)); break;
                        case "windash": next.addAll(ValueTransforms.windash(t, v)); break;
                        case "expand": next.addAll(ValueTransforms.expand(v, placeholders)); break;
                        default: next.add(ValueTransforms.utf16(t, v)); break;
                    }
                }
                current = next;
            }
        } catch (InvalidDetectionException ex) {
            throw new InvalidDetectionException(ex.code(), ex.getMessage() + " in " + where);
        }
        final List<String> out = new ArrayList<>(current.size());
        for (Object o : current) {
            if (!(o instanceof String)) {
                throw new InvalidDetectionException("modifier_invalid", "a UTF-16 modifier must be followed by "
                        + "'base64' or 'base64offset' in " + where);
            }
            out.add((String) o);
        }
        return out;
    }

    private static String scalar(String name, String key, Object v) throws InvalidDetectionException {
        if (v instanceof String || v instanceof Number || v instanceof Boolean) {
            return String.valueOf(v);
        }
        throw new InvalidDetectionException("selection_invalid", "selection '" + name + "' field '" + key + "' has a nested "
                + v.getClass().getSimpleName() + " value");
    }
}
