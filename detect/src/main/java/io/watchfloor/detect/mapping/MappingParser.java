package io.watchfloor.detect.mapping;

import io.watchfloor.core.config.ConfigError;
import io.watchfloor.detect.extract.MessageExtractor;
import io.watchfloor.detect.extract.MessageExtractors;
import io.watchfloor.detect.rule.LogSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads one mapping file into entries and rule conditions, recording a {@link ConfigError} with the YAML path for
 * every problem instead of stopping at the first. Not thread-safe; one per file.
 */
final class MappingParser {
    /** Largest mapping file read: mappings are hand-written data. */
    static final int MAX_FILE_CHARS = 1 << 20;
    /** Most entries (mappings plus conditions) in one file. */
    static final int MAX_ENTRIES = 10_000;

    private static final Set<String> TOP_KEYS = Set.of("mappings", "conditions");
    private static final Set<String> ENTRY_KEYS = Set.of("name", "logsource", "apps", "extract", "prefixes", "fields",
            "format");
    private static final Set<String> CONDITION_KEYS = Set.of("logsource", "fields");
    private static final Set<String> LOGSOURCE_KEYS = Set.of("product", "service", "category");

    private final Path file;
    private final List<ConfigError> errors;
    final List<MappingEntry> entries = new ArrayList<>();
    final List<FieldMapping.RuleCondition> conditions = new ArrayList<>();

    MappingParser(Path file, List<ConfigError> errors) {
        this.file = file;
        this.errors = errors;
    }

    void parse(String yaml) {
        if (yaml.length() > MAX_FILE_CHARS) {
            error("", "file has " + yaml.length() + " characters (expected: at most " + MAX_FILE_CHARS + ")");
            return;
        }
        final Object doc;
        try {
            final LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            options.setMaxAliasesForCollections(50);
            doc = new Yaml(new SafeConstructor(options)).load(yaml);
        } catch (RuntimeException e) {
            error("", "not valid YAML: " + String.valueOf(e.getMessage()).replace('\n', ' '));
            return;
        }
        if (doc == null) {
            return;
        }
        if (!(doc instanceof Map)) {
            error("", "found " + describe(doc) + " (expected: a mapping with mappings: and conditions: lists)");
            return;
        }
        final Map<?, ?> root = (Map<?, ?>) doc;
        unknownKeys(root, "", TOP_KEYS);
        final List<?> mappings = list(root.get("mappings"), "mappings");
        final List<?> conds = list(root.get("conditions"), "conditions");
        if (mappings.size() + conds.size() > MAX_ENTRIES) {
            error("", (mappings.size() + conds.size()) + " entries (expected: at most " + MAX_ENTRIES + ")");
            return;
        }
        for (int i = 0; i < mappings.size(); i++) {
            entry(mappings.get(i), "mappings[" + i + "]", i);
        }
        for (int i = 0; i < conds.size(); i++) {
            condition(conds.get(i), "conditions[" + i + "]");
        }
    }

    private void entry(Object o, String path, int index) {
        if (!(o instanceof Map)) {
            error(path, "found " + describe(o) + " (expected: a mapping with logsource:, fields:…)");
            return;
        }
        final Map<?, ?> m = (Map<?, ?>) o;
        unknownKeys(m, path, ENTRY_KEYS);
        final Object nameValue = m.get("name");
        final String name = nameValue == null ? fileName() + "#" + index : String.valueOf(nameValue);
        final LogSource logSource = m.get("logsource") == null ? LogSource.ANY
                : logSource(m.get("logsource"), path + ".logsource");
        final List<String> apps = new ArrayList<>();
        for (String a : strings(m.get("apps"), path + ".apps")) {
            apps.add(a.toLowerCase(Locale.ROOT));
        }
        MessageExtractor extractor = null;
        final Object x = m.get("extract");
        if (x != null) {
            extractor = MessageExtractors.byName(String.valueOf(x));
            if (extractor == null) {
                error(path + ".extract", "found \"" + x + "\" (expected: one of " + MessageExtractors.names() + ")");
            }
        }
        if (logSource == LogSource.ANY && (!apps.isEmpty() || extractor != null)) {
            error(path + ".logsource", "missing (expected: a log source when apps: or extract: is given)");
        }
        final String format = scalar(m.get("format"), path + ".format");
        if (format != null && !format.equals(MappingEntry.JSON) && !format.equals(MappingEntry.SYSLOG)) {
            error(path + ".format", "found \"" + format + "\" (expected: json or syslog)");
        }
        final List<String> prefixes = strings(m.get("prefixes"), path + ".prefixes");
        final Map<String, List<String>> fields = fields(m.get("fields"), path + ".fields");
        if (logSource != null) {
            entries.add(new MappingEntry(name, logSource, apps, extractor, prefixes, fields, format));
        }
    }

    private void condition(Object o, String path) {
        if (!(o instanceof Map) || !(((Map<?, ?>) o).get("logsource") instanceof Map)) {
            error(path, "found " + describe(o) + " (expected: a mapping with a logsource: mapping and fields:)");
            return;
        }
        final Map<?, ?> m = (Map<?, ?>) o;
        unknownKeys(m, path, CONDITION_KEYS);
        final LogSource logSource = logSource(m.get("logsource"), path + ".logsource");
        final Map<String, List<String>> fields = fields(m.get("fields"), path + ".fields");
        if (logSource != null) {
            conditions.add(new FieldMapping.RuleCondition(logSource, fields));
        }
    }

    private LogSource logSource(Object o, String path) {
        if (!(o instanceof Map)) {
            error(path, "found " + describe(o) + " (expected: a mapping of product, service, category)");
            return null;
        }
        final Map<?, ?> m = (Map<?, ?>) o;
        unknownKeys(m, path, LOGSOURCE_KEYS);
        return new LogSource(scalar(m.get("product"), path + ".product"), scalar(m.get("service"), path + ".service"),
                scalar(m.get("category"), path + ".category"));
    }

    private Map<String, List<String>> fields(Object o, String path) {
        if (o == null) {
            return Map.of();
        }
        if (!(o instanceof Map)) {
            error(path, "found " + describe(o) + " (expected: a mapping of Sigma field name to field paths)");
            return Map.of();
        }
        final Map<String, List<String>> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) o).entrySet()) {
            final List<String> paths = strings(e.getValue(), path + "." + e.getKey());
            if (!paths.isEmpty()) {
                out.put(String.valueOf(e.getKey()), paths);
            }
        }
        return out;
    }

    private List<String> strings(Object o, String path) {
        if (o == null) {
            return List.of();
        }
        if (o instanceof String || o instanceof Number || o instanceof Boolean) {
            return List.of(String.valueOf(o));
        }
        if (o instanceof List) {
            final List<String> out = new ArrayList<>();
            for (Object item : (List<?>) o) {
                if (item instanceof String || item instanceof Number || item instanceof Boolean) {
                    out.add(String.valueOf(item));
                } else {
                    error(path, "found item " + describe(item) + " (expected: a string or a list of strings)");
                }
            }
            return out;
        }
        error(path, "found " + describe(o) + " (expected: a string or a list of strings)");
        return List.of();
    }

    private String scalar(Object o, String path) {
        if (o == null) {
            return null;
        }
        if (o instanceof String || o instanceof Number) {
            return String.valueOf(o);
        }
        error(path, "found " + describe(o) + " (expected: a string)");
        return null;
    }

    private List<?> list(Object o, String path) {
        if (o == null) {
            return List.of();
        }
        if (!(o instanceof List)) {
            error(path, "found " + describe(o) + " (expected: a list)");
            return List.of();
        }
        return (List<?>) o;
    }

    private void unknownKeys(Map<?, ?> m, String path, Set<String> allowed) {
        for (Object k : m.keySet()) {
            if (!allowed.contains(String.valueOf(k))) {
                error(path.isEmpty() ? String.valueOf(k) : path + "." + k,
                        "unknown key (expected one of: " + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
            }
        }
    }

    private String fileName() {
        return file == null || file.getFileName() == null ? "mapping" : file.getFileName().toString();
    }

    private void error(String path, String message) {
        errors.add(new ConfigError(file, path, message));
    }

    private static String describe(Object v) {
        if (v instanceof Map) {
            return "a mapping";
        }
        if (v instanceof List) {
            return "a list";
        }
        return v == null ? "nothing" : "\"" + v + "\"";
    }
}
