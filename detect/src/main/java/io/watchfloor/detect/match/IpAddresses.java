package io.watchfloor.detect.match;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Parses IP address literals to bytes without ever resolving a name. */
final class IpAddresses {
    private IpAddresses() {
    }

    /** @return 4 bytes for dotted IPv4, 16 for IPv6 (an IPv4-mapped IPv6 address gives its 4 IPv4 bytes), else null */
    static byte[] parse(String s) {
        if (s == null || s.isEmpty() || s.length() > 64) {
            return null;
        }
        if (s.indexOf(':') < 0) {
            return parseIpv4(s);
        }
        String t = s;
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1);
        }
        final int zone = t.indexOf('%');
        if (zone >= 0) {
            t = t.substring(0, zone);
        }
        for (int i = 0; i < t.length(); i++) {
            final char c = t.charAt(i);
            if (!(c == ':' || c == '.' || Character.digit(c, 16) >= 0)) {
                return null;
            }
        }
        try {
            // a string with ':' is parsed as an IPv6 literal by InetAddress; it never triggers a lookup
            return InetAddress.getByName(t.indexOf(':') >= 0 ? "[" + t + "]" : t).getAddress();
        } catch (UnknownHostException | IllegalArgumentException e) {
            return null;
        }
    }

    private static byte[] parseIpv4(String s) {
        final byte[] out = new byte[4];
        int part = 0;
        int value = -1;
        for (int i = 0; i <= s.length(); i++) {
            final char c = i < s.length() ? s.charAt(i) : '.';
            if (c == '.') {
                if (value < 0 || part > 3) {
                    return null;
                }
                out[part++] = (byte) value;
                value = -1;
            } else if (c >= '0' && c <= '9') {
                value = (value < 0 ? 0 : value * 10) + (c - '0');
                if (value > 255) {
                    return null;
                }
            } else {
                return null;
            }
        }
        return part == 4 ? out : null;
    }
}
