package io.watchfloor.detect.extract;

/** Byte scanning shared by the extractors: ASCII literals, tokens and address shapes, without allocation. */
final class MessageScan {
    private MessageScan() {
    }

    /** @return the index of ASCII {@code needle} in {@code b[from, to)}, or -1 */
    static int indexOf(byte[] b, int from, int to, String needle) {
        final int n = needle.length();
        if (n == 0) {
            return from;
        }
        final byte first = (byte) needle.charAt(0);
        for (int i = from, last = to - n; i <= last; i++) {
            if (b[i] == first && regionEquals(b, i, needle)) {
                return i;
            }
        }
        return -1;
    }

    /** @return true when {@code b[at, to)} starts with ASCII {@code prefix} */
    static boolean startsWith(byte[] b, int at, int to, String prefix) {
        return to - at >= prefix.length() && regionEquals(b, at, prefix);
    }

    private static boolean regionEquals(byte[] b, int at, String s) {
        for (int k = 0; k < s.length(); k++) {
            if (b[at + k] != (byte) s.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** @return the index of the first space at or after {@code from}, or {@code to} */
    static int tokenEnd(byte[] b, int from, int to) {
        int i = from;
        while (i < to && b[i] != ' ') {
            i++;
        }
        return i;
    }

    /** @return the index of the first byte at or after {@code from} that is not a space, or {@code to} */
    static int skipSpaces(byte[] b, int from, int to) {
        int i = from;
        while (i < to && b[i] == ' ') {
            i++;
        }
        return i;
    }

    /** @return the index of {@code c} in {@code b[from, to)}, or -1 */
    static int indexOf(byte[] b, int from, int to, char c) {
        for (int i = from; i < to; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    /** @return true when {@code b[from, to)} is non-empty and all ASCII digits */
    static boolean isDigits(byte[] b, int from, int to) {
        if (to <= from) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (b[i] < '0' || b[i] > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * @return true when {@code b[from, to)} looks like an IP address: dotted-quad digits, or hex groups with at
     *     least two colons (IPv6, possibly ending in a dotted quad)
     */
    static boolean isIpShaped(byte[] b, int from, int to) {
        if (to - from < 2 || to - from > 45) {
            return false;
        }
        int dots = 0;
        int colons = 0;
        boolean hexLetter = false;
        for (int i = from; i < to; i++) {
            final byte c = b[i];
            if (c == '.') {
                dots++;
            } else if (c == ':') {
                colons++;
            } else if ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')) {
                hexLetter = true;
            } else if (c < '0' || c > '9') {
                return false;
            }
        }
        if (colons >= 2) {
            return dots == 0 || dots == 3;
        }
        return colons == 0 && dots == 3 && !hexLetter;
    }
}
