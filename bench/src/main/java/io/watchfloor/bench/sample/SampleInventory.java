package io.watchfloor.bench.sample;

import io.watchfloor.coverage.inventory.Category;
import io.watchfloor.coverage.inventory.Criticality;
import io.watchfloor.coverage.inventory.Inventory;
import io.watchfloor.coverage.inventory.LogSourceRef;
import io.watchfloor.coverage.inventory.Source;
import io.watchfloor.coverage.inventory.SourceMatch;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An inventory of {@code n} sources built in code, one per host of {@link SampleSyslogLines}, matched the ways a
 * real inventory mixes: an exact host name, a host glob, two host globs, or only the sender address (peer).
 */
public final class SampleInventory {
    /** Every source's silence budget. */
    public static final long MAX_SILENCE_MS = 15 * 60_000L;

    private SampleInventory() {
    }

    /** @return true when source {@code h} is matched by its sender address only */
    public static boolean matchedByPeer(int h) {
        return h % 4 == 2;
    }

    /** @return the sender address of declared host {@code h} (IPv6 for peer-matched hosts, else IPv4) */
    public static InetAddress peer(int h) {
        try {
            if (matchedByPeer(h)) {
                // two groups, so hosts past 0xffff stay valid literals (the same address as "::%x" below it)
                return InetAddress.getByName(String.format(Locale.ROOT, "2001:db8::%x:%x", h >>> 16, h & 0xffff));
            }
            return InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, (byte) (h & 0xff)});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the sender address of a stray (undeclared) host */
    public static InetAddress strayPeer(int i) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) 203, 0, 113, (byte) (i & 0xff)});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return an inventory of {@code n} sources, source {@code h} matching host {@code h} */
    public static Inventory of(int n) {
        final List<Source> sources = new ArrayList<>(n);
        for (int h = 0; h < n; h++) {
            final String host = SampleSyslogLines.hostName(h);
            final SourceMatch match = switch (h % 4) {
                case 0 -> new SourceMatch(List.of(host), List.of(), List.of());
                case 1 -> new SourceMatch(List.of(host.substring(0, host.indexOf('.')) + ".*"), List.of(), List.of());
                case 2 -> new SourceMatch(List.of(), List.of(peer(h).getHostAddress() + "/128"), List.of());
                default -> new SourceMatch(List.of(host.replace(".example.com", ".example.net"), host),
                        List.of(), List.of());
            };
            final boolean firewall = h % 10 == 9;
            sources.add(new Source(h, String.format(Locale.ROOT, "src-%04d", h), "host " + h,
                    firewall ? Category.NETWORK : Category.ENDPOINT, match,
                    firewall ? new LogSourceRef(null, null, "firewall") : new LogSourceRef("linux", null, null),
                    MAX_SILENCE_MS, Criticality.DEFAULT, "ops"));
        }
        return new Inventory(sources);
    }

    /**
     * @return an inventory of {@code n} sources matched by exact host name only (source {@code h} matching host
     *     {@code h}), the shape of a large CMDB export; every one silent after {@link #MAX_SILENCE_MS}
     */
    public static Inventory exactNames(int n) {
        final List<Source> sources = new ArrayList<>(n);
        for (int h = 0; h < n; h++) {
            final boolean firewall = h % 10 == 9;
            sources.add(new Source(h, "src-" + h, "host " + h, firewall ? Category.NETWORK : Category.ENDPOINT,
                    new SourceMatch(List.of(SampleSyslogLines.hostName(h)), List.of(), List.of()),
                    firewall ? new LogSourceRef(null, null, "firewall") : new LogSourceRef("linux", null, null),
                    MAX_SILENCE_MS, Criticality.DEFAULT, "ops"));
        }
        return new Inventory(sources);
    }
}
