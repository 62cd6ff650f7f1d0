package io.watchfloor.detect.rule;

import io.watchfloor.detect.match.InvalidDetectionException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The Sigma transformation modifiers that rewrite a rule value before it is matched: {@code base64},
 * {@code base64offset}, {@code utf16le}/{@code wide}, {@code utf16be}, {@code utf16}, {@code windash} and
 * {@code expand}. A value in flight is a {@code String} (a Sigma value, wildcards live) or a {@code byte[]} (after
 * a UTF-16 encoding, waiting for base64). Used while compiling, never per event.
 */
final class ValueTransforms {
    /** Most variants one value may expand to ({@code windash}, {@code expand}); more is rejected, not truncated. */
    static final int MAX_VARIANTS = 4096;

    /** The dashes {@code windash} substitutes (Sigma v2.1): hyphen, slash, en dash, em dash, horizontal bar. */
    private static final char[] DASHES = {'-', '/', '\u2013', '\u2014', '\u2015'};
    private static final int[] B64_OFFSET_START = {0, 2, 3};
    private static final int[] B64_OFFSET_END_TRIM = {0, 3, 2};

    private ValueTransforms() {
    }

    /** @return the UTF-16 bytes of the value; {@code utf16} adds the little-endian byte order mark */
    static Object utf16(String modifier, Object value) throws InvalidDetectionException {
        final String s = text(modifier, value);
        switch (modifier) {
            case "utf16be":
                return s.getBytes(StandardCharsets.UTF_16BE);
            case "utf16": {
                final byte[] le = s.getBytes(StandardCharsets.UTF_16LE);
                final byte[] out = new byte[le.length + 2];
                out[0] = (byte) 0xFF;
                out[1] = (byte) 0xFE;
                System.arraycopy(le, 0, out, 2, le.length);
                return out;
            }
            default:
                return s.getBytes(StandardCharsets.UTF_16LE);
        }
    }

    /** @return the standard base64 of the value (UTF-8 for a string), padding included */
    static String base64(Object value) {
        return Base64.getEncoder().encodeToString(bytes(value));
    }

    /**
     * @return the three base64 forms of the value as it appears at byte offsets 0, 1 and 2 of a larger blob, each
     *     trimmed of the characters that depend on the neighbouring bytes (pySigma's algorithm)
     */
    static List<String> base64Offset(Object value) {
        final byte[] v = bytes(value);
        final List<String> out = new ArrayList<>(3);
        for (int i = 0; i < 3; i++) {
            final byte[] shifted = new byte[v.length + i];
            for (int k = 0; k < i; k++) {
                shifted[k] = ' ';
            }
            System.arraycopy(v, 0, shifted, i, v.length);
            final String b64 = Base64.getEncoder().encodeToString(shifted);
            final int end = b64.length() - B64_OFFSET_END_TRIM[(v.length + i) % 3];
            final int start = B64_OFFSET_START[i];
            if (end > start) {
                out.add(b64.substring(start, end));
            }
        }
        return out;
    }

    /**
     * @return every variant of the value with each {@code -} or {@code /} that starts a word (regex
     *     {@code \B[-/]\b}) replaced by each of the five dashes
     */
    static List<String> windash(String modifier, Object value) throws InvalidDetectionException {
        final String s = text(modifier, value);
        final List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < s.length(); i++) {
            final char c = s.charAt(i);
            if ((c == '-' || c == '/') && (i == 0 || !isWord(s.charAt(i - 1))) && i + 1 < s.length()
                    && isWord(s.charAt(i + 1))) {
                positions.add(i);
            }
        }
        List<String> out = List.of(s);
        for (int pos : positions) {
            if ((long) out.size() * DASHES.length > MAX_VARIANTS) {
                throw new InvalidDetectionException("value_invalid", "windash gives more than " + MAX_VARIANTS
                        + " variants of '" + s + "'");
            }
            final List<String> next = new ArrayList<>(out.size() * DASHES.length);
            for (String v : out) {
                for (char d : DASHES) {
                    next.add(v.substring(0, pos) + d + v.substring(pos + 1));
                }
            }
            out = next;
        }
        return out;
    }

    /**
     * @return the value with each {@code %name%} placeholder replaced by each of its configured values (every
     *     combination); {@code \%} is a literal percent sign
     * @throws InvalidDetectionException with code {@code placeholder_unknown} for a placeholder not configured
     */
    static List<String> expand(Object value, Map<String, List<String>> placeholders) throws InvalidDetectionException {
        final String s = text("expand", value);
        List<StringBuilder> out = new ArrayList<>();
        out.add(new StringBuilder());
        int i = 0;
        while (i < s.length()) {
            final char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() && s.charAt(i + 1) == '%') {
                for (StringBuilder b : out) {
                    b.append('%');
                }
                i += 2;
                continue;
            }
            final int close = c == '%' ? s.indexOf('%', i + 1) : -1;
            if (close < 0) {
                for (StringBuilder b : out) {
                    b.append(c);
                }
                i++;
                continue;
            }
            final String name = s.substring(i + 1, close);
            final List<String> values = placeholders.get(name);
            if (values == null || values.isEmpty()) {
                throw new InvalidDetectionException("placeholder_unknown", "placeholder '%" + name
                        + "%' is not configured");
            }
            if ((long) out.size() * values.size() > MAX_VARIANTS) {
                throw new InvalidDetectionException("value_invalid", "expand gives more than " + MAX_VARIANTS
                        + " variants of '" + s + "'");
            }
            final List<StringBuilder> next = new ArrayList<>(out.size() * values.size());
            for (StringBuilder b : out) {
                for (String v : values) {
                    next.add(new StringBuilder(b).append(v));
                }
            }
            out = next;
            i = close + 1;
        }
        final List<String> result = new ArrayList<>(out.size());
        for (StringBuilder b : out) {
            result.add(b.toString());
        }
        return result;
    }

    private static boolean isWord(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    private static String text(String modifier, Object value) throws InvalidDetectionException {
        if (value instanceof String) {
            return (String) value;
        }
        throw new InvalidDetectionException("modifier_invalid", "modifier '" + modifier
                + "' cannot follow an encoding modifier");
    }

    private static byte[] bytes(Object value) {
        return value instanceof byte[] ? (byte[]) value : ((String) value).getBytes(StandardCharsets.UTF_8);
    }
}
