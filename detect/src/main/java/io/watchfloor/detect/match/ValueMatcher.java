package io.watchfloor.detect.match;

/**
 * Tests one string value of an event against one compiled rule value. Implementations are immutable and
 * thread-safe; build them with {@link ValueMatchers}.
 */
public interface ValueMatcher {
    /** @return true when {@code value} (never null) matches */
    boolean matches(String value);
}
