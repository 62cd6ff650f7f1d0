package io.watchfloor.ingest.syslog;

/** Byte-level character tests and small number readers shared by the syslog parsers. */
final class SyslogBytes {
    static final byte SP = ' ';

    /** Powers of ten turning {@code n} fraction digits into nanoseconds: {@code value * NANOS_SCALE[n]}. */
    private static final int[] NANOS_SCALE = {1_000_000_000, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000,
        1_000, 100, 10, 1};

    private SyslogBytes() {
    }

    static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    static boolean isAlpha(byte b) {
        final int lower = b | 0x20;
        return lower >= 'a' && lower <= 'z';
    }

    static boolean isAlnum(byte b) {
        return isDigit(b) || isAlpha(b);
    }

    /** @return the two-digit number at {@code i}, or -1 when either byte is not a digit (caller checks bounds) */
    static int twoDigits(byte[] b, int i) {
        final int hi = b[i] - '0';
        final int lo = b[i + 1] - '0';
        return (hi | lo) < 0 || hi > 9 || lo > 9 ? -1 : hi * 10 + lo;
    }

    /** @return the four-digit number at {@code i}, or -1 when a byte is not a digit (caller checks bounds) */
    static int fourDigits(byte[] b, int i) {
        final int hi = twoDigits(b, i);
        final int lo = twoDigits(b, i + 2);
        return (hi | lo) < 0 ? -1 : hi * 100 + lo;
    }

    /** @return nanoseconds for a fraction {@code value} written with {@code digits} digits (0–9) */
    static int fractionNanos(int value, int digits) {
        return value * NANOS_SCALE[digits];
    }

    /**
     * @return the month (1–12) named by the three letters at {@code i} in any case, or -1
     */
    static int month(byte[] b, int i, int end) {
        if (i + 3 > end) {
            return -1;
        }
        final int key = ((b[i] | 0x20) << 16) | ((b[i + 1] | 0x20) << 8) | (b[i + 2] | 0x20);
        switch (key) {
            case ('j' << 16) | ('a' << 8) | 'n': return 1;
            case ('f' << 16) | ('e' << 8) | 'b': return 2;
            case ('m' << 16) | ('a' << 8) | 'r': return 3;
            case ('a' << 16) | ('p' << 8) | 'r': return 4;
            case ('m' << 16) | ('a' << 8) | 'y': return 5;
            case ('j' << 16) | ('u' << 8) | 'n': return 6;
            case ('j' << 16) | ('u' << 8) | 'l': return 7;
            case ('a' << 16) | ('u' << 8) | 'g': return 8;
            case ('s' << 16) | ('e' << 8) | 'p': return 9;
            case ('o' << 16) | ('c' << 8) | 't': return 10;
            case ('n' << 16) | ('o' << 8) | 'v': return 11;
            case ('d' << 16) | ('e' << 8) | 'c': return 12;
            default: return -1;
        }
    }
}
