package io.watchfloor.server.config;

import io.watchfloor.core.journal.JournalDurability;
import io.watchfloor.detect.DetectionConfig;

import java.nio.file.Path;
import java.util.List;

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
 * @param detection live detection settings and rule reload triggers ({@code detection.*} but {@code rules})
 * @param journalDurability when an event counts as durable, so when HTTP is answered ({@code journal.durability})
 */
public record WatchfloorConfig(Path file, Syslog syslog, Http http, Api api, int ringSlots, int parseThreads,
                               int retentionDays, Path inventory, long tickIntervalMs, Path rulesDir,
                               Detection detection, JournalDurability journalDurability) {

    /** A configuration with {@link JournalDurability#DEFAULT} durability. */
    public WatchfloorConfig(Path file, Syslog syslog, Http http, Api api, int ringSlots, int parseThreads,
                            int retentionDays, Path inventory, long tickIntervalMs, Path rulesDir,
                            Detection detection) {
        this(file, syslog, http, api, ringSlots, parseThreads, retentionDays, inventory, tickIntervalMs, rulesDir,
                detection, JournalDurability.DEFAULT);
    }

    /** A configuration with {@link Detection#DEFAULT} detection settings. */
    public WatchfloorConfig(Path file, Syslog syslog, Http http, Api api, int ringSlots, int parseThreads,
                            int retentionDays, Path inventory, long tickIntervalMs, Path rulesDir) {
        this(file, syslog, http, api, ringSlots, parseThreads, retentionDays, inventory, tickIntervalMs, rulesDir,
                Detection.DEFAULT);
    }

    /**
     * Live detection settings.
     *
     * @param engine suppression default, cost sampling and alert explanation bounds
     * @param watchRules reload the rules when a file under the rules directory changes ({@code detection.reload.watch})
     * @param reloadDebounceMs quiet time after the last change before reloading ({@code detection.reload.debounce_ms})
     * @param reloadOnSighup reload the rules on SIGHUP where the JVM supports it ({@code detection.reload.sighup})
     * @param mappings field mapping files read ahead of the shipped ones, highest precedence first
     *     ({@code detection.mappings}, resolved against the configuration file's directory)
     * @param placeholders the YAML file of {@code expand} placeholder values ({@code detection.placeholders}, resolved
     *     against the configuration file's directory), or null when none is configured
     */
    public record Detection(DetectionConfig engine, boolean watchRules, int reloadDebounceMs, boolean reloadOnSighup,
                            List<Path> mappings, Path placeholders) {
        /** Every detection option at its default. */
        public static final Detection DEFAULT = new Detection(DetectionConfig.DEFAULT, true, 500, true, List.of(), null);

        public Detection {
            mappings = List.copyOf(mappings);
        }
    }

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
                rulesDir, detection, journalDurability);
    }

    /** @return a copy with another inventory file */
    public WatchfloorConfig withInventory(Path inventoryFile) {
        return new WatchfloorConfig(file, syslog, http, api, ringSlots, parseThreads, retentionDays, inventoryFile,
                tickIntervalMs, rulesDir, detection, journalDurability);
    }

    /** @return a copy with another ring size */
    public WatchfloorConfig withRingSlots(int slots) {
        return new WatchfloorConfig(file, syslog, http, api, slots, parseThreads, retentionDays, inventory,
                tickIntervalMs, rulesDir, detection, journalDurability);
    }
}
