package io.watchfloor.detect.match;

/**
 * Sigma's {@code cidr} modifier: the event value is an IPv4 or IPv6 address inside the rule's network. A value
 * that is not an IP address literal does not match; no name is ever resolved.
 */
final class CidrMatcher implements ValueMatcher {
    private final byte[] network;
    private final int prefixBits;

    private CidrMatcher(byte[] network, int prefixBits) {
        this.network = network;
        this.prefixBits = prefixBits;
    }

    /**
     * @param cidr {@code a.b.c.d/n}, {@code x::y/n}, or a single address (full-length prefix)
     * @throws InvalidDetectionException when the network or the prefix length is malformed
     */
    static CidrMatcher of(String cidr) throws InvalidDetectionException {
        final int slash = cidr.indexOf('/');
        final String address = slash < 0 ? cidr.trim() : cidr.substring(0, slash).trim();
        final byte[] net = IpAddresses.parse(address);
        if (net == null) {
            throw new InvalidDetectionException("value_invalid", "cidr '" + cidr + "' is not an IPv4 or IPv6 network");
        }
        int bits = net.length * 8;
        if (slash >= 0) {
            try {
                bits = Integer.parseInt(cidr.substring(slash + 1).trim());
            } catch (NumberFormatException e) {
                throw new InvalidDetectionException("value_invalid", "cidr '" + cidr + "' has a bad prefix length");
            }
            if (bits < 0 || bits > net.length * 8) {
                throw new InvalidDetectionException("value_invalid", "cidr '" + cidr + "' prefix length " + bits + " (expected: 0.."
                        + net.length * 8 + ")");
            }
        }
        return new CidrMatcher(net, bits);
    }

    @Override
    public boolean matches(String value) {
        final byte[] ip = IpAddresses.parse(value);
        if (ip == null || ip.length != network.length) {
            return false;
        }
        final int full = prefixBits >>> 3;
        for (int i = 0; i < full; i++) {
            if (ip[i] != network[i]) {
                return false;
            }
        }
        final int rest = prefixBits & 7;
        if (rest == 0) {
            return true;
        }
        final int mask = (0xFF << (8 - rest)) & 0xFF;
        return (ip[full] & mask) == (network[full] & mask);
    }
}
