package io.watchfloor.coverage.inventory;

import io.watchfloor.core.config.ConfigError;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One source as a document in the shape of an entry of {@code sources} in {@code inventory.yaml}: read from a
 * parsed YAML or JSON tree with the same validation as the loader, and written back as the same tree. The API's
 * request and response bodies, the lifecycle journal's before/after and the CSV import all use it. Stateless and
 * thread-safe.
 */
public final class SourceDocument {
    /** The YAML path errors are first collected under; {@link #parse} strips it. */
    private static final String ROOT = "source";

    private SourceDocument() {
    }

    /**
     * What {@link #parse} found.
     *
     * @param source the source, or null when there are errors
     * @param errors each problem with its path inside the document ({@code match.peers[0]}, {@code retired.date};
     *     "" for the document itself); empty on success
     */
    public record Parsed(Source source, List<ConfigError> errors) {
        public Parsed {
            errors = List.copyOf(errors);
        }

        /** @return true when the document is a valid source */
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    /**
     * Reads and validates one source document.
     *
     * @param node a mapping from SnakeYAML or Jackson ({@code Map}, {@code List}, {@code String}, numbers)
     * @param index the position the source gets
     * @param file named in the errors, or null when the document came from elsewhere (an API body)
     * @return the source, or every error found
     */
    public static Parsed parse(Object node, int index, Path file) {
        final List<ConfigError> raw = new ArrayList<>();
        final Source s = new SourceParser(new YamlNodeReader(file, raw)).parse(node, ROOT, index);
        final List<ConfigError> errors = new ArrayList<>(raw.size());
        for (ConfigError e : raw) {
            errors.add(new ConfigError(file, relative(e.yamlPath()), e.message()));
        }
        return new Parsed(errors.isEmpty() ? s : null, errors);
    }

    private static String relative(String path) {
        if (path.equals(ROOT)) {
            return "";
        }
        return path.startsWith(ROOT + ".") ? path.substring(ROOT.length() + 1) : path;
    }

    /**
     * @return the source as a tree that {@link #parse} reads back to an equal source (its index aside): keys in the
     *     order {@code id, name, category, lifecycle, retired, owner, criticality, tags, match, logsource,
     *     max_silence | cadence (+ schedule), max_lag, volume, required, degraded, sequence_field}, optional ones
     *     left out when not set
     */
    public static Map<String, Object> toMap(Source s) {
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("name", s.name());
        m.put("category", s.category().id());
        m.put("lifecycle", s.lifecycle().id());
        if (s.retired() != null) {
            final Map<String, Object> r = new LinkedHashMap<>(2);
            r.put("date", s.retired().date().toString());
            r.put("reason", s.retired().reason());
            m.put("retired", r);
        }
        if (s.owner() != null) {
            m.put("owner", s.owner());
        }
        m.put("criticality", s.criticality().id());
        if (!s.tags().isEmpty()) {
            m.put("tags", s.tags());
        }
        final Map<String, Object> match = new LinkedHashMap<>(3);
        putList(match, "hosts", s.match().hosts());
        putList(match, "peers", s.match().peers());
        putList(match, "apps", s.match().apps());
        m.put("match", match);
        final LogSourceRef ls = s.logsource();
        if (ls != null) {
            final Map<String, Object> l = new LinkedHashMap<>(3);
            putText(l, "product", ls.product());
            putText(l, "service", ls.service());
            putText(l, "category", ls.category());
            m.put("logsource", l);
        }
        switch (s.cadence().type()) {
            case STATIC:
                m.put("max_silence", InventoryLoader.formatDuration(s.maxSilenceMs()));
                break;
            case LEARNED:
                m.put("cadence", CadenceType.LEARNED.id());
                break;
            default:
                m.put("cadence", CadenceType.BATCH.id());
                final Map<String, Object> schedule = new LinkedHashMap<>(2);
                schedule.put("daily_at", InventoryLoader.formatTimeOfDay(s.cadence().dailyAtMs()));
                schedule.put("grace", InventoryLoader.formatDuration(s.cadence().graceMs()));
                m.put("schedule", schedule);
        }
        if (s.maxLagMs() != Source.NO_MAX_LAG) {
            m.put("max_lag", InventoryLoader.formatDuration(s.maxLagMs()));
        }
        putContent(m, s.content());
        return m;
    }

    /** Writes {@code volume}, {@code required}, {@code degraded} and {@code sequence_field} when declared. */
    private static void putContent(Map<String, Object> m, SourceContent c) {
        if (c.volume().enabled()) {
            final Map<String, Object> v = new LinkedHashMap<>(2);
            v.put("window", InventoryLoader.formatDuration(c.volume().windowMs()));
            v.put("consecutive", c.volume().consecutive());
            m.put("volume", v);
        }
        final DegradedPolicy d = c.degraded();
        if (!d.required().isEmpty()) {
            final List<Object> required = new ArrayList<>(d.required().size());
            for (RequiredField f : d.required()) {
                final Map<String, Object> r = new LinkedHashMap<>(2);
                r.put("field", f.field());
                r.put("values", f.learn() ? "learn" : f.values());
                required.add(r);
            }
            m.put("required", required);
        }
        if (d.enabled()) {
            final Map<String, Object> g = new LinkedHashMap<>(4);
            g.put("window", InventoryLoader.formatDuration(d.windowMs()));
            g.put("consecutive", d.consecutive());
            if (d.maxParseFailureRate() > 0) {
                g.put("max_parse_failure_rate", d.maxParseFailureRate());
            }
            g.put("learn_windows", d.learnWindows());
            m.put("degraded", g);
        }
        if (c.sequenceField() != null) {
            m.put("sequence_field", c.sequenceField());
        }
    }

    private static void putList(Map<String, Object> m, String key, List<String> values) {
        if (!values.isEmpty()) {
            m.put(key, values);
        }
    }

    private static void putText(Map<String, Object> m, String key, String value) {
        if (value != null) {
            m.put(key, value);
        }
    }
}
