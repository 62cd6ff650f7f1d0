package io.watchfloor.ingest.transport;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hands out one shared {@link InetAddress} instance per sender address, so the ring slots filled for different
 * connections from one host carry the same object and {@link io.watchfloor.core.event.Event#resetForData} has nothing
 * to store (a reference store into a slot costs G1 card refinement). Called once per connection, not per event.
 * Thread-safe; holds at most {@link #MAX_ADDRESSES}, beyond which addresses are returned as given.
 */
public final class PeerAddresses {
    /** Most addresses kept: about 400 KiB at most. */
    public static final int MAX_ADDRESSES = 4096;

    private final ConcurrentHashMap<InetAddress, InetAddress> canonical = new ConcurrentHashMap<>();

    /** @return the shared instance equal to {@code address}, {@code address} itself when new or past the bound, or null */
    public InetAddress canonical(InetAddress address) {
        if (address == null) {
            return null;
        }
        final InetAddress known = canonical.get(address);
        if (known != null) {
            return known;
        }
        if (canonical.size() >= MAX_ADDRESSES) {
            return address;
        }
        final InetAddress raced = canonical.putIfAbsent(address, address);
        return raced == null ? address : raced;
    }

    /** @return addresses held */
    public int size() {
        return canonical.size();
    }
}
