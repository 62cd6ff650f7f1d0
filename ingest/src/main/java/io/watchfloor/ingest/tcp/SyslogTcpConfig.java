package io.watchfloor.ingest.tcp;

import io.watchfloor.ingest.framing.SyslogFrameDecoder;

/**
 * Configuration of the syslog TCP listener; validated on construction.
 *
 * @param bindAddress address to listen on ({@value #DEFAULT_BIND_ADDRESS} = every interface)
 * @param port TCP port, 0 for an ephemeral one
 * @param maxFrameBytes longest frame kept whole; longer frames are cut and flagged truncated
 * @param maxConnections most open connections; further ones are closed at once and counted
 */
public record SyslogTcpConfig(String bindAddress, int port, int maxFrameBytes, int maxConnections) {
    /** Default bind address: every interface. */
    public static final String DEFAULT_BIND_ADDRESS = "0.0.0.0";
    /** Default port (unprivileged stand-in for 514). */
    public static final int DEFAULT_PORT = 5514;
    /** Default longest frame: {@link SyslogFrameDecoder#DEFAULT_MAX_FRAME_BYTES}. */
    public static final int DEFAULT_MAX_FRAME_BYTES = SyslogFrameDecoder.DEFAULT_MAX_FRAME_BYTES;
    /** Default most open connections. */
    public static final int DEFAULT_MAX_CONNECTIONS = 1024;

    public SyslogTcpConfig {
        if (bindAddress == null || bindAddress.isBlank()) {
            throw new IllegalArgumentException("bindAddress : '" + bindAddress + "' (expected: an address)");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port : " + port + " (expected: 0..65535)");
        }
        if (maxFrameBytes < SyslogFrameDecoder.MIN_MAX_FRAME_BYTES) {
            throw new IllegalArgumentException("maxFrameBytes : " + maxFrameBytes
                    + " (expected: >= " + SyslogFrameDecoder.MIN_MAX_FRAME_BYTES + ")");
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections : " + maxConnections + " (expected: >= 1)");
        }
    }

    /** @return the defaults: {@code 0.0.0.0:5514}, 64 KiB frames, 1024 connections */
    public static SyslogTcpConfig defaults() {
        return new SyslogTcpConfig(DEFAULT_BIND_ADDRESS, DEFAULT_PORT, DEFAULT_MAX_FRAME_BYTES,
                DEFAULT_MAX_CONNECTIONS);
    }

    /** @return a copy listening on {@code newPort} */
    public SyslogTcpConfig withPort(int newPort) {
        return new SyslogTcpConfig(bindAddress, newPort, maxFrameBytes, maxConnections);
    }
}
