package io.watchfloor.detect.match;

import java.util.ArrayList;
import java.util.List;

/**
 * Compiles Sigma condition expressions into a {@link Condition} tree.
 *
 * <pre>
 * condition := expr | [expr, …]                      a list is an OR of its items
 * expr      := and ('or' and)*
 * and       := not ('and' not)*
 * not       := 'not' not | primary
 * primary   := '(' expr ')' | ('1' | 'all') 'of' (pattern | 'them') | identifier
 * </pre>
 * Operator words are matched case-insensitively; identifiers and patterns ({@code *} wildcards) case-sensitively.
 * {@code them} means every identifier not starting with {@code _}. A pipe is the obsolete v1 aggregation and is
 * rejected. Used while loading, on one thread.
 */
public final class ConditionParser {
    private final List<String> names;
    private final List<String> tokens;
    private final int indexOffset;
    private int pos;

    private ConditionParser(String text, List<String> names, int indexOffset) throws InvalidDetectionException {
        this.names = names;
        this.tokens = tokenize(text);
        this.indexOffset = indexOffset;
    }

    /**
     * @param conditions the condition, or the items of a condition list (OR)
     * @param names the search identifiers of the rule, in the order of their selection indexes
     * @throws InvalidDetectionException on a syntax error, an undefined identifier, a pattern matching no identifier,
     *     or a legacy aggregation
     */
    public static Condition parse(List<String> conditions, List<String> names) throws InvalidDetectionException {
        return parse(conditions, names, 0);
    }

    /**
     * As {@link #parse(List, List)}, for identifiers whose selections sit at {@code indexOffset} and after in the
     * selection array (a meta filter's selections appended to a rule's).
     */
    public static Condition parse(List<String> conditions, List<String> names, int indexOffset)
            throws InvalidDetectionException {
        if (conditions.isEmpty()) {
            throw new InvalidDetectionException("condition_invalid", "condition is empty");
        }
        final List<Condition> items = new ArrayList<>(conditions.size());
        for (String text : conditions) {
            final ConditionParser p = new ConditionParser(text, names, indexOffset);
            final Condition c = p.expr();
            if (p.pos != p.tokens.size()) {
                throw new InvalidDetectionException("condition_invalid", "condition: unexpected '" + p.tokens.get(p.pos) + "' in '" + text + "'");
            }
            items.add(c);
        }
        return items.size() == 1 ? items.get(0) : new ConditionNodes.Or(items.toArray(new Condition[0]));
    }

    private static List<String> tokenize(String text) throws InvalidDetectionException {
        final List<String> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            final char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')') {
                out.add(String.valueOf(c));
                i++;
            } else if (c == '|') {
                throw new InvalidDetectionException("legacy_aggregation", "condition: legacy aggregation ('|') is not supported in '" + text + "'");
            } else {
                final int start = i;
                while (i < text.length() && !Character.isWhitespace(text.charAt(i)) && "()|".indexOf(text.charAt(i)) < 0) {
                    i++;
                }
                out.add(text.substring(start, i));
            }
        }
        if (out.isEmpty()) {
            throw new InvalidDetectionException("condition_invalid", "condition is empty");
        }
        return out;
    }

    private String peek() {
        return pos < tokens.size() ? tokens.get(pos) : null;
    }

    private boolean accept(String word) {
        final String t = peek();
        if (t != null && t.equalsIgnoreCase(word)) {
            pos++;
            return true;
        }
        return false;
    }

    private Condition expr() throws InvalidDetectionException {
        final List<Condition> terms = new ArrayList<>();
        terms.add(and());
        while (accept("or")) {
            terms.add(and());
        }
        return terms.size() == 1 ? terms.get(0) : new ConditionNodes.Or(terms.toArray(new Condition[0]));
    }

    private Condition and() throws InvalidDetectionException {
        final List<Condition> terms = new ArrayList<>();
        terms.add(not());
        while (accept("and")) {
            terms.add(not());
        }
        return terms.size() == 1 ? terms.get(0) : new ConditionNodes.And(terms.toArray(new Condition[0]));
    }

    private Condition not() throws InvalidDetectionException {
        if (accept("not")) {
            return new ConditionNodes.Not(not());
        }
        return primary();
    }

    private Condition primary() throws InvalidDetectionException {
        final String t = peek();
        if (t == null) {
            throw new InvalidDetectionException("condition_invalid", "condition: unexpected end, expected an identifier or '('");
        }
        if (t.equals("(")) {
            pos++;
            final Condition inner = expr();
            if (!accept(")")) {
                throw new InvalidDetectionException("condition_invalid", "condition: missing ')'");
            }
            return inner;
        }
        if (t.equals(")") || isOperator(t)) {
            throw new InvalidDetectionException("condition_invalid", "condition: unexpected '" + t + "'");
        }
        final String next = pos + 1 < tokens.size() ? tokens.get(pos + 1) : null;
        if (next != null && next.equalsIgnoreCase("of")) {
            final boolean all;
            if (t.equalsIgnoreCase("all")) {
                all = true;
            } else if (t.equals("1")) {
                all = false;
            } else {
                throw new InvalidDetectionException("condition_invalid", "condition: quantifier must be '1' or 'all', got '" + t + "'");
            }
            pos += 2;
            final String target = peek();
            if (target == null || target.equals("(") || target.equals(")")) {
                throw new InvalidDetectionException("condition_invalid", "condition: expected a pattern or 'them' after '" + t + " of'");
            }
            pos++;
            return new ConditionNodes.Of(resolvePattern(target), all);
        }
        if (t.equalsIgnoreCase("all")) {
            throw new InvalidDetectionException("condition_invalid", "condition: expected 'of' after 'all'");
        }
        pos++;
        final int index = names.indexOf(t);
        if (index < 0) {
            throw new InvalidDetectionException("condition_invalid", "condition: undefined identifier '" + t + "'");
        }
        return new ConditionNodes.Ref(index + indexOffset);
    }

    private static boolean isOperator(String t) {
        return t.equalsIgnoreCase("and") || t.equalsIgnoreCase("or") || t.equalsIgnoreCase("of");
    }

    private int[] resolvePattern(String pattern) throws InvalidDetectionException {
        final boolean them = pattern.equalsIgnoreCase("them");
        final ValueMatcher glob = them ? null : ValueMatchers.wildcard(pattern, false, false, true);
        final List<Integer> found = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            final String name = names.get(i);
            if (them ? !name.startsWith("_") : glob.matches(name)) {
                found.add(i);
            }
        }
        if (found.isEmpty()) {
            throw new InvalidDetectionException("condition_invalid", "condition: pattern '" + pattern + "' matches no identifier");
        }
        final int[] out = new int[found.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = found.get(i) + indexOffset;
        }
        return out;
    }

    /** @return {@code rule and not filter}: a rule condition with a meta filter applied */
    public static Condition andNot(Condition rule, Condition filter) {
        return new ConditionNodes.And(new Condition[] {rule, new ConditionNodes.Not(filter)});
    }
}
