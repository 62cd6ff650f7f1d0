package io.watchfloor.detect.match;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/** Builds {@link ValueMatcher}s from Sigma rule values; called while rules compile, never per event. */
public final class ValueMatchers {
    private ValueMatchers() {
    }

    /**
     * Compiles a Sigma string value: {@code *} and {@code ?} are wildcards, {@code \*}, {@code \?} and {@code \\}
     * are their literals, and a backslash before any other character is a literal backslash.
     *
     * @param leadingStar add a {@code *} before the value (the {@code contains}/{@code endswith} transforms)
     * @param trailingStar add a {@code *} after the value ({@code contains}/{@code startswith})
     * @param cased compare case-sensitively ({@code cased} modifier); Sigma's default is case-insensitive
     */
    public static ValueMatcher wildcard(String value, boolean leadingStar, boolean trailingStar, boolean cased) {
        final int max = value.length() + 2;
        final char[] chars = new char[max];
        final byte[] kinds = new byte[max];
        int n = 0;
        if (leadingStar) {
            kinds[n++] = WildcardMatcher.STAR;
        }
        for (int i = 0; i < value.length(); i++) {
            final char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                final char next = value.charAt(i + 1);
                if (next == '*' || next == '?' || next == '\\') {
                    chars[n] = next;
                    kinds[n++] = WildcardMatcher.LITERAL;
                    i++;
                    continue;
                }
            }
            if (c == '*') {
                // consecutive stars are one star: keeps the glob scan and the shape detection simple
                if (n == 0 || kinds[n - 1] != WildcardMatcher.STAR) {
                    kinds[n++] = WildcardMatcher.STAR;
                }
            } else if (c == '?') {
                kinds[n++] = WildcardMatcher.ONE;
            } else {
                chars[n] = c;
                kinds[n++] = WildcardMatcher.LITERAL;
            }
        }
        if (trailingStar && (n == 0 || kinds[n - 1] != WildcardMatcher.STAR)) {
            kinds[n++] = WildcardMatcher.STAR;
        }
        return new WildcardMatcher(java.util.Arrays.copyOf(chars, n), java.util.Arrays.copyOf(kinds, n), cased);
    }

    /**
     * Compiles an RE2 regular expression.
     *
     * @param ignoreCase the {@code re|i} sub-modifier
     * @param multiline the {@code re|m} sub-modifier ({@code ^}/{@code $} per line)
     * @param dotAll the {@code re|s} sub-modifier ({@code .} matches newline)
     * @throws InvalidDetectionException when RE2/J cannot compile the pattern (e.g. look-around, back-references)
     */
    public static ValueMatcher regex(String regex, boolean ignoreCase, boolean multiline, boolean dotAll)
            throws InvalidDetectionException {
        int flags = 0;
        if (ignoreCase) {
            flags |= Pattern.CASE_INSENSITIVE;
        }
        if (multiline) {
            flags |= Pattern.MULTILINE;
        }
        if (dotAll) {
            flags |= Pattern.DOTALL;
        }
        try {
            return new RegexMatcher(Pattern.compile(regex, flags));
        } catch (PatternSyntaxException e) {
            throw new InvalidDetectionException("regex_unsupported", "regex not supported by RE2: " + e.getDescription() + " in '" + regex + "'");
        }
    }

    /**
     * Compiles the {@code cidr} modifier's network.
     *
     * @throws InvalidDetectionException when {@code cidr} is not an IPv4 or IPv6 network
     */
    public static ValueMatcher cidr(String cidr) throws InvalidDetectionException {
        return CidrMatcher.of(cidr);
    }

    /**
     * Compiles a numeric comparison modifier.
     *
     * @param modifier {@code lt}, {@code lte}, {@code gt} or {@code gte}
     * @throws InvalidDetectionException when {@code number} is not a decimal number
     */
    public static ValueMatcher compare(String modifier, String number) throws InvalidDetectionException {
        final double bound;
        try {
            bound = Double.parseDouble(number.trim());
        } catch (NumberFormatException e) {
            throw new InvalidDetectionException("value_invalid", "modifier '" + modifier + "' needs a number, got '" + number + "'");
        }
        return new NumberMatcher(NumberMatcher.Op.valueOf(modifier.toUpperCase(java.util.Locale.ROOT)), bound);
    }

    /** @return a matcher true when any of {@code variants} matches (the variants of one transformed rule value) */
    public static ValueMatcher anyOf(java.util.List<ValueMatcher> variants) {
        return new AnyOfMatcher(variants.toArray(new ValueMatcher[0]));
    }

    /**
     * Compiles a date-part modifier ({@code minute hour day week month year}).
     *
     * @throws InvalidDetectionException when {@code number} is not a whole number
     */
    public static ValueMatcher datePart(String modifier, String number) throws InvalidDetectionException {
        final int n;
        try {
            n = Integer.parseInt(number.trim());
        } catch (NumberFormatException e) {
            throw new InvalidDetectionException("value_invalid", "modifier '" + modifier + "' needs a whole number, got '"
                    + number + "'");
        }
        return new DatePartMatcher(DatePartMatcher.Part.valueOf(modifier.toUpperCase(java.util.Locale.ROOT)), n);
    }
}
