package io.watchfloor.server.api;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/** Reads typed query parameters; a bad value is an {@link IllegalArgumentException} that names it (→ 400). */
public final class QueryParams {
    private QueryParams() {
    }

    public static String string(Map<String, List<String>> q, String name) {
        final List<String> v = q.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    public static int integer(Map<String, List<String>> q, String name, int defaultValue, int min, int max) {
        final String v = string(q, name);
        if (v == null) {
            return defaultValue;
        }
        try {
            final int n = Integer.parseInt(v);
            if (n < min || n > max) {
                throw new IllegalArgumentException(name + "=" + v + " (expected: " + min + ".." + max + ")");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + "=" + v + " (expected: an integer)");
        }
    }

    /** @return epoch ms of an ISO-8601 instant or an epoch-ms number, or null when absent */
    public static Long instant(Map<String, List<String>> q, String name) {
        final String v = string(q, name);
        if (v == null) {
            return null;
        }
        try {
            return v.chars().allMatch(Character::isDigit) ? Long.parseLong(v) : Instant.parse(v).toEpochMilli();
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException(name + "=" + v + " (expected: ISO-8601 like 2026-12-03T10:00:00Z, or epoch ms)");
        }
    }
}
