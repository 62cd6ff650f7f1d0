package io.watchfloor.detect.match;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * What every match of an RE2 pattern holds: literals, one of which occurs in any text the pattern {@code find}s a
 * match in (compared after {@link WildcardMatcher#fold folding}), and a minimum length in code points.
 *
 * <p>Conservative by construction: a sequence contributes its runs of ASCII literal characters that no quantifier
 * makes optional, a group contributes its own requirement unless it may repeat zero times, an alternation
 * contributes the union of its branches' requirements only when every branch has one. Anything not understood
 * (octal or {@code \Q} escapes, a brace that is not a repetition, look-around) gives no requirement at all, so the
 * rule is always evaluated. Used while rules compile, never per event.
 */
final class RegexLiterals {
    /** Most alternatives one requirement keeps; a wider alternation gives no requirement. */
    static final int MAX_ALTERNATIVES = 64;
    /** Longer runs compare equal when choosing: past this length a literal is selective enough. */
    static final int SELECTIVE_LENGTH = 8;

    /** Minimum lengths are counted up to this; longer ones are cut to it. */
    static final int MAX_COUNTED_LENGTH = 1 << 20;

    private final String re;
    private int pos;
    private boolean failed;
    /** Least code points the construct parsed last matches: set by {@link #alternation}, {@link #group}, escapes. */
    private int width;

    private RegexLiterals(String re) {
        this.re = re;
    }

    /**
     * @param regex an RE2 pattern (flags do not matter: the literals are folded)
     * @return folded literals, one of which occurs in every value the pattern finds a match in; null when the
     *     pattern has no such literal or is not understood
     */
    static List<String> required(String regex) {
        final RegexLiterals p = new RegexLiterals(regex);
        final List<String> r = p.alternation();
        if (p.failed || p.pos != regex.length()) {
            return null;
        }
        return r;
    }

    /**
     * @param regex an RE2 pattern
     * @return the fewest code points any match of the pattern spans (so a shorter value cannot contain a match), or
     *     0 when the pattern is not understood
     */
    static int minLength(String regex) {
        final RegexLiterals p = new RegexLiterals(regex);
        p.alternation();
        if (p.failed || p.pos != regex.length()) {
            return 0;
        }
        return p.width;
    }

    /**
     * @return true when requirement {@code a} is expected to let fewer values through than {@code b}: a longer
     *     shortest literal (up to {@link #SELECTIVE_LENGTH}), then fewer alternatives, then a longer shortest literal
     */
    static boolean moreSelective(int aMinLength, int aCount, int bMinLength, int bCount) {
        final int a = Math.min(aMinLength, SELECTIVE_LENGTH);
        final int b = Math.min(bMinLength, SELECTIVE_LENGTH);
        if (a != b) {
            return a > b;
        }
        if (aCount != bCount) {
            return aCount < bCount;
        }
        return aMinLength > bMinLength;
    }

    private List<String> alternation() {
        final List<List<String>> branches = new ArrayList<>();
        branches.add(sequence());
        int least = width;
        while (!failed && pos < re.length() && re.charAt(pos) == '|') {
            pos++;
            branches.add(sequence());
            least = Math.min(least, width);
        }
        width = least;
        if (failed) {
            return null;
        }
        final LinkedHashSet<String> union = new LinkedHashSet<>();
        for (List<String> b : branches) {
            if (b == null) {
                return null;
            }
            union.addAll(b);
        }
        return union.size() > MAX_ALTERNATIVES ? null : List.copyOf(union);
    }

    private List<String> sequence() {
        List<String> best = null;
        final StringBuilder run = new StringBuilder();
        long length = 0;
        while (!failed && pos < re.length()) {
            final char c = re.charAt(pos);
            if (c == '|' || c == ')') {
                break;
            }
            int literal = -1;
            List<String> group = null;
            int atomWidth = 1;
            switch (c) {
                case '(':
                    group = group();
                    atomWidth = width;
                    break;
                case '[':
                    skipClass();
                    break;
                case '\\':
                    literal = escape();
                    atomWidth = width;
                    break;
                case '.':
                    pos++;
                    break;
                case '^':
                case '$':
                    pos++;
                    atomWidth = 0;
                    break;
                case '*':
                case '+':
                case '?':
                case '{':
                    failed = true;
                    break;
                default:
                    pos++;
                    literal = c < 128 ? c : -1;
                    break;
            }
            if (failed) {
                return null;
            }
            final int min = quantifierMin();
            if (failed) {
                return null;
            }
            length = Math.min(MAX_COUNTED_LENGTH, length + (long) atomWidth * (min < 0 ? 1 : min));
            if (literal >= 0 && min != 0) {
                run.append(foldAscii((char) literal));
                if (min > 0) {
                    // x+ or x{2,}: the first x follows the run directly, what comes after it may not
                    best = better(best, run);
                }
            } else {
                best = better(best, run);
                if (group != null && min != 0) {
                    best = better(best, group);
                }
            }
        }
        width = (int) length;
        return better(best, run);
    }

    /** @return the run as a requirement if it beats {@code best}; empties the run */
    private static List<String> better(List<String> best, StringBuilder run) {
        if (run.length() == 0) {
            return best;
        }
        final List<String> candidate = List.of(run.toString());
        run.setLength(0);
        return better(best, candidate);
    }

    private static List<String> better(List<String> best, List<String> candidate) {
        if (best == null) {
            return candidate;
        }
        return moreSelective(minLength(candidate), candidate.size(), minLength(best), best.size()) ? candidate : best;
    }

    static int minLength(List<String> literals) {
        int min = Integer.MAX_VALUE;
        for (String s : literals) {
            min = Math.min(min, s.length());
        }
        return min;
    }

    /** @return the group's requirement (null for none); consumes through the closing parenthesis */
    private List<String> group() {
        pos++;
        if (pos < re.length() && re.charAt(pos) == '?') {
            pos++;
            if (startsWith("P<") || startsWith("<")) {
                final int close = re.indexOf('>', pos);
                if (close < 0) {
                    failed = true;
                    return null;
                }
                pos = close + 1;
            } else {
                while (pos < re.length() && "imsU-".indexOf(re.charAt(pos)) >= 0) {
                    pos++;
                }
                if (pos < re.length() && re.charAt(pos) == ')') {
                    // (?i): flags only, zero width; folding already covers case-insensitivity
                    pos++;
                    width = 0;
                    return null;
                }
                if (pos >= re.length() || re.charAt(pos) != ':') {
                    failed = true;
                    return null;
                }
                pos++;
            }
        }
        final List<String> inner = alternation();
        if (failed || pos >= re.length() || re.charAt(pos) != ')') {
            failed = true;
            return null;
        }
        pos++;
        return inner;
    }

    private boolean startsWith(String s) {
        return re.startsWith(s, pos);
    }

    /** Skips a character class: it stands for one character, never a literal run. */
    private void skipClass() {
        pos++;
        if (pos < re.length() && re.charAt(pos) == '^') {
            pos++;
        }
        if (pos < re.length() && re.charAt(pos) == ']') {
            pos++;
        }
        while (pos < re.length()) {
            final char c = re.charAt(pos);
            if (c == ']') {
                pos++;
                return;
            }
            if (c == '\\') {
                pos++;
                if (pos >= re.length()) {
                    break;
                }
                final char e = re.charAt(pos++);
                if ((e == 'x' || e == 'p' || e == 'P') && pos < re.length() && re.charAt(pos) == '{') {
                    skipBraces();
                }
            } else if (c == '[' && pos + 1 < re.length() && re.charAt(pos + 1) == ':') {
                final int end = re.indexOf(":]", pos + 2);
                if (end < 0) {
                    break;
                }
                pos = end + 2;
            } else {
                pos++;
            }
        }
        failed = true;
    }

    private void skipBraces() {
        final int close = re.indexOf('}', pos);
        if (close < 0) {
            failed = true;
        } else {
            pos = close + 1;
        }
    }

    /**
     * @return the literal character an escape stands for, or -1 for a class, an assertion or a control character;
     *     sets {@link #width} (0 for an assertion)
     */
    private int escape() {
        pos++;
        width = 1;
        if (pos >= re.length()) {
            failed = true;
            return -1;
        }
        final char c = re.charAt(pos++);
        // RE2: an escaped ASCII character that is not a letter or digit is that character
        if (c < 128 && !(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z')) {
            return c;
        }
        switch (c) {
            case 'b': case 'B': case 'A': case 'z':
                width = 0;
                return -1;
            case 'd': case 'D': case 's': case 'S': case 'w': case 'W':
            case 'a': case 'f': case 't': case 'n': case 'r': case 'v':
                return -1;
            case 'p':
            case 'P':
                if (pos < re.length() && re.charAt(pos) == '{') {
                    skipBraces();
                } else {
                    pos++;
                }
                return -1;
            case 'x':
                if (pos < re.length() && re.charAt(pos) == '{') {
                    skipBraces();
                } else {
                    pos += 2;
                }
                return -1;
            default:
                // octal, back-references, \Q...\E, \C and unknown escapes: not worth modelling
                failed = true;
                return -1;
        }
    }

    /** @return -1 without a quantifier, else the least repeat count; a stacked or malformed one fails */
    private int quantifierMin() {
        if (pos >= re.length()) {
            return -1;
        }
        final char c = re.charAt(pos);
        int min;
        if (c == '*' || c == '?') {
            min = 0;
            pos++;
        } else if (c == '+') {
            min = 1;
            pos++;
        } else if (c == '{') {
            min = repeatMin();
            if (failed) {
                return -1;
            }
        } else {
            return -1;
        }
        if (pos < re.length() && re.charAt(pos) == '?') {
            pos++;
        }
        if (pos < re.length() && "*+?{".indexOf(re.charAt(pos)) >= 0) {
            failed = true;
        }
        return min;
    }

    /** Parses {@code {n}}, {@code {n,}} or {@code {n,m}}; anything else fails (RE2 would read a literal brace). */
    private int repeatMin() {
        int p = pos + 1;
        int n = 0;
        final int digitsFrom = p;
        while (p < re.length() && Character.isDigit(re.charAt(p)) && p - digitsFrom < 5) {
            n = n * 10 + (re.charAt(p++) - '0');
        }
        if (p == digitsFrom) {
            failed = true;
            return -1;
        }
        if (p < re.length() && re.charAt(p) == ',') {
            p++;
            while (p < re.length() && Character.isDigit(re.charAt(p))) {
                p++;
            }
        }
        if (p >= re.length() || re.charAt(p) != '}') {
            failed = true;
            return -1;
        }
        pos = p + 1;
        return n;
    }

    private static char foldAscii(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }
}
