package io.watchfloor.detect.match;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * What every event a rule's detection matches must contain, as clauses that must all hold: a clause is a set of
 * (field, literal) pairs of which at least one occurs, the literal a substring of the field's value (of one item for
 * a list), both compared after {@link WildcardMatcher#fold folding}. An event failing a clause cannot match, so the
 * rule need not be evaluated on it.
 *
 * <p>Derived from the condition tree: a selection reference gives its selection's clauses, an {@code and} (and
 * {@code all of}) the clauses of all its terms, an {@code or} (and {@code 1 of}) one clause joining the most
 * selective clause of every term. A selection is an OR of AND-groups, read the same way. A field item yields one
 * clause of its values' longest wildcard-free runs ({@code contains}, {@code startswith}, {@code endswith}, plain
 * values, every transformed variant; cut to their last {@link #MAX_LITERAL_CHARS} characters), one clause per value
 * with {@code |all}, or the literals its regex requires ({@link RegexLiterals}). {@code not}, {@code exists},
 * {@code null}, {@code neq}, {@code fieldref}, {@code cidr}, numeric and date comparisons and literal-free values
 * yield nothing; a term yielding nothing is skipped by an {@code and} and makes an {@code or} yield nothing. A rule
 * yielding nothing is {@link #NONE}: always evaluated. Immutable; computed while rules compile.
 */
public final class RequiredLiterals {
    /** No requirement: the rule is evaluated on every event its log source admits. */
    public static final RequiredLiterals NONE = new RequiredLiterals(new int[0][], new String[0][]);
    /**
     * Most pairs one clause keeps; a clause needing more is dropped. Large: the automaton's scan cost does not grow
     * with the literal count, and hash lists of 4,000+ values exist.
     */
    public static final int MAX_PAIRS = 1 << 16;
    /** Most clauses one rule keeps (its most selective ones): each more is more bookkeeping per found literal. */
    public static final int MAX_CLAUSES = 8;
    /**
     * Longest literal kept: a longer one is cut to its last characters (any substring of a required literal is
     * required too). The end of a path or hash is what sets it apart, and short literals keep the automata small
     * enough to stay in cache: the corpus needs 2.4 times fewer states than with whole literals.
     */
    public static final int MAX_LITERAL_CHARS = 12;

    private final int[][] fieldIds;
    private final String[][] literals;

    private RequiredLiterals(int[][] fieldIds, String[][] literals) {
        this.fieldIds = fieldIds;
        this.literals = literals;
    }

    /**
     * @param condition a compiled condition
     * @param selections the selections it references, by index
     * @return the clauses every matching event satisfies, or {@link #NONE}
     */
    public static RequiredLiterals of(Condition condition, List<Selection> selections) {
        final List<Clause> cnf = new Derivation(selections).condition(condition);
        if (cnf == null || cnf.isEmpty()) {
            return NONE;
        }
        final List<Clause> kept = new ArrayList<>(cnf);
        kept.sort((a, b) -> a.moreSelectiveThan(b) ? -1 : b.moreSelectiveThan(a) ? 1 : 0);
        final int n = Math.min(MAX_CLAUSES, kept.size());
        final int[][] ids = new int[n][];
        final String[][] lits = new String[n][];
        for (int i = 0; i < n; i++) {
            ids[i] = kept.get(i).fieldIds.clone();
            lits[i] = kept.get(i).literals.clone();
        }
        return new RequiredLiterals(ids, lits);
    }

    /** @return true for {@link #NONE}: nothing is required, the rule is always evaluated */
    public boolean isNone() {
        return literals.length == 0;
    }

    /** @return how many clauses must all hold, most selective first */
    public int clauseCount() {
        return literals.length;
    }

    /** @return how many (field, literal) pairs clause {@code clause} offers */
    public int size(int clause) {
        return literals[clause].length;
    }

    /** @return the registry id of a pair's field ({@link FieldRegistry#KEYWORDS} for keyword searches) */
    public int fieldId(int clause, int i) {
        return fieldIds[clause][i];
    }

    /** @return a pair's literal, folded, never empty */
    public String literal(int clause, int i) {
        return literals[clause][i];
    }

    @Override
    public String toString() {
        final StringBuilder b = new StringBuilder("RequiredLiterals[");
        for (int c = 0; c < literals.length; c++) {
            b.append(c == 0 ? "(" : " and (");
            for (int i = 0; i < literals[c].length; i++) {
                b.append(i == 0 ? "" : " or ").append(fieldIds[c][i]).append(':').append(literals[c][i]);
            }
            b.append(')');
        }
        return b.append(']').toString();
    }

    /** A set of pairs, any of which suffices. */
    private static final class Clause {
        final int[] fieldIds;
        final String[] literals;
        final int minLength;

        Clause(int[] fieldIds, String[] literals) {
            this.fieldIds = fieldIds;
            this.literals = literals;
            int min = Integer.MAX_VALUE;
            for (String s : literals) {
                min = Math.min(min, s.length());
            }
            this.minLength = min;
        }

        static Clause of(int fieldId, List<String> literals) {
            final int[] ids = new int[literals.size()];
            Arrays.fill(ids, fieldId);
            return new Clause(ids, literals.toArray(new String[0]));
        }

        boolean moreSelectiveThan(Clause other) {
            return RegexLiterals.moreSelective(minLength, literals.length, other.minLength, other.literals.length);
        }
    }

    /**
     * One derivation over one rule; memoizes each selection's clauses. Throughout, a null list means "no
     * requirement", an empty list never occurs.
     */
    private static final class Derivation {
        private final List<Selection> selections;
        private final List<List<Clause>> memo;
        private final boolean[] done;

        Derivation(List<Selection> selections) {
            this.selections = selections;
            this.memo = new ArrayList<>(selections.size());
            for (int i = 0; i < selections.size(); i++) {
                memo.add(null);
            }
            this.done = new boolean[selections.size()];
        }

        List<Clause> condition(Condition c) {
            if (c instanceof ConditionNodes.Ref) {
                return selection(((ConditionNodes.Ref) c).index());
            }
            if (c instanceof ConditionNodes.And) {
                final List<List<Clause>> all = new ArrayList<>();
                for (Condition t : ((ConditionNodes.And) c).terms()) {
                    all.add(condition(t));
                }
                return and(all);
            }
            if (c instanceof ConditionNodes.Or) {
                final List<List<Clause>> all = new ArrayList<>();
                for (Condition t : ((ConditionNodes.Or) c).terms()) {
                    all.add(condition(t));
                }
                return or(all);
            }
            if (c instanceof ConditionNodes.Of) {
                final ConditionNodes.Of of = (ConditionNodes.Of) c;
                final List<List<Clause>> all = new ArrayList<>();
                for (int i : of.indexes()) {
                    all.add(selection(i));
                }
                return of.all() ? and(all) : or(all);
            }
            // Not, and any node type added later: no requirement is always correct
            return null;
        }

        private List<Clause> selection(int index) {
            if (!done[index]) {
                final List<List<Clause>> alternatives = new ArrayList<>();
                for (FieldPredicate[] group : selections.get(index).alternatives()) {
                    final List<List<Clause>> items = new ArrayList<>(group.length);
                    for (FieldPredicate p : group) {
                        items.add(predicate(p));
                    }
                    alternatives.add(and(items));
                }
                memo.set(index, or(alternatives));
                done[index] = true;
            }
            return memo.get(index);
        }

        private static List<Clause> predicate(FieldPredicate p) {
            final ValueMatcher[] ms = p.requiredMatchers();
            if (ms == null) {
                return null;
            }
            final List<List<Clause>> each = new ArrayList<>(ms.length);
            for (ValueMatcher m : ms) {
                final List<String> lits = literals(m);
                each.add(lits == null ? null : List.of(Clause.of(p.fieldId(), lits)));
            }
            return p.all() ? and(each) : or(each);
        }

        /**
         * @return folded literals, at most {@link #MAX_LITERAL_CHARS} long, one of which a value matched by
         *     {@code m} contains, or null
         */
        private static List<String> literals(ValueMatcher m) {
            final List<String> whole = wholeLiterals(m);
            if (whole == null) {
                return null;
            }
            final LinkedHashSet<String> cut = new LinkedHashSet<>();
            for (String s : whole) {
                cut.add(s.length() <= MAX_LITERAL_CHARS ? s : s.substring(s.length() - MAX_LITERAL_CHARS));
            }
            return List.copyOf(cut);
        }

        private static List<String> wholeLiterals(ValueMatcher m) {
            if (m instanceof WildcardMatcher) {
                final String lit = ((WildcardMatcher) m).longestLiteral();
                return lit == null ? null : List.of(lit);
            }
            if (m instanceof RegexMatcher) {
                return RegexLiterals.required(((RegexMatcher) m).regex());
            }
            if (m instanceof AnyOfMatcher) {
                final LinkedHashSet<String> out = new LinkedHashSet<>();
                for (ValueMatcher v : ((AnyOfMatcher) m).variants()) {
                    final List<String> lits = wholeLiterals(v);
                    if (lits == null) {
                        return null;
                    }
                    out.addAll(lits);
                }
                return List.copyOf(out);
            }
            return null;
        }

        /** @return the clauses of every term that has some; null when none has */
        private static List<Clause> and(List<List<Clause>> terms) {
            final List<Clause> out = new ArrayList<>();
            for (List<Clause> t : terms) {
                if (t != null) {
                    out.addAll(t);
                }
            }
            return out.isEmpty() ? null : out;
        }

        /**
         * @return one clause joining each term's most selective clause, distinct pairs; null when a term has no
         *     requirement or the join exceeds {@link #MAX_PAIRS}
         */
        private static List<Clause> or(List<List<Clause>> terms) {
            if (terms.size() == 1) {
                return terms.get(0);
            }
            final LinkedHashSet<Pair> all = new LinkedHashSet<>();
            for (List<Clause> t : terms) {
                if (t == null) {
                    return null;
                }
                Clause best = t.get(0);
                for (Clause c : t) {
                    if (c.moreSelectiveThan(best)) {
                        best = c;
                    }
                }
                for (int i = 0; i < best.literals.length; i++) {
                    all.add(new Pair(best.fieldIds[i], best.literals[i]));
                }
                if (all.size() > MAX_PAIRS) {
                    return null;
                }
            }
            final int[] ids = new int[all.size()];
            final String[] lits = new String[all.size()];
            int i = 0;
            for (Pair p : all) {
                ids[i] = p.fieldId();
                lits[i++] = p.literal();
            }
            return List.of(new Clause(ids, lits));
        }
    }

    private record Pair(int fieldId, String literal) {
    }
}
