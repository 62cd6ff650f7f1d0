package io.watchfloor.detect.match;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An Aho-Corasick automaton over folded UTF-16 characters: one pass over a value reports every literal occurring in
 * it, in time linear in the value's length plus the occurrences, whatever the number of literals.
 *
 * <p>Layout: states are numbered breadth-first, root 0. Each state's children sit sorted in one flat array
 * ({@code childStart[s]} to {@code childStart[s + 1]}); the root also has a dense table for ASCII, where most
 * characters of a scan land. A missing child follows the failure link; outputs are chained through dictionary
 * links so each occurrence costs one step. Immutable and thread-safe; scanning allocates nothing.
 */
final class LiteralAutomaton {
    /** Receives the literals a scan finds; called once per occurrence. */
    interface Hits {
        /** @param literal the index of the literal in the list the automaton was built from */
        void hit(int literal);
    }

    /** Children above this count are binary-searched rather than scanned. */
    private static final int LINEAR_CHILDREN = 8;
    private static final char[] FOLD_ASCII = new char[128];

    static {
        for (char c = 0; c < 128; c++) {
            FOLD_ASCII[c] = WildcardMatcher.fold(c);
        }
    }

    private final int[] rootAscii;
    private final int[] childStart;
    private final char[] childChars;
    private final int[] childStates;
    private final int[] fail;
    private final int[] output;
    private final int[] firstOutput;
    private final int[] nextOutput;

    private LiteralAutomaton(int[] rootAscii, int[] childStart, char[] childChars, int[] childStates, int[] fail,
                             int[] output, int[] firstOutput, int[] nextOutput) {
        this.rootAscii = rootAscii;
        this.childStart = childStart;
        this.childChars = childChars;
        this.childStates = childStates;
        this.fail = fail;
        this.output = output;
        this.firstOutput = firstOutput;
        this.nextOutput = nextOutput;
    }

    /**
     * @param literals distinct, non-empty, already folded; literal {@code i} is reported as {@code i}
     * @throws IllegalArgumentException for an empty or repeated literal
     */
    static LiteralAutomaton of(List<String> literals) {
        // the trie, built with maps: start-up only
        final List<TreeMap<Character, Integer>> children = new ArrayList<>();
        final List<Integer> terminal = new ArrayList<>();
        children.add(new TreeMap<>());
        terminal.add(-1);
        for (int id = 0; id < literals.size(); id++) {
            final String lit = literals.get(id);
            if (lit.isEmpty()) {
                throw new IllegalArgumentException("literal " + id + " is empty (expected: at least one character)");
            }
            int s = 0;
            for (int i = 0; i < lit.length(); i++) {
                final Integer next = children.get(s).get(lit.charAt(i));
                if (next != null) {
                    s = next;
                } else {
                    children.add(new TreeMap<>());
                    terminal.add(-1);
                    children.get(s).put(lit.charAt(i), children.size() - 1);
                    s = children.size() - 1;
                }
            }
            if (terminal.get(s) >= 0) {
                throw new IllegalArgumentException("literal '" + lit + "' is repeated (expected: distinct literals)");
            }
            terminal.set(s, id);
        }
        // renumber breadth-first so each state's children are contiguous and the root's come first
        final int n = children.size();
        final int[] order = new int[n];
        final int[] newId = new int[n];
        final ArrayDeque<Integer> queue = new ArrayDeque<>();
        queue.add(0);
        int next = 0;
        while (!queue.isEmpty()) {
            final int s = queue.poll();
            order[next] = s;
            newId[s] = next++;
            queue.addAll(children.get(s).values());
        }
        final int[] childStart = new int[n + 1];
        final char[] childChars = new char[n - 1];
        final int[] childStates = new int[n - 1];
        final int[] output = new int[n];
        int k = 0;
        for (int t = 0; t < n; t++) {
            final int s = order[t];
            childStart[t] = k;
            for (Map.Entry<Character, Integer> c : children.get(s).entrySet()) {
                childChars[k] = c.getKey();
                childStates[k++] = newId[c.getValue()];
            }
            output[t] = terminal.get(s);
        }
        childStart[n] = k;
        final LiteralAutomaton trie = new LiteralAutomaton(null, childStart, childChars, childStates, null, output,
                null, null);
        // failure and dictionary links, breadth-first: a state's fail state is always numbered lower
        final int[] fail = new int[n];
        final int[] nextOutput = new int[n];
        final int[] firstOutput = new int[n];
        nextOutput[0] = -1;
        firstOutput[0] = -1;
        for (int t = 0; t < n; t++) {
            for (int c = childStart[t]; c < childStart[t + 1]; c++) {
                final int child = childStates[c];
                int f = t == 0 ? -1 : fail[t];
                int target = 0;
                while (f >= 0) {
                    final int g = trie.child(f, childChars[c]);
                    if (g >= 0) {
                        target = g;
                        break;
                    }
                    f = f == 0 ? -1 : fail[f];
                }
                fail[child] = target;
                nextOutput[child] = output[target] >= 0 ? target : nextOutput[target];
                firstOutput[child] = output[child] >= 0 ? child : nextOutput[child];
            }
        }
        final int[] rootAscii = new int[128];
        for (char c = 0; c < 128; c++) {
            rootAscii[c] = Math.max(0, trie.child(0, c));
        }
        return new LiteralAutomaton(rootAscii, childStart, childChars, childStates, fail, output, firstOutput,
                nextOutput);
    }

    /** @return how many states the automaton has, root included */
    int states() {
        return fail.length;
    }

    /**
     * Reports each occurrence of each literal in {@code value}, folded with {@link WildcardMatcher#fold}, to
     * {@code hits}, in order of the occurrences' ends.
     */
    void scan(String value, Hits hits) {
        final int[] first = firstOutput;
        int s = 0;
        for (int i = 0, n = value.length(); i < n; i++) {
            final char raw = value.charAt(i);
            final char c = raw < 128 ? FOLD_ASCII[raw] : WildcardMatcher.fold(raw);
            s = step(s, c);
            int o = first[s];
            while (o >= 0) {
                hits.hit(output[o]);
                o = nextOutput[o];
            }
        }
    }

    private int step(int state, char c) {
        int s = state;
        while (s != 0) {
            final int t = child(s, c);
            if (t >= 0) {
                return t;
            }
            s = fail[s];
        }
        return c < 128 ? rootAscii[c] : Math.max(0, child(0, c));
    }

    /** @return the child of {@code s} on {@code c}, or -1 */
    private int child(int s, char c) {
        int lo = childStart[s];
        int hi = childStart[s + 1] - 1;
        if (hi - lo < LINEAR_CHILDREN) {
            for (int k = lo; k <= hi; k++) {
                if (childChars[k] == c) {
                    return childStates[k];
                }
            }
            return -1;
        }
        while (lo <= hi) {
            final int mid = (lo + hi) >>> 1;
            final char m = childChars[mid];
            if (m < c) {
                lo = mid + 1;
            } else if (m > c) {
                hi = mid - 1;
            } else {
                return childStates[mid];
            }
        }
        return -1;
    }
}
