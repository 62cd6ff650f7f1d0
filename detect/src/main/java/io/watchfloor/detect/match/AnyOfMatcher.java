package io.watchfloor.detect.match;

/**
 * The variants one rule value was transformed into ({@code base64offset}, {@code windash}, {@code expand}): true
 * when any variant matches. A class rather than a lambda so {@link RequiredLiterals} can read the variants.
 */
final class AnyOfMatcher implements ValueMatcher {
    private final ValueMatcher[] variants;

    AnyOfMatcher(ValueMatcher[] variants) {
        this.variants = variants;
    }

    /** @return the variants; shared, not copied */
    ValueMatcher[] variants() {
        return variants;
    }

    @Override
    public boolean matches(String value) {
        for (ValueMatcher m : variants) {
            if (m.matches(value)) {
                return true;
            }
        }
        return false;
    }
}
