package io.watchfloor.ingest.udp;

import io.watchfloor.ingest.framing.DatagramFrames;
import io.watchfloor.ingest.framing.SyslogFrameDecoder;

/**
 * Configuration of the syslog UDP listener; validated on construction.
 *
 * @param bindAddress address to listen on ({@value #DEFAULT_BIND_ADDRESS} = every interface)
 * @param port UDP port, 0 for an ephemeral one
 * @param maxDatagramBytes longest message kept whole; longer datagrams are cut and flagged truncated
 * @param receiveBufferBytes SO_RCVBUF asked of the kernel (it may grant less, see {@code net.core.rmem_max})
 */
public record SyslogUdpConfig(String bindAddress, int port, int maxDatagramBytes, int receiveBufferBytes) {
    /** Default bind address: every interface. */
    public static final String DEFAULT_BIND_ADDRESS = "0.0.0.0";
    /** Default port (unprivileged stand-in for 514). */
    public static final int DEFAULT_PORT = 5514;
    /** Default longest message: 64 KiB, so no IPv4 datagram is cut (RFC 5426 §3.2). */
    public static final int DEFAULT_MAX_DATAGRAM_BYTES = DatagramFrames.DEFAULT_MAX_DATAGRAM_BYTES;
    /** Default socket receive buffer: 4 MiB, to ride out bursts (UDP has no back-pressure). */
    public static final int DEFAULT_RECEIVE_BUFFER_BYTES = 4 * 1024 * 1024;

    public SyslogUdpConfig {
        if (bindAddress == null || bindAddress.isBlank()) {
            throw new IllegalArgumentException("bindAddress : '" + bindAddress + "' (expected: an address)");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port : " + port + " (expected: 0..65535)");
        }
        if (maxDatagramBytes < SyslogFrameDecoder.MIN_MAX_FRAME_BYTES || maxDatagramBytes > 65536) {
            throw new IllegalArgumentException("maxDatagramBytes : " + maxDatagramBytes
                    + " (expected: " + SyslogFrameDecoder.MIN_MAX_FRAME_BYTES + "..65536)");
        }
        if (receiveBufferBytes < 1024) {
            throw new IllegalArgumentException("receiveBufferBytes : " + receiveBufferBytes + " (expected: >= 1024)");
        }
    }

    /** @return the defaults: {@code 0.0.0.0:5514}, 64 KiB datagrams, 4 MiB receive buffer */
    public static SyslogUdpConfig defaults() {
        return new SyslogUdpConfig(DEFAULT_BIND_ADDRESS, DEFAULT_PORT, DEFAULT_MAX_DATAGRAM_BYTES,
                DEFAULT_RECEIVE_BUFFER_BYTES);
    }

    /** @return a copy listening on {@code newPort} */
    public SyslogUdpConfig withPort(int newPort) {
        return new SyslogUdpConfig(bindAddress, newPort, maxDatagramBytes, receiveBufferBytes);
    }
}
