package io.watchfloor.detect.match;

/**
 * Matches a Sigma string value with {@code *} (any run of characters) and {@code ?} (exactly one character),
 * anchored at both ends, case-insensitively unless compiled as cased.
 *
 * <p>The common shapes (literal, {@code lit*}, {@code *lit}, {@code *lit*}) take a fast path without backtracking;
 * the general glob uses the classic single-backtrack-point scan, which is O(value × pattern) at worst.
 */
final class WildcardMatcher implements ValueMatcher {
    static final byte LITERAL = 0;
    static final byte STAR = 1;
    static final byte ONE = 2;

    private static final int EXACT = 0;
    private static final int PREFIX = 1;
    private static final int SUFFIX = 2;
    private static final int CONTAINS = 3;
    private static final int GLOB = 4;

    private final char[] chars;
    private final byte[] kinds;
    private final boolean cased;
    private final int shape;
    private final char[] literal;

    WildcardMatcher(char[] chars, byte[] kinds, boolean cased) {
        this.cased = cased;
        this.chars = chars;
        this.kinds = kinds;
        if (!cased) {
            for (int i = 0; i < chars.length; i++) {
                chars[i] = fold(chars[i]);
            }
        }
        int stars = 0;
        int ones = 0;
        for (byte k : kinds) {
            if (k == STAR) {
                stars++;
            } else if (k == ONE) {
                ones++;
            }
        }
        final int n = kinds.length;
        final boolean leading = n > 0 && kinds[0] == STAR;
        final boolean trailing = n > 1 && kinds[n - 1] == STAR;
        if (ones == 0 && stars == 0) {
            shape = EXACT;
            literal = chars;
        } else if (ones == 0 && stars == 1 && trailing) {
            shape = PREFIX;
            literal = java.util.Arrays.copyOf(chars, n - 1);
        } else if (ones == 0 && stars == 1 && leading) {
            shape = SUFFIX;
            literal = java.util.Arrays.copyOfRange(chars, 1, n);
        } else if (ones == 0 && stars == 2 && leading && trailing) {
            shape = CONTAINS;
            literal = java.util.Arrays.copyOfRange(chars, 1, n - 1);
        } else {
            shape = GLOB;
            literal = null;
        }
    }

    /**
     * @return the longest run of literal characters between wildcards, in the folded form {@link #fold} gives the
     *     event's characters (so a match implies the run occurs in the folded value), or null when the pattern has
     *     no literal character
     */
    String longestLiteral() {
        int bestFrom = 0;
        int bestLength = 0;
        int from = 0;
        for (int i = 0; i <= kinds.length; i++) {
            if (i == kinds.length || kinds[i] != LITERAL) {
                if (i - from > bestLength) {
                    bestFrom = from;
                    bestLength = i - from;
                }
                from = i + 1;
            }
        }
        if (bestLength == 0) {
            return null;
        }
        final char[] out = new char[bestLength];
        for (int i = 0; i < bestLength; i++) {
            final char c = chars[bestFrom + i];
            // uncased chars are stored folded already: folding again could differ from what matching compares
            out[i] = cased ? fold(c) : c;
        }
        return new String(out);
    }

    /** Folds a character for case-insensitive comparison, as {@link String#regionMatches(boolean, int, String, int, int)} does. */
    static char fold(char c) {
        return Character.toLowerCase(Character.toUpperCase(c));
    }

    private boolean eq(char patternChar, char valueChar) {
        return patternChar == (cased ? valueChar : fold(valueChar));
    }

    @Override
    public boolean matches(String value) {
        switch (shape) {
            case EXACT:
                return value.length() == literal.length && regionEquals(value, 0);
            case PREFIX:
                return value.length() >= literal.length && regionEquals(value, 0);
            case SUFFIX:
                return value.length() >= literal.length && regionEquals(value, value.length() - literal.length);
            case CONTAINS:
                return contains(value);
            default:
                return glob(value);
        }
    }

    private boolean regionEquals(String value, int from) {
        final char[] lit = literal;
        for (int i = 0; i < lit.length; i++) {
            if (!eq(lit[i], value.charAt(from + i))) {
                return false;
            }
        }
        return true;
    }

    private boolean contains(String value) {
        final int last = value.length() - literal.length;
        for (int from = 0; from <= last; from++) {
            if (regionEquals(value, from)) {
                return true;
            }
        }
        return false;
    }

    private boolean glob(String value) {
        final char[] pc = chars;
        final byte[] pk = kinds;
        final int m = pk.length;
        final int n = value.length();
        int p = 0;
        int s = 0;
        int starP = -1;
        int starS = 0;
        while (s < n) {
            if (p < m && pk[p] != STAR && (pk[p] == ONE || eq(pc[p], value.charAt(s)))) {
                p++;
                s++;
            } else if (p < m && pk[p] == STAR) {
                starP = p++;
                starS = s;
            } else if (starP >= 0) {
                p = starP + 1;
                s = ++starS;
            } else {
                return false;
            }
        }
        while (p < m && pk[p] == STAR) {
            p++;
        }
        return p == m;
    }
}
