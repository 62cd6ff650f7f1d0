package io.watchfloor.coverage.inventory;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IPv4 or IPv6 address block ({@code 192.0.2.0/24}, {@code 2001:db8::/32}, or a bare address as a /32 or
 * /128). Immutable and thread-safe; {@link #matches} compares bytes and allocates nothing.
 *
 * <p>An IPv4 block also matches IPv4-mapped IPv6 senders ({@code ::ffff:192.0.2.1}), which dual-stack sockets
 * may report. Host bits after the prefix are ignored ({@code 192.0.2.7/24} is {@code 192.0.2.0/24}).
 */
public final class CidrBlock {
    private final byte[] network;
    private final int prefixBits;

    private CidrBlock(byte[] network, int prefixBits) {
        this.network = network;
        this.prefixBits = prefixBits;
    }

    /**
     * Parses a block; never resolves names.
     *
     * @return the block, or null when {@code text} is not an IPv4/IPv6 literal with an optional {@code /prefix}
     */
    public static CidrBlock parse(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        final int slash = text.indexOf('/');
        final String addressText = slash < 0 ? text : text.substring(0, slash);
        final byte[] address = addressText.indexOf(':') >= 0 ? parseIpv6(addressText) : parseIpv4(addressText);
        if (address == null) {
            return null;
        }
        final int maxBits = address.length * 8;
        int prefix = maxBits;
        if (slash >= 0) {
            final String p = text.substring(slash + 1);
            if (p.isEmpty() || p.length() > 3) {
                return null;
            }
            prefix = 0;
            for (int i = 0; i < p.length(); i++) {
                final char c = p.charAt(i);
                if (c < '0' || c > '9') {
                    return null;
                }
                prefix = prefix * 10 + (c - '0');
            }
            if (prefix > maxBits) {
                return null;
            }
        }
        for (int bit = prefix; bit < maxBits; bit++) {
            address[bit >> 3] &= (byte) ~(0x80 >>> (bit & 7));
        }
        return new CidrBlock(address, prefix);
    }

    private static byte[] parseIpv4(String s) {
        final byte[] out = new byte[4];
        int part = 0;
        int value = 0;
        int digits = 0;
        for (int i = 0; i <= s.length(); i++) {
            final char c = i < s.length() ? s.charAt(i) : '.';
            if (c == '.') {
                if (digits == 0 || part == 4) {
                    return null;
                }
                out[part++] = (byte) value;
                value = 0;
                digits = 0;
            } else if (c >= '0' && c <= '9' && digits < 3) {
                value = value * 10 + (c - '0');
                digits++;
                if (value > 255) {
                    return null;
                }
            } else {
                return null;
            }
        }
        return part == 4 ? out : null;
    }

    private static byte[] parseIpv6(String s) {
        for (int i = 0; i < s.length(); i++) {
            final char c = s.charAt(i);
            final boolean ok = c == ':' || c == '.' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')
                    || (c >= 'A' && c <= 'F');
            if (!ok) {
                return null;
            }
        }
        try {
            // A literal containing ':' is parsed as IPv6 text by InetAddress and never looked up in DNS.
            final byte[] b = InetAddress.getByName(s).getAddress();
            if (b.length == 4) {
                // ::ffff:a.b.c.d comes back as IPv4; keep it as the IPv6 form the user wrote.
                final byte[] mapped = new byte[16];
                mapped[10] = (byte) 0xff;
                mapped[11] = (byte) 0xff;
                System.arraycopy(b, 0, mapped, 12, 4);
                return mapped;
            }
            return b;
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** @return true for an IPv4 block */
    public boolean isIpv4() {
        return network.length == 4;
    }

    /** @return the prefix length in bits */
    public int prefixBits() {
        return prefixBits;
    }

    /**
     * @param address a 4- or 16-byte address (as {@link InetAddress#getAddress()} returns)
     * @return true when the address is inside this block
     */
    public boolean matches(byte[] address) {
        if (address == null) {
            return false;
        }
        if (address.length == network.length) {
            return matchesAt(address, 0);
        }
        if (network.length == 4 && address.length == 16 && isIpv4Mapped(address)) {
            return matchesAt(address, 12);
        }
        return false;
    }

    private boolean matchesAt(byte[] address, int from) {
        final int fullBytes = prefixBits >> 3;
        for (int i = 0; i < fullBytes; i++) {
            if (address[from + i] != network[i]) {
                return false;
            }
        }
        final int rest = prefixBits & 7;
        if (rest == 0) {
            return true;
        }
        final int mask = (0xff << (8 - rest)) & 0xff;
        return (address[from + fullBytes] & mask) == (network[fullBytes] & 0xff);
    }

    private static boolean isIpv4Mapped(byte[] a) {
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return a[10] == (byte) 0xff && a[11] == (byte) 0xff;
    }
}
