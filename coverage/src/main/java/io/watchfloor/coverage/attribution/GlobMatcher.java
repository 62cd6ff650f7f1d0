package io.watchfloor.coverage.attribution;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A compiled case-insensitive glob where {@code *} matches any run of characters and {@code ?} exactly one.
 * Matches ASCII bytes in place (no String, no allocation); bytes outside ASCII compare exactly. Immutable and
 * thread-safe.
 */
public final class GlobMatcher {
    private final byte[] pattern;
    private final String text;

    /** @param glob a glob validated by {@code InventoryLoader.isValidGlob} */
    public GlobMatcher(String glob) {
        this.text = glob;
        this.pattern = glob.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
    }

    /** @return the glob as written */
    public String glob() {
        return text;
    }

    /** @return true when {@code bytes[offset, offset+length)} matches, ignoring ASCII case */
    public boolean matches(byte[] bytes, int offset, int length) {
        final byte[] p = pattern;
        final int pEnd = p.length;
        final int tEnd = offset + length;
        int pi = 0;
        int ti = offset;
        int starP = -1;
        int starT = -1;
        while (ti < tEnd) {
            if (pi < pEnd) {
                final byte pc = p[pi];
                if (pc == '*') {
                    starP = pi++;
                    starT = ti;
                    continue;
                }
                if (pc == '?' || pc == lower(bytes[ti])) {
                    pi++;
                    ti++;
                    continue;
                }
            }
            if (starP < 0) {
                return false;
            }
            // Backtrack: let the last star swallow one more byte. Worst case O(n*m), bounded by the glob length.
            pi = starP + 1;
            ti = ++starT;
        }
        while (pi < pEnd && p[pi] == '*') {
            pi++;
        }
        return pi == pEnd;
    }

    /** @return true when {@code s} matches, ignoring ASCII case; for JSON events and the API, not the syslog hot path */
    public boolean matches(CharSequence s) {
        if (s == null) {
            return false;
        }
        final byte[] bytes = s.toString().getBytes(StandardCharsets.UTF_8);
        return matches(bytes, 0, bytes.length);
    }

    private static byte lower(byte b) {
        return b >= 'A' && b <= 'Z' ? (byte) (b + 32) : b;
    }

    @Override
    public String toString() {
        return text;
    }
}
