package io.watchfloor.coverage.attribution;

import io.watchfloor.coverage.inventory.CidrBlock;
import io.watchfloor.coverage.inventory.Inventory;
import io.watchfloor.coverage.inventory.Source;
import io.watchfloor.coverage.inventory.SourceMatch;
import io.watchfloor.core.event.EcsFields;
import io.watchfloor.core.event.Event;
import io.watchfloor.core.event.SyslogFields;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Attributes an event to the first declared inventory source whose criteria match: for JSON events a top-level
 * {@code source_id} naming a declared source wins; otherwise a source matches when any of its host globs
 * (syslog HOSTNAME / JSON {@code host.name} or {@code host}, else the sender address), peer blocks (sender
 * address) or app globs (syslog APP-NAME / JSON {@code process.name}) matches.
 *
 * <p>NOT thread-safe: it caches recent senders' address bytes, so create one per parse thread; the compiled
 * criteria are immutable, so one attributor compiled off the hot path can be shared by parse threads through
 * {@link #SourceAttributor(SourceAttributor)}, each with its own cache. For syslog
 * events it matches on the raw bytes and allocates nothing in steady state (a sender not in the cache costs one
 * {@link InetAddress#getAddress()} copy; a syslog event without HOSTNAME matched against host globs costs the
 * sender's address text).
 *
 * <p>Exact host and app names (no wildcard) are found by one hash lookup on the event's bytes ({@link ExactNames});
 * only the sources with a glob or a peer block are scanned, in declaration order and only below the exact match
 * found, so the first declared source still wins and an inventory of exact names attributes in O(1).
 */
public final class SourceAttributor {
    /** Recent sender addresses whose bytes are kept (a power of two). */
    static final int PEER_CACHE_SIZE = 256;
    private static final int PEER_CACHE_MASK = PEER_CACHE_SIZE - 1;

    private final String[] ids;
    private final GlobMatcher[][] hosts;
    private final CidrBlock[][] peers;
    private final GlobMatcher[][] apps;
    private final Map<String, Integer> indexById;
    private final boolean anyPeers;
    private final ExactNames exactHosts;
    private final ExactNames exactApps;
    /** The sources with a host glob, an app glob or a peer block, in declaration order: the ones scanned. */
    private final int[] scanned;

    /** Recent senders' address bytes, by {@code hashCode() & PEER_CACHE_MASK}; checked with allocation-free equals. */
    private final InetAddress[] cachedPeers = new InetAddress[PEER_CACHE_SIZE];
    private final byte[][] cachedPeerBytes = new byte[PEER_CACHE_SIZE][];

    /** @param inventory the validated inventory; its globs and blocks are compiled here */
    public SourceAttributor(Inventory inventory) {
        final int n = inventory.size();
        ids = new String[n];
        hosts = new GlobMatcher[n][];
        peers = new CidrBlock[n][];
        apps = new GlobMatcher[n][];
        indexById = new HashMap<>(n * 2);
        boolean withPeers = false;
        exactHosts = new ExactNames(n);
        exactApps = new ExactNames(Math.min(n, 1024));
        final int[] scan = new int[n];
        int scanCount = 0;
        for (int i = 0; i < n; i++) {
            final Source s = inventory.source(i);
            final SourceMatch m = s.match();
            ids[i] = s.id();
            indexById.put(s.id(), i);
            hosts[i] = globs(m.hosts());
            apps[i] = globs(m.apps());
            peers[i] = new CidrBlock[m.peers().size()];
            for (int j = 0; j < peers[i].length; j++) {
                peers[i][j] = CidrBlock.parse(m.peers().get(j));
                if (peers[i][j] == null) {
                    throw new IllegalArgumentException("sources[" + i + "].match.peers[" + j + "] : "
                            + m.peers().get(j) + " (expected: a validated CIDR block)");
                }
            }
            withPeers |= peers[i].length > 0;
            boolean wildcard = peers[i].length > 0;
            for (String h : m.hosts()) {
                if (ExactNames.isExact(h)) {
                    exactHosts.add(h, i);
                } else {
                    wildcard = true;
                }
            }
            for (String a : m.apps()) {
                if (ExactNames.isExact(a)) {
                    exactApps.add(a, i);
                } else {
                    wildcard = true;
                }
            }
            if (wildcard) {
                scan[scanCount++] = i;
            }
        }
        anyPeers = withPeers;
        scanned = java.util.Arrays.copyOf(scan, scanCount);
    }

    /**
     * An attributor with the compiled criteria of {@code compiled} (shared: they are never written after
     * construction) and a cache of its own; cheap, so a parse thread may take a newly published inventory's
     * attributor this way. Publish {@code compiled} safely (e.g. through a volatile field).
     */
    public SourceAttributor(SourceAttributor compiled) {
        ids = compiled.ids;
        hosts = compiled.hosts;
        peers = compiled.peers;
        apps = compiled.apps;
        indexById = compiled.indexById;
        anyPeers = compiled.anyPeers;
        exactHosts = compiled.exactHosts;
        exactApps = compiled.exactApps;
        scanned = compiled.scanned;
    }

    private static GlobMatcher[] globs(List<String> globs) {
        final GlobMatcher[] out = new GlobMatcher[globs.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = new GlobMatcher(globs.get(i));
        }
        return out;
    }

    /**
     * Attributes a parsed DATA event: calls {@code e.attribute(index, id)} for the first matching source and
     * leaves the event unattributed (-1) otherwise. TICK events are left alone.
     */
    public void attribute(Event e) {
        if (e.isTick()) {
            return;
        }
        final int index = e.isJson() ? matchJson(e) : matchSyslog(e);
        if (index >= 0) {
            e.attribute(index, ids[index]);
        }
    }

    /** @return the index of the first matching source, or -1; does not change the event */
    public int match(Event e) {
        if (e.isTick()) {
            return -1;
        }
        return e.isJson() ? matchJson(e) : matchSyslog(e);
    }

    private int matchSyslog(Event e) {
        final SyslogFields s = e.syslog();
        final byte[] raw = e.raw();
        final int hostOff = s.hostnameOffset();
        final int hostLen = s.hostnameLength();
        final int appOff = s.appNameOffset();
        final int appLen = s.appNameLength();
        final byte[] peer = anyPeers ? peerBytes(e.peer()) : null;
        String peerText = null;
        int best = Integer.MAX_VALUE;
        if (hostOff >= 0) {
            best = first(best, exactHosts.find(raw, hostOff, hostLen));
        } else if (e.peer() != null && !exactHosts.isEmpty()) {
            // Rare path: without HOSTNAME the event is known by its sender address, as host.name reads.
            peerText = EcsFields.peerString(e.peer());
            best = first(best, exactHosts.find(peerText));
        }
        if (appOff >= 0) {
            best = first(best, exactApps.find(raw, appOff, appLen));
        }
        final int[] scan = scanned;
        for (int k = 0; k < scan.length && scan[k] < best; k++) {
            final int i = scan[k];
            if (hostOff >= 0) {
                if (anyMatch(hosts[i], raw, hostOff, hostLen)) {
                    return i;
                }
            } else if (hosts[i].length > 0 && e.peer() != null) {
                if (peerText == null) {
                    peerText = EcsFields.peerString(e.peer());
                }
                if (anyMatch(hosts[i], peerText)) {
                    return i;
                }
            }
            if (peer != null && anyMatch(peers[i], peer)) {
                return i;
            }
            if (appOff >= 0 && anyMatch(apps[i], raw, appOff, appLen)) {
                return i;
            }
        }
        return best == Integer.MAX_VALUE ? -1 : best;
    }

    /** @return the earlier of two source indexes, -1 meaning none */
    private static int first(int best, int found) {
        return found >= 0 && found < best ? found : best;
    }

    private int matchJson(Event e) {
        final Map<String, Object> json = e.json();
        final Object declared = json.get("source_id");
        if (declared instanceof String) {
            final Integer index = indexById.get(declared);
            if (index != null) {
                return index;
            }
        }
        final String host = EcsFields.hostName(e);
        final Object app = json.get("process.name");
        final String appText = app instanceof String ? (String) app : null;
        final byte[] peer = anyPeers ? peerBytes(e.peer()) : null;
        int best = Integer.MAX_VALUE;
        if (host != null) {
            best = first(best, exactHosts.find(host));
        }
        if (appText != null) {
            best = first(best, exactApps.find(appText));
        }
        final int[] scan = scanned;
        for (int k = 0; k < scan.length && scan[k] < best; k++) {
            final int i = scan[k];
            if (host != null && anyMatch(hosts[i], host)) {
                return i;
            }
            if (peer != null && anyMatch(peers[i], peer)) {
                return i;
            }
            if (appText != null && anyMatch(apps[i], appText)) {
                return i;
            }
        }
        return best == Integer.MAX_VALUE ? -1 : best;
    }

    /**
     * {@link InetAddress#getAddress()} copies, and a UDP listener gets a new InetAddress per datagram, so the bytes
     * of recent senders are cached; {@code hashCode} and {@code equals} of Inet4Address/Inet6Address read the
     * address in place without allocating.
     */
    private byte[] peerBytes(InetAddress peer) {
        if (peer == null) {
            return null;
        }
        final int slot = peer.hashCode() & PEER_CACHE_MASK;
        final InetAddress cached = cachedPeers[slot];
        if (cached != peer && !peer.equals(cached)) {
            cachedPeerBytes[slot] = peer.getAddress();
            cachedPeers[slot] = peer;
        }
        return cachedPeerBytes[slot];
    }

    private static boolean anyMatch(GlobMatcher[] globs, byte[] raw, int off, int len) {
        for (GlobMatcher g : globs) {
            if (g.matches(raw, off, len)) {
                return true;
            }
        }
        return false;
    }

    private static boolean anyMatch(GlobMatcher[] globs, String text) {
        for (GlobMatcher g : globs) {
            if (g.matches(text)) {
                return true;
            }
        }
        return false;
    }

    private static boolean anyMatch(CidrBlock[] blocks, byte[] address) {
        for (CidrBlock b : blocks) {
            if (b.matches(address)) {
                return true;
            }
        }
        return false;
    }
}
