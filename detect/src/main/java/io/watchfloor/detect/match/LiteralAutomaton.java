package io.watchfloor.detect.match;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An Aho-Corasick automaton over folded UTF-16 characters: one pass over a value reports every literal occurring in
 * it, in time linear in the value's length plus the occurrences, whatever the number of literals.
 *
 * <p>Layout, for a scan that stays in cache: characters map to a compact alphabet (class 0 for a character in no
 * literal, which sends any state back to the root without a lookup). States are numbered breadth-first; the states
 * of depth 2 or less, where most characters of a scan are read, have complete dense rows over the alphabet. Deeper
 * states keep their children (sorted {@code class << 32 | target}) and a failure link, and their fields sit
 * together in one {@code int[]} stride. Outputs are chained through dictionary links, so each occurrence costs one
 * step. Immutable and thread-safe; scanning allocates nothing.
 */
final class LiteralAutomaton {
    /** Receives the literals a scan finds; called once per occurrence. */
    interface Hits {
        /** @param literal the index of the literal in the list the automaton was built from */
        void hit(int literal);
    }

    /** Ints per state in {@link #info}: first child, end of children, failure state, first output state. */
    private static final int STRIDE = 4;
    /**
     * States this shallow get dense rows. Measured on the corpus's Windows events: depth 2 scans CommandLine at
     * 10.8 ns per character against 17.0 with depth 1; depth 3 is slower again (its table leaves the cache).
     */
    private static final int DENSE_DEPTH = 2;
    /** Most dense-row entries (4 bytes each); past it, deeper states of the bound depth stay sparse. */
    static final int MAX_DENSE_ENTRIES = 1 << 20;
    /** Rows longer than this are binary-searched rather than scanned. */
    private static final int LINEAR_CHILDREN = 8;
    private static final char[] FOLD_ASCII = new char[128];

    static {
        for (char c = 0; c < 128; c++) {
            FOLD_ASCII[c] = WildcardMatcher.fold(c);
        }
    }

    private final char[] asciiClass;
    private final char[] otherChars;
    private final char[] otherClass;
    private final int classes;
    private final int lastDense;
    private final int[] dense;
    private final int[] info;
    private final long[] children;
    private final int[] output;
    private final int[] nextOutput;

    private LiteralAutomaton(char[] asciiClass, char[] otherChars, char[] otherClass, int classes, int lastDense,
                             int[] dense, int[] info, long[] children, int[] output, int[] nextOutput) {
        this.asciiClass = asciiClass;
        this.otherChars = otherChars;
        this.otherClass = otherClass;
        this.classes = classes;
        this.lastDense = lastDense;
        this.dense = dense;
        this.info = info;
        this.children = children;
        this.output = output;
        this.nextOutput = nextOutput;
    }

    /**
     * @param literals distinct, non-empty, already folded; literal {@code i} is reported as {@code i}
     * @throws IllegalArgumentException for an empty or repeated literal
     */
    static LiteralAutomaton of(List<String> literals) {
        // the alphabet: class 0 is every character no literal holds
        final TreeSet<Character> alphabet = new TreeSet<>();
        for (int id = 0; id < literals.size(); id++) {
            final String lit = literals.get(id);
            if (lit.isEmpty()) {
                throw new IllegalArgumentException("literal " + id + " is empty (expected: at least one character)");
            }
            for (int i = 0; i < lit.length(); i++) {
                alphabet.add(lit.charAt(i));
            }
        }
        final Map<Character, Character> classOf = new TreeMap<>();
        for (char c : alphabet) {
            classOf.put(c, (char) (classOf.size() + 1));
        }
        final int classes = classOf.size() + 1;
        // the trie over classes, built with maps: start-up only
        final List<TreeMap<Integer, Integer>> trie = new ArrayList<>();
        final List<Integer> terminal = new ArrayList<>();
        trie.add(new TreeMap<>());
        terminal.add(-1);
        for (int id = 0; id < literals.size(); id++) {
            final String lit = literals.get(id);
            int s = 0;
            for (int i = 0; i < lit.length(); i++) {
                final int k = classOf.get(lit.charAt(i));
                final Integer next = trie.get(s).get(k);
                if (next != null) {
                    s = next;
                } else {
                    trie.add(new TreeMap<>());
                    terminal.add(-1);
                    trie.get(s).put(k, trie.size() - 1);
                    s = trie.size() - 1;
                }
            }
            if (terminal.get(s) >= 0) {
                throw new IllegalArgumentException("literal '" + lit + "' is repeated (expected: distinct literals)");
            }
            terminal.set(s, id);
        }
        // renumber breadth-first: the root and depth 1 come first, parents before children
        final int n = trie.size();
        final int[] order = new int[n];
        final int[] newId = new int[n];
        final ArrayDeque<Integer> queue = new ArrayDeque<>();
        queue.add(0);
        int next = 0;
        while (!queue.isEmpty()) {
            final int s = queue.poll();
            order[next] = s;
            newId[s] = next++;
            queue.addAll(trie.get(s).values());
        }
        final List<TreeMap<Integer, Integer>> goTo = new ArrayList<>(n);
        final int[] output = new int[n];
        for (int t = 0; t < n; t++) {
            final TreeMap<Integer, Integer> row = new TreeMap<>();
            for (Map.Entry<Integer, Integer> c : trie.get(order[t]).entrySet()) {
                row.put(c.getKey(), newId[c.getValue()]);
            }
            goTo.add(row);
            output[t] = terminal.get(order[t]);
        }
        final int[] depth = new int[n];
        for (int t = 0; t < n; t++) {
            for (int child : goTo.get(t).values()) {
                depth[child] = depth[t] + 1;
            }
        }
        // breadth-first numbering puts the shallow states first: the dense ones are a prefix
        int lastDense = 0;
        while (lastDense + 1 < n && depth[lastDense + 1] <= DENSE_DEPTH
                && (long) (lastDense + 2) * classes <= MAX_DENSE_ENTRIES) {
            lastDense++;
        }
        // failure and dictionary links, breadth-first: a failure state is always shallower, so numbered lower
        final int[] fail = new int[n];
        final int[] nextOutput = new int[n];
        final int[] firstOutput = new int[n];
        nextOutput[0] = -1;
        firstOutput[0] = -1;
        for (int t = 0; t < n; t++) {
            for (Map.Entry<Integer, Integer> c : goTo.get(t).entrySet()) {
                final int child = c.getValue();
                int target = 0;
                if (t != 0) {
                    int f = fail[t];
                    while (f != 0 && !goTo.get(f).containsKey(c.getKey())) {
                        f = fail[f];
                    }
                    target = goTo.get(f).getOrDefault(c.getKey(), 0);
                }
                fail[child] = target;
                nextOutput[child] = output[target] >= 0 ? target : nextOutput[target];
                firstOutput[child] = output[child] >= 0 ? child : nextOutput[child];
            }
        }
        // dense rows of the shallow states: a child, else what the (shallower, already complete) failure state does
        final int[] dense = new int[(lastDense + 1) * classes];
        for (int s = 0; s <= lastDense; s++) {
            for (int k = 1; k < classes; k++) {
                final Integer child = goTo.get(s).get(k);
                dense[s * classes + k] = child != null ? child : s == 0 ? 0 : dense[fail[s] * classes + k];
            }
        }
        final int[] info = new int[n * STRIDE];
        final List<Long> kids = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            info[t * STRIDE] = kids.size();
            if (t > lastDense) {
                for (Map.Entry<Integer, Integer> c : goTo.get(t).entrySet()) {
                    kids.add((long) c.getKey() << 32 | c.getValue());
                }
            }
            info[t * STRIDE + 1] = kids.size();
            info[t * STRIDE + 2] = fail[t];
            info[t * STRIDE + 3] = firstOutput[t];
        }
        final char[] asciiClass = new char[128];
        for (char c = 0; c < 128; c++) {
            asciiClass[c] = classOf.getOrDefault(FOLD_ASCII[c], (char) 0);
        }
        final List<Character> other = new ArrayList<>();
        for (char c : alphabet) {
            if (c >= 128) {
                other.add(c);
            }
        }
        final char[] otherChars = new char[other.size()];
        final char[] otherClass = new char[other.size()];
        for (int i = 0; i < otherChars.length; i++) {
            otherChars[i] = other.get(i);
            otherClass[i] = classOf.get(other.get(i));
        }
        return new LiteralAutomaton(asciiClass, otherChars, otherClass, classes, lastDense, dense, info,
                kids.stream().mapToLong(Long::longValue).toArray(), output, nextOutput);
    }

    /** @return how many states the automaton has, root included */
    int states() {
        return output.length;
    }

    /**
     * Reports each occurrence of each literal in {@code value}, folded with {@link WildcardMatcher#fold}, to
     * {@code hits}, in order of the occurrences' ends.
     */
    void scan(String value, Hits hits) {
        // local loads of the fields: the loop runs per character
        final char[] ascii = asciiClass;
        final int[] in = info;
        int s = 0;
        for (int i = 0, n = value.length(); i < n; i++) {
            final char raw = value.charAt(i);
            // a non-ASCII character may fold into ASCII (the Kelvin sign into k)
            final char c = raw < 128 ? raw : WildcardMatcher.fold(raw);
            final int k = c < 128 ? ascii[c] : otherClass(c);
            if (k == 0) {
                s = 0;
                continue;
            }
            s = step(s, k);
            if (in[s * STRIDE + 3] >= 0) {
                report(s, hits);
            }
        }
    }

    private int step(int state, int k) {
        int s = state;
        while (s > lastDense) {
            final int t = child(s, k);
            if (t >= 0) {
                return t;
            }
            s = info[s * STRIDE + 2];
        }
        return dense[s * classes + k];
    }

    private void report(int state, Hits hits) {
        int o = info[state * STRIDE + 3];
        while (o >= 0) {
            hits.hit(output[o]);
            o = nextOutput[o];
        }
    }

    /** @return the child of deep state {@code s} on class {@code k}, or -1 */
    private int child(int s, int k) {
        final long[] kids = children;
        int lo = info[s * STRIDE];
        int hi = info[s * STRIDE + 1] - 1;
        if (hi - lo < LINEAR_CHILDREN) {
            for (int i = lo; i <= hi; i++) {
                if ((int) (kids[i] >>> 32) == k) {
                    return (int) kids[i];
                }
            }
            return -1;
        }
        while (lo <= hi) {
            final int mid = (lo + hi) >>> 1;
            final int key = (int) (kids[mid] >>> 32);
            if (key < k) {
                lo = mid + 1;
            } else if (key > k) {
                hi = mid - 1;
            } else {
                return (int) kids[mid];
            }
        }
        return -1;
    }

    /** @return the alphabet class of a folded non-ASCII character, 0 when no literal holds it */
    private int otherClass(char c) {
        int lo = 0;
        int hi = otherChars.length - 1;
        while (lo <= hi) {
            final int mid = (lo + hi) >>> 1;
            if (otherChars[mid] < c) {
                lo = mid + 1;
            } else if (otherChars[mid] > c) {
                hi = mid - 1;
            } else {
                return otherClass[mid];
            }
        }
        return 0;
    }
}
