package io.watchfloor.server.config;

import io.watchfloor.core.config.ConfigError;
import io.watchfloor.core.journal.JournalDurability;
import io.watchfloor.detect.DetectionConfig;
import io.watchfloor.detect.rule.RuleSuppression;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads {@code watchfloor.yaml}; every problem becomes a {@link ConfigError}, none is thrown. */
public final class ConfigLoader {
    public static final String BIND_ADDRESS_DEFAULT = "0.0.0.0";
    public static final int SYSLOG_PORT_DEFAULT = 5514;
    public static final int HTTP_PORT_DEFAULT = 8088;
    public static final int API_PORT_DEFAULT = 8080;
    /** RFC 6587 receivers should take at least 8 KiB; 64 KiB fits stack traces and Windows events. */
    public static final int MAX_FRAME_BYTES_DEFAULT = 64 * 1024;
    public static final int MAX_FRAME_BYTES_MIN = 8 * 1024;
    public static final int MAX_FRAME_BYTES_MAX = 16 * 1024 * 1024;
    public static final int UDP_RECEIVE_BUFFER_BYTES_DEFAULT = 4 * 1024 * 1024;
    public static final int MAX_CONNECTIONS_DEFAULT = 1024;
    public static final int MAX_BODY_BYTES_DEFAULT = 16 * 1024 * 1024;
    public static final int MAX_DECOMPRESSED_BYTES_DEFAULT = 64 * 1024 * 1024;
    public static final int RING_SLOTS_DEFAULT = 65_536;
    public static final int PARSE_THREADS_DEFAULT = 1;
    public static final int RETENTION_DAYS_DEFAULT = 30;
    public static final int TICK_INTERVAL_MS_DEFAULT = 1000;
    public static final String INVENTORY_DEFAULT = "inventory.yaml";
    public static final String RULES_DEFAULT = "rules";
    /** Default of {@code detection.suppression.window_secs}: suppression off. */
    public static final int SUPPRESSION_WINDOW_SECS_DEFAULT = 0;
    /** Longest suppression window: one day. */
    public static final int SUPPRESSION_WINDOW_SECS_MAX = 86_400;
    /** Default of {@code detection.reload.debounce_ms}. */
    public static final int RELOAD_DEBOUNCE_MS_DEFAULT = 500;

    private static final int PORT_MAX = 65_535;

    private ConfigLoader() {
    }

    /** What loading produced: the config when there were no errors, and every error found. */
    public record Result(WatchfloorConfig config, List<ConfigError> errors) {
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    /** Loads and validates {@code file}. */
    public static Result load(Path file) {
        final List<ConfigError> errors = new ArrayList<>();
        final YamlReader y = new YamlReader(file, errors);
        if (!Files.isRegularFile(file)) {
            y.error("", "no such file (expected: the Watchfloor configuration, e.g. config/watchfloor.yaml)");
            return new Result(null, errors);
        }
        final Map<String, Object> root = y.readRoot();
        if (root == null) {
            return new Result(null, errors);
        }
        y.checkKeys(root, "", Set.of("listeners", "api", "ring", "journal", "coverage", "detection"));

        final Map<String, Object> listeners = orEmpty(y.section(root, "", "listeners", Set.of("syslog", "http")));
        final Map<String, Object> syslog = orEmpty(y.section(listeners, "listeners", "syslog", Set.of(
                "bind_address", "tcp_port", "udp_port", "max_frame_bytes", "udp_receive_buffer_bytes",
                "max_connections")));
        final String sp = "listeners.syslog";
        final WatchfloorConfig.Syslog syslogConfig = new WatchfloorConfig.Syslog(
                y.bindAddress(syslog, sp, "bind_address", BIND_ADDRESS_DEFAULT),
                y.integer(syslog, sp, "tcp_port", SYSLOG_PORT_DEFAULT, -1, PORT_MAX),
                y.integer(syslog, sp, "udp_port", SYSLOG_PORT_DEFAULT, -1, PORT_MAX),
                y.integer(syslog, sp, "max_frame_bytes", MAX_FRAME_BYTES_DEFAULT, MAX_FRAME_BYTES_MIN,
                        MAX_FRAME_BYTES_MAX),
                y.integer(syslog, sp, "udp_receive_buffer_bytes", UDP_RECEIVE_BUFFER_BYTES_DEFAULT, 65_536,
                        1 << 30),
                y.integer(syslog, sp, "max_connections", MAX_CONNECTIONS_DEFAULT, 1, 1_000_000));

        final Map<String, Object> http = orEmpty(y.section(listeners, "listeners", "http", Set.of(
                "bind_address", "port", "max_body_bytes", "max_decompressed_bytes")));
        final String hp = "listeners.http";
        final WatchfloorConfig.Http httpConfig = new WatchfloorConfig.Http(
                y.bindAddress(http, hp, "bind_address", BIND_ADDRESS_DEFAULT),
                y.integer(http, hp, "port", HTTP_PORT_DEFAULT, -1, PORT_MAX),
                y.integer(http, hp, "max_body_bytes", MAX_BODY_BYTES_DEFAULT, 1024, 1 << 30),
                y.integer(http, hp, "max_decompressed_bytes", MAX_DECOMPRESSED_BYTES_DEFAULT, 1024, 1 << 30));

        final Map<String, Object> api = orEmpty(y.section(root, "", "api", Set.of("bind_address", "port")));
        final WatchfloorConfig.Api apiConfig = new WatchfloorConfig.Api(
                y.bindAddress(api, "api", "bind_address", BIND_ADDRESS_DEFAULT),
                y.integer(api, "api", "port", API_PORT_DEFAULT, 0, PORT_MAX));

        final Map<String, Object> ring = orEmpty(y.section(root, "", "ring", Set.of("slots", "parse_threads")));
        final int slots = y.integer(ring, "ring", "slots", RING_SLOTS_DEFAULT, 2, 1 << 24);
        if (Integer.bitCount(slots) != 1) {
            y.error("ring.slots", "found " + slots + " (expected: a power of two)");
        }
        final int parseThreads = y.integer(ring, "ring", "parse_threads", PARSE_THREADS_DEFAULT, 1, 64);

        final Map<String, Object> journal = orEmpty(y.section(root, "", "journal",
                Set.of("retention_days", "durability")));
        final int retention = y.integer(journal, "journal", "retention_days", RETENTION_DAYS_DEFAULT, 1, 36_500);
        final String durabilityId = y.string(journal, "journal", "durability", JournalDurability.DEFAULT.id());
        JournalDurability durability = JournalDurability.ofId(durabilityId);
        if (durability == null) {
            y.error("journal.durability", "found \"" + durabilityId + "\" (expected: process or fsync)");
            durability = JournalDurability.DEFAULT;
        }

        final Map<String, Object> coverage = orEmpty(y.section(root, "", "coverage",
                Set.of("inventory", "tick_interval_ms")));
        final Path dir = file.toAbsolutePath().getParent();
        final Path inventory = dir.resolve(y.string(coverage, "coverage", "inventory", INVENTORY_DEFAULT)).normalize();
        if (!Files.isRegularFile(inventory)) {
            y.error("coverage.inventory", "\"" + inventory + "\" is not a file (expected: the inventory of in-scope sources)");
        }
        final int tick = y.integer(coverage, "coverage", "tick_interval_ms", TICK_INTERVAL_MS_DEFAULT, 10, 3_600_000);

        final Map<String, Object> detection = orEmpty(y.section(root, "", "detection", Set.of("rules", "suppression",
                "max_suppression_groups", "cost_sample_interval", "max_matched_fields", "max_matched_value_chars",
                "reload", "mappings", "placeholders")));
        final Path rules = dir.resolve(y.string(detection, "detection", "rules", RULES_DEFAULT)).normalize();
        if (!Files.isDirectory(rules)) {
            y.error("detection.rules", "\"" + rules + "\" is not a directory (expected: the Sigma rules directory)");
        }
        final WatchfloorConfig.Detection detectionConfig = detection(y, detection, mappings(y, detection, dir),
                placeholders(y, detection, dir));
        if (syslogConfig.tcpPort() > 0 && syslogConfig.tcpPort() == httpConfig.port()) {
            y.error("listeners.http.port", "found " + httpConfig.port() + " (expected: a port other than the syslog TCP port)");
        }
        if (apiConfig.port() > 0 && (apiConfig.port() == httpConfig.port() || apiConfig.port() == syslogConfig.tcpPort())) {
            y.error("api.port", "found " + apiConfig.port() + " (expected: a port no listener uses)");
        }
        if (!errors.isEmpty()) {
            return new Result(null, errors);
        }
        return new Result(new WatchfloorConfig(file, syslogConfig, httpConfig, apiConfig, slots, parseThreads,
                retention, inventory, tick, rules, detectionConfig, durability), errors);
    }

    /** {@code detection.mappings}: field mapping files, each resolved against {@code dir} and required to exist. */
    private static List<Path> mappings(YamlReader y, Map<String, Object> detection, Path dir) {
        final List<String> names = y.stringList(detection, "detection", "mappings", List.of());
        final List<Path> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            final Path p = dir.resolve(names.get(i)).normalize();
            if (!Files.isRegularFile(p)) {
                y.error("detection.mappings[" + i + "]", "\"" + p + "\" is not a file (expected: a field mapping YAML file)");
            }
            out.add(p);
        }
        return out;
    }

    /** {@code detection.placeholders}: the expand placeholder file, resolved against {@code dir}; null when unset. */
    private static Path placeholders(YamlReader y, Map<String, Object> detection, Path dir) {
        final String name = y.string(detection, "detection", "placeholders", null);
        if (name == null) {
            return null;
        }
        final Path p = dir.resolve(name).normalize();
        if (!Files.isRegularFile(p)) {
            y.error("detection.placeholders", "\"" + p + "\" is not a file (expected: a YAML map of expand "
                    + "placeholder name to values)");
        }
        return p;
    }

    private static WatchfloorConfig.Detection detection(YamlReader y, Map<String, Object> detection,
                                                        List<Path> mappings, Path placeholders) {
        final String dp = "detection";
        final Map<String, Object> sup = orEmpty(y.section(detection, dp, "suppression", Set.of("window_secs", "group_by")));
        final int windowSecs = y.integer(sup, "detection.suppression", "window_secs", SUPPRESSION_WINDOW_SECS_DEFAULT, 0,
                SUPPRESSION_WINDOW_SECS_MAX);
        final List<String> groupBy = y.stringList(sup, "detection.suppression", "group_by", List.of());
        final DetectionConfig engine = new DetectionConfig(new RuleSuppression(groupBy, windowSecs * 1000L),
                y.integer(detection, dp, "max_suppression_groups", DetectionConfig.MAX_SUPPRESSION_GROUPS_DEFAULT, 1,
                        10_000_000),
                y.integer(detection, dp, "cost_sample_interval", DetectionConfig.COST_SAMPLE_INTERVAL_DEFAULT, 1,
                        1 << 30),
                y.integer(detection, dp, "max_matched_fields", DetectionConfig.MAX_MATCHED_FIELDS_DEFAULT, 0, 64),
                y.integer(detection, dp, "max_matched_value_chars", DetectionConfig.MAX_MATCHED_VALUE_CHARS_DEFAULT, 1,
                        65_536));
        final Map<String, Object> reload = orEmpty(y.section(detection, dp, "reload",
                Set.of("watch", "debounce_ms", "sighup")));
        final String rp = "detection.reload";
        return new WatchfloorConfig.Detection(engine, y.bool(reload, rp, "watch", true),
                y.integer(reload, rp, "debounce_ms", RELOAD_DEBOUNCE_MS_DEFAULT, 0, 60_000),
                y.bool(reload, rp, "sighup", true), mappings, placeholders);
    }

    private static Map<String, Object> orEmpty(Map<String, Object> m) {
        return m == null ? Map.of() : m;
    }
}
