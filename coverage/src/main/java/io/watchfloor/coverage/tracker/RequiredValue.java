package io.watchfloor.coverage.tracker;

import java.nio.charset.StandardCharsets;

/**
 * One value a source must keep sending, prepared for allocation-free comparison by {@link FieldReader#matches}.
 *
 * @param field index of its field among the source's required fields
 * @param text the value
 * @param utf8 the value's bytes
 * @param number the value as a whole number, or Long.MIN_VALUE when it is not one
 */
record RequiredValue(int field, String text, byte[] utf8, long number) {
    static RequiredValue of(int field, String text) {
        long n = Long.MIN_VALUE;
        try {
            n = Long.parseLong(text);
        } catch (NumberFormatException notNumeric) {
            // compared as text only
        }
        return new RequiredValue(field, text, text.getBytes(StandardCharsets.UTF_8), n);
    }
}
