package io.watchfloor.detect.match;

import com.google.re2j.Pattern;

/**
 * Sigma's {@code re} modifier on RE2/J, whose matching time is linear in the input, so a user-supplied pattern
 * cannot backtrack catastrophically. An unanchored search, as pySigma backends do.
 *
 * <p>A value shorter than the pattern's shortest match ({@link RegexLiterals#minLength}, in code points; a string
 * never has fewer chars than code points) is refused without running the regex: {@code .{1000,}} or a 64-digit hash
 * pattern then costs one length check on an ordinary command line instead of an NFA pass.
 */
final class RegexMatcher implements ValueMatcher {
    private final Pattern pattern;
    private final int minChars;

    RegexMatcher(Pattern pattern) {
        this.pattern = pattern;
        this.minChars = RegexLiterals.minLength(pattern.pattern());
    }

    /** @return the pattern as written in the rule */
    String regex() {
        return pattern.pattern();
    }

    @Override
    public boolean matches(String value) {
        return value.length() >= minChars && pattern.matcher(value).find();
    }
}
