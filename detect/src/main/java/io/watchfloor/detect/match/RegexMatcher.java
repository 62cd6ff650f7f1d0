package io.watchfloor.detect.match;

import com.google.re2j.Pattern;

/**
 * Sigma's {@code re} modifier on RE2/J, whose matching time is linear in the input, so a user-supplied pattern
 * cannot backtrack catastrophically. An unanchored search, as pySigma backends do.
 */
final class RegexMatcher implements ValueMatcher {
    private final Pattern pattern;

    RegexMatcher(Pattern pattern) {
        this.pattern = pattern;
    }

    /** @return the pattern as written in the rule */
    String regex() {
        return pattern.pattern();
    }

    @Override
    public boolean matches(String value) {
        return pattern.matcher(value).find();
    }
}
