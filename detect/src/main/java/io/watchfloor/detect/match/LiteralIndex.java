package io.watchfloor.detect.match;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the rules whose {@link RequiredLiterals} an event satisfies: one {@link LiteralAutomaton} per field holds
 * every rule's literals on that field; a scan of the field's value marks the clauses owning each literal found, and a
 * rule whose clauses are all marked gets its bit set. Values are read through the {@link EventFieldView}, so the scan
 * sees exactly what the rules' predicates read (mapped fields and list items included, non-string items in their
 * string form).
 *
 * <p>Not thread-safe: holds per-event marks; owned by one detection engine. Marking allocates nothing for string
 * values (a number inside a list is turned into a string, as predicates do).
 */
public final class LiteralIndex {
    private final LiteralAutomaton[] automata;
    private final int[] literalBase;
    private final int[][] literalClauses;
    private final int[] clauseRule;
    private final int[] ruleClauses;
    private final int[] literalSeenAt;
    private final int[] clauseSeenAt;
    private final int[] ruleSeenAt;
    private final int[] ruleSatisfied;
    private final Marker marker = new Marker();
    private int generation;

    /** Marks clauses for the literals a scan finds, each literal and clause once per event. */
    private final class Marker implements LiteralAutomaton.Hits {
        long[] bits;
        int base;

        @Override
        public void hit(int literal) {
            final int g = base + literal;
            final int gen = generation;
            if (literalSeenAt[g] == gen) {
                return;
            }
            literalSeenAt[g] = gen;
            for (int c : literalClauses[g]) {
                if (clauseSeenAt[c] != gen) {
                    clauseSeenAt[c] = gen;
                    satisfy(clauseRule[c], gen);
                }
            }
        }

        private void satisfy(int rule, int gen) {
            if (ruleSeenAt[rule] != gen) {
                ruleSeenAt[rule] = gen;
                ruleSatisfied[rule] = 0;
            }
            if (++ruleSatisfied[rule] == ruleClauses[rule]) {
                bits[rule >>> 6] |= 1L << rule;
            }
        }
    }

    private LiteralIndex(LiteralAutomaton[] automata, int[] literalBase, int[][] literalClauses, int[] clauseRule,
                         int[] ruleClauses) {
        this.automata = automata;
        this.literalBase = literalBase;
        this.literalClauses = literalClauses;
        this.clauseRule = clauseRule;
        this.ruleClauses = ruleClauses;
        this.literalSeenAt = new int[literalClauses.length];
        this.clauseSeenAt = new int[clauseRule.length];
        this.ruleSeenAt = new int[ruleClauses.length];
        this.ruleSatisfied = new int[ruleClauses.length];
    }

    /**
     * @param required each rule's requirement, by rule index; {@link RequiredLiterals#NONE} rules are not indexed
     * @param fieldCount the size of the field registry the rules were compiled with
     */
    public static LiteralIndex of(List<RequiredLiterals> required, int fieldCount) {
        final List<Map<String, List<Integer>>> byField = new ArrayList<>(fieldCount);
        for (int f = 0; f < fieldCount; f++) {
            byField.add(null);
        }
        final List<Integer> clauseRule = new ArrayList<>();
        final int[] ruleClauses = new int[required.size()];
        for (int r = 0; r < required.size(); r++) {
            final RequiredLiterals req = required.get(r);
            ruleClauses[r] = req.clauseCount();
            for (int c = 0; c < req.clauseCount(); c++) {
                final int clause = clauseRule.size();
                clauseRule.add(r);
                for (int i = 0; i < req.size(c); i++) {
                    Map<String, List<Integer>> lits = byField.get(req.fieldId(c, i));
                    if (lits == null) {
                        lits = new LinkedHashMap<>();
                        byField.set(req.fieldId(c, i), lits);
                    }
                    final List<Integer> clauses = lits.computeIfAbsent(req.literal(c, i), k -> new ArrayList<>());
                    if (clauses.isEmpty() || clauses.get(clauses.size() - 1) != clause) {
                        clauses.add(clause);
                    }
                }
            }
        }
        final LiteralAutomaton[] automata = new LiteralAutomaton[fieldCount];
        final int[] base = new int[fieldCount];
        final List<int[]> clausesOf = new ArrayList<>();
        for (int f = 0; f < fieldCount; f++) {
            final Map<String, List<Integer>> lits = byField.get(f);
            base[f] = clausesOf.size();
            if (lits == null) {
                continue;
            }
            automata[f] = LiteralAutomaton.of(new ArrayList<>(lits.keySet()));
            for (List<Integer> clauses : lits.values()) {
                clausesOf.add(clauses.stream().mapToInt(Integer::intValue).toArray());
            }
        }
        return new LiteralIndex(automata, base, clausesOf.toArray(new int[0][]),
                clauseRule.stream().mapToInt(Integer::intValue).toArray(), ruleClauses);
    }

    /** @return how many distinct (field, literal) pairs are indexed */
    public int literalCount() {
        return literalClauses.length;
    }

    /** @return true when some rule requires a literal on field {@code fieldId} */
    public boolean indexes(int fieldId) {
        return automata[fieldId] != null;
    }

    /**
     * Scans the values of {@code fieldIds} in the view's event and sets, in {@code ruleBits}, the bit of every rule
     * whose every clause has a literal found there. Bits already set stay set.
     *
     * @param fieldIds fields to scan, each indexed ({@link #indexes}); a rule with a clause on another field is
     *     never marked
     * @param ruleBits one bit per rule index, rule {@code r} at {@code ruleBits[r >>> 6] & (1L << r)}
     */
    public void mark(EventFieldView view, int[] fieldIds, long[] ruleBits) {
        if (++generation == Integer.MAX_VALUE) {
            Arrays.fill(literalSeenAt, 0);
            Arrays.fill(clauseSeenAt, 0);
            Arrays.fill(ruleSeenAt, 0);
            generation = 1;
        }
        final Marker m = marker;
        m.bits = ruleBits;
        for (int k = 0; k < fieldIds.length; k++) {
            final int f = fieldIds[k];
            final Object v = view.value(f);
            if (v == null) {
                continue;
            }
            m.base = literalBase[f];
            final LiteralAutomaton a = automata[f];
            if (v instanceof String) {
                a.scan((String) v, m);
            } else {
                scanList(a, (List<?>) v, m);
            }
        }
        m.bits = null;
    }

    private static void scanList(LiteralAutomaton a, List<?> list, Marker m) {
        for (int i = 0, n = list.size(); i < n; i++) {
            final Object item = list.get(i);
            if (item != null) {
                a.scan(item instanceof String ? (String) item : String.valueOf(item), m);
            }
        }
    }
}
