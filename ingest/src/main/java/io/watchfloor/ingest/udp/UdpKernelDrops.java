package io.watchfloor.ingest.udp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Datagrams the kernel dropped for one UDP socket because its receive buffer was full (or the checksum was bad),
 * read from the {@code drops} column of {@code /proc/net/udp} and {@code /proc/net/udp6}: the loss Watchfloor's own
 * counters cannot see. The socket is found by its inode when known (one socket exactly), else by its local port.
 *
 * <p>{@link #sample()} reads the tables (a few µs per socket line) and is meant for a timer thread, off the I/O
 * loops; {@link #drops()} returns the last sample to any thread.
 */
public final class UdpKernelDrops {
    /** The kernel's UDP socket tables, IPv4 and IPv6. */
    public static final List<Path> PROC_NET_UDP = List.of(Path.of("/proc/net/udp"), Path.of("/proc/net/udp6"));
    /** No socket line matched (or the tables cannot be read). */
    public static final long NOT_FOUND = -1;

    private static final int LOCAL_ADDRESS_FIELD = 1;
    private static final int INODE_FIELD = 9;
    private static final int DROPS_FIELD = 12;

    private final int port;
    private final long inode;
    private final List<Path> tables;
    private volatile long drops;
    private volatile boolean found;

    /**
     * @param port the socket's local port
     * @param inode the socket's inode, or {@link #NOT_FOUND} to match on the port alone
     * @param tables the tables to read, normally {@link #PROC_NET_UDP}
     */
    public UdpKernelDrops(int port, long inode, List<Path> tables) {
        this.port = port;
        this.inode = inode;
        this.tables = List.copyOf(tables);
    }

    /**
     * Reads the tables now and keeps the result for {@link #drops()}; a socket not found (yet, or on a system
     * without {@code /proc}) keeps the last value.
     *
     * @return the drops read, or {@link #NOT_FOUND}
     */
    public long sample() {
        long total = NOT_FOUND;
        for (Path table : tables) {
            final String text;
            try {
                text = Files.readString(table);
            } catch (IOException e) {
                continue;
            }
            final long d = parse(text, port, inode);
            if (d != NOT_FOUND) {
                total = Math.max(0, total) + d;
            }
        }
        if (total != NOT_FOUND) {
            drops = total;
            found = true;
        }
        return total;
    }

    /** @return the drops of the last successful {@link #sample()}, 0 before it */
    public long drops() {
        return drops;
    }

    /** @return true once a sample found the socket */
    public boolean found() {
        return found;
    }

    /** @return the socket's inode, or {@link #NOT_FOUND} when matched by port */
    public long inode() {
        return inode;
    }

    /**
     * Sums the {@code drops} column of the lines whose local port is {@code port} and, unless {@code inode} is
     * {@link #NOT_FOUND}, whose inode is {@code inode}.
     *
     * @param table the text of {@code /proc/net/udp} or {@code /proc/net/udp6}: a header line, then one line per
     *     socket: {@code sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
     *     ref pointer drops}, addresses as {@code HEXADDR:HEXPORT}
     * @return the sum, or {@link #NOT_FOUND} when no line matched
     */
    static long parse(String table, int port, long inode) {
        long total = NOT_FOUND;
        final String[] lines = table.split("\n");
        for (int i = 1; i < lines.length; i++) {
            final String[] f = lines[i].trim().split("\\s+");
            if (f.length <= DROPS_FIELD) {
                continue;
            }
            final String local = f[LOCAL_ADDRESS_FIELD];
            final int colon = local.lastIndexOf(':');
            try {
                if (colon < 0 || Integer.parseInt(local.substring(colon + 1), 16) != port) {
                    continue;
                }
                if (inode != NOT_FOUND && Long.parseLong(f[INODE_FIELD]) != inode) {
                    continue;
                }
                total = Math.max(0, total) + Long.parseLong(f[DROPS_FIELD]);
            } catch (NumberFormatException e) {
                // not a socket line
            }
        }
        return total;
    }

    /**
     * @param fd a file descriptor of this process
     * @return the inode of the socket behind it ({@code /proc/self/fd/N -> socket:[INODE]}), or {@link #NOT_FOUND}
     */
    public static long socketInode(int fd) {
        try {
            final String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
            if (target.startsWith("socket:[") && target.endsWith("]")) {
                return Long.parseLong(target.substring("socket:[".length(), target.length() - 1));
            }
        } catch (IOException | UnsupportedOperationException | NumberFormatException e) {
            // not Linux, or not a socket: match by port
        }
        return NOT_FOUND;
    }
}
