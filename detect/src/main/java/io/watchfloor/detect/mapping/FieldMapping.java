package io.watchfloor.detect.mapping;

import io.watchfloor.detect.rule.LogSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Maps Sigma field names onto the keys of an event, loaded from YAML:
 *
 * <pre>
 * prefixes: [Event.EventData., Event.System.]      # tried, in order, before every field name
 * fields:                                          # explicit alternatives, tried before the prefixes
 *   Provider_Name: [Event.System.Provider.#attributes.Name]
 * logsources:                                      # event values a rule log source implies
 *   - logsource: {product: windows, category: process_creation}
 *     fields: {EventID: ['1']}
 * </pre>
 * A field is always looked up under its own name first. Immutable once loaded; built at start-up.
 */
public final class FieldMapping {
    /** The mapping shipped in the jar: Windows event log JSON ({@code Event.System}, {@code Event.EventData}). */
    public static final String DEFAULT_RESOURCE = "/io/watchfloor/detect/mapping/windows-eventlog.yml";

    /** One {@code logsources} entry: when a rule's log source covers {@code logSource}, the event fields must fit. */
    public record LogSourceFields(LogSource logSource, Map<String, List<String>> fields) {
    }

    private final List<String> prefixes;
    private final Map<String, List<String>> fields;
    private final List<LogSourceFields> logSources;

    private FieldMapping(List<String> prefixes, Map<String, List<String>> fields, List<LogSourceFields> logSources) {
        this.prefixes = List.copyOf(prefixes);
        this.fields = Map.copyOf(fields);
        this.logSources = List.copyOf(logSources);
    }

    /** The empty mapping: every field is read under its own name only. */
    public static FieldMapping none() {
        return new FieldMapping(List.of(), Map.of(), List.of());
    }

    /** @return the mapping shipped in the jar ({@link #DEFAULT_RESOURCE}) */
    public static FieldMapping defaults() {
        try (InputStream in = FieldMapping.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + DEFAULT_RESOURCE);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @return the mapping in {@code file}
     * @throws IOException when it cannot be read
     * @throws IllegalArgumentException when it is not a mapping document
     */
    public static FieldMapping load(Path file) throws IOException {
        return parse(Files.readString(file));
    }

    /** @throws IllegalArgumentException when {@code yaml} is not a mapping document, naming the key at fault */
    public static FieldMapping parse(String yaml) {
        final Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        if (!(doc instanceof Map)) {
            throw new IllegalArgumentException("field mapping: expected a map");
        }
        final Map<?, ?> m = (Map<?, ?>) doc;
        final List<String> prefixes = strings(m.get("prefixes"), "prefixes");
        final Map<String, List<String>> fields = stringLists(m.get("fields"), "fields");
        final List<LogSourceFields> logSources = new ArrayList<>();
        final Object ls = m.get("logsources");
        if (ls != null) {
            if (!(ls instanceof List)) {
                throw new IllegalArgumentException("field mapping: logsources must be a list");
            }
            for (Object item : (List<?>) ls) {
                if (!(item instanceof Map) || !(((Map<?, ?>) item).get("logsource") instanceof Map)) {
                    throw new IllegalArgumentException("field mapping: logsources items need a logsource map");
                }
                final Map<?, ?> src = (Map<?, ?>) ((Map<?, ?>) item).get("logsource");
                logSources.add(new LogSourceFields(new LogSource(str(src.get("product")), str(src.get("service")),
                        str(src.get("category"))), stringLists(((Map<?, ?>) item).get("fields"), "logsources.fields")));
            }
        }
        return new FieldMapping(prefixes, fields, logSources);
    }

    /** @return the event keys to try for {@code sigmaField} after its own name, in order */
    public List<String> alternatives(String sigmaField) {
        final List<String> out = new ArrayList<>(fields.getOrDefault(sigmaField, List.of()));
        for (String p : prefixes) {
            out.add(p + sigmaField);
        }
        return out;
    }

    /**
     * @return the field values an event must have (when it has the field) for a rule with {@code rule}'s log
     *     source: the union of every entry whose log source the rule's matches on each component it sets
     */
    public Map<String, List<String>> impliedFields(LogSource rule) {
        final Map<String, List<String>> out = new LinkedHashMap<>();
        for (LogSourceFields e : logSources) {
            final LogSource l = e.logSource();
            if (covers(l.product(), rule.product()) && covers(l.service(), rule.service())
                    && covers(l.category(), rule.category())) {
                out.putAll(e.fields());
            }
        }
        return out;
    }

    private static boolean covers(String entry, String rule) {
        return entry == null || (rule != null && entry.toLowerCase(Locale.ROOT).equals(rule.toLowerCase(Locale.ROOT)));
    }

    private static String str(Object o) {
        return o == null ? null : String.valueOf(o);
    }

    private static List<String> strings(Object o, String key) {
        if (o == null) {
            return List.of();
        }
        if (o instanceof List) {
            final List<String> out = new ArrayList<>();
            for (Object item : (List<?>) o) {
                out.add(String.valueOf(item));
            }
            return out;
        }
        if (o instanceof String || o instanceof Number) {
            return List.of(String.valueOf(o));
        }
        throw new IllegalArgumentException("field mapping: " + key + " must be a string or a list of strings");
    }

    private static Map<String, List<String>> stringLists(Object o, String key) {
        if (o == null) {
            return Map.of();
        }
        if (!(o instanceof Map)) {
            throw new IllegalArgumentException("field mapping: " + key + " must be a map");
        }
        final Map<String, List<String>> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) o).entrySet()) {
            out.put(String.valueOf(e.getKey()), strings(e.getValue(), key + "." + e.getKey()));
        }
        return out;
    }
}
