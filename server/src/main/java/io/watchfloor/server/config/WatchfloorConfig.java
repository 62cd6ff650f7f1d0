package io.watchfloor.server.config;

import java.nio.file.Path;

/**
 * The validated contents of {@code watchfloor.yaml}. Paths are resolved against the file's directory.
 *
 * @param file the file this was read from
 * @param syslog the syslog listeners (TCP and UDP share a bind address)
 * @param http the HTTP ingest listener
 * @param api the API, dashboard and metrics listener
 * @param ringSlots ring size (power of two)
 * @param parseThreads parse stage threads
 * @param retentionDays journal retention
 * @param inventory the inventory file
 * @param tickIntervalMs how often coverage time advances
 * @param rulesDir the Sigma rules directory
 */
public record WatchfloorConfig(Path file, Syslog syslog, Http http, Api api, int ringSlots, int parseThreads,
                               int retentionDays, Path inventory, long tickIntervalMs, Path rulesDir) {

    /** Syslog listener settings; a port of 0 picks a free port, -1 disables that transport. */
    public record Syslog(String bindAddress, int tcpPort, int udpPort, int maxFrameBytes, int udpReceiveBufferBytes,
                         int maxConnections) {
    }

    /** HTTP ingest settings. */
    public record Http(String bindAddress, int port, int maxBodyBytes, int maxDecompressedBytes) {
    }

    /** API settings. */
    public record Api(String bindAddress, int port) {
    }

    /** @return a copy with every port set to 0 (free ports), for tests and side-by-side runs */
    public WatchfloorConfig withFreePorts() {
        return new WatchfloorConfig(file,
                new Syslog(syslog.bindAddress(), syslog.tcpPort() < 0 ? -1 : 0, syslog.udpPort() < 0 ? -1 : 0,
                        syslog.maxFrameBytes(), syslog.udpReceiveBufferBytes(), syslog.maxConnections()),
                new Http(http.bindAddress(), http.port() < 0 ? -1 : 0, http.maxBodyBytes(), http.maxDecompressedBytes()),
                new Api(api.bindAddress(), 0), ringSlots, parseThreads, retentionDays, inventory, tickIntervalMs,
                rulesDir);
    }

    /** @return a copy with another inventory file */
    public WatchfloorConfig withInventory(Path inventoryFile) {
        return new WatchfloorConfig(file, syslog, http, api, ringSlots, parseThreads, retentionDays, inventoryFile,
                tickIntervalMs, rulesDir);
    }

    /** @return a copy with another ring size */
    public WatchfloorConfig withRingSlots(int slots) {
        return new WatchfloorConfig(file, syslog, http, api, slots, parseThreads, retentionDays, inventory,
                tickIntervalMs, rulesDir);
    }
}
