package io.watchfloor.detect.mapping;

import io.watchfloor.core.config.ConfigError;
import io.watchfloor.detect.rule.LogSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Field mapping as data, like pySigma processing pipelines: per log source, where each Sigma field name is read
 * (normalized fields, SD params, raw JSON dotted paths, fields a message extractor pulls out of the message), and
 * which event values a rule's log source implies. Loaded from YAML:
 *
 * <pre>
 * mappings:
 *   - name: linux-sshd
 *     logsource: {product: linux, service: sshd}   # the events it applies to (absent: every event)
 *     apps: [sshd, sshd-session]                   # syslog APP-NAMEs that mean this log source
 *     extract: sshd                                # message extractor its events run
 *     fields: {User: [user.name]}                  # Sigma field → paths, tried in order ("x.*": all under x)
 *     prefixes: [Event.EventData.]                 # then prefix + Sigma field, in order
 *     format: json                                 # only JSON (or syslog) events; absent: both
 * conditions:                                      # rule log source → event values it implies
 *   - {logsource: {product: windows, category: process_creation}, fields: {EventID: [1, 4688]}}
 * </pre>
 *
 * <p>Precedence, for a Sigma field on an event whose log source is E (see {@link MappingSelector}): the field's own
 * name first, then every entry that applies to E, those naming E (every component they set equals E's) before
 * those merely not contradicting it, each group in load order (configured files in the order listed, then the
 * shipped files {@link #SHIPPED}); within an entry its {@code fields} paths, then its prefixes. The first path
 * with a value wins. Immutable and thread-safe once loaded.
 */
public final class FieldMapping {
    /** The mapping files shipped in the jar, in load order, under {@link #SHIPPED_DIR}. */
    public static final List<String> SHIPPED = List.of("windows.yml", "linux.yml", "aws.yml", "zeek.yml", "web.yml",
            "ecs.yml");
    /** Class-path folder of the shipped mapping files. */
    public static final String SHIPPED_DIR = "/io/watchfloor/detect/mapping/";

    private static volatile FieldMapping shipped;

    /** A {@code conditions} item: when a rule's log source covers {@code logSource}, the event fields must fit. */
    public record RuleCondition(LogSource logSource, Map<String, List<String>> fields) {
    }

    private final List<MappingEntry> entries;
    private final List<RuleCondition> conditions;
    private final String[] apps;
    private final LogSource[] appLogSources;

    private FieldMapping(List<MappingEntry> entries, List<RuleCondition> conditions) {
        this.entries = List.copyOf(entries);
        this.conditions = List.copyOf(conditions);
        final Map<String, LogSource> byApp = new LinkedHashMap<>();
        for (MappingEntry e : entries) {
            for (String app : e.apps()) {
                byApp.putIfAbsent(app, e.logSource());
            }
        }
        this.apps = byApp.keySet().toArray(new String[0]);
        this.appLogSources = byApp.values().toArray(new LogSource[0]);
    }

    /** @return the empty mapping: every field is read under its own name only */
    public static FieldMapping none() {
        return new FieldMapping(List.of(), List.of());
    }

    /** @return the shipped mapping files ({@link #SHIPPED}), loaded once */
    public static FieldMapping defaults() {
        FieldMapping m = shipped;
        if (m == null) {
            final List<ConfigError> errors = new ArrayList<>();
            final List<FieldMapping> parts = new ArrayList<>();
            for (String name : SHIPPED) {
                parts.add(parse(resource(name), Path.of(SHIPPED_DIR.substring(1) + name), errors));
            }
            if (!errors.isEmpty()) {
                throw new IllegalStateException("shipped field mapping is invalid: " + errors);
            }
            m = concat(parts);
            shipped = m;
        }
        return m;
    }

    /**
     * Loads configured mapping files ahead of the shipped ones.
     *
     * @param files mapping files, highest precedence first
     * @param errors receives every problem, each naming its file and YAML path
     * @return the mapping, or null when any file had an error
     */
    public static FieldMapping load(List<Path> files, List<ConfigError> errors) {
        final int before = errors.size();
        final List<FieldMapping> parts = new ArrayList<>();
        for (Path f : files) {
            final String yaml;
            try {
                if (Files.size(f) > MappingParser.MAX_FILE_CHARS * 4L) {
                    errors.add(new ConfigError(f, "", "file is " + Files.size(f) + " bytes (expected: at most "
                            + MappingParser.MAX_FILE_CHARS + " characters)"));
                    continue;
                }
                yaml = Files.readString(f);
            } catch (IOException | RuntimeException e) {
                errors.add(new ConfigError(f, "", "cannot read file: " + e));
                continue;
            }
            parts.add(parse(yaml, f, errors));
        }
        if (errors.size() > before) {
            return null;
        }
        parts.add(defaults());
        return concat(parts);
    }

    /**
     * @param origin the file the text came from, for error messages
     * @throws IllegalArgumentException listing every problem when {@code yaml} is not a valid mapping file
     */
    public static FieldMapping parse(String yaml, Path origin) {
        final List<ConfigError> errors = new ArrayList<>();
        final FieldMapping m = parse(yaml, origin, errors);
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(errors.stream().map(ConfigError::toString)
                    .collect(Collectors.joining("; ")));
        }
        return m;
    }

    private static FieldMapping parse(String yaml, Path origin, List<ConfigError> errors) {
        final MappingParser p = new MappingParser(origin, errors);
        p.parse(yaml);
        return new FieldMapping(p.entries, p.conditions);
    }

    /** @return this mapping's entries followed by {@code lower}'s, which lose every tie */
    public FieldMapping then(FieldMapping lower) {
        return concat(List.of(this, lower));
    }

    private static FieldMapping concat(List<FieldMapping> parts) {
        final List<MappingEntry> entries = new ArrayList<>();
        final List<RuleCondition> conditions = new ArrayList<>();
        for (FieldMapping p : parts) {
            entries.addAll(p.entries);
            conditions.addAll(p.conditions);
        }
        return new FieldMapping(entries, conditions);
    }

    /** @return the entries, in load order */
    public List<MappingEntry> entries() {
        return entries;
    }

    /**
     * @return the field values an event must have (when it has the field) for a rule with {@code rule}'s log
     *     source: the union of every condition whose log source the rule matches on each component it sets
     */
    public Map<String, List<String>> impliedFields(LogSource rule) {
        final Map<String, List<String>> out = new LinkedHashMap<>();
        for (RuleCondition c : conditions) {
            final LogSource l = c.logSource();
            if (covers(l.product(), rule.product()) && covers(l.service(), rule.service())
                    && covers(l.category(), rule.category())) {
                for (Map.Entry<String, List<String>> f : c.fields().entrySet()) {
                    out.putIfAbsent(f.getKey(), f.getValue());
                }
            }
        }
        return out;
    }

    /** @return every field name a condition reads */
    public Set<String> conditionFields() {
        final Set<String> out = new LinkedHashSet<>();
        for (RuleCondition c : conditions) {
            out.addAll(c.fields().keySet());
        }
        return out;
    }

    /** @return the syslog APP-NAMEs (lower case) some entry lists, in first-listed order */
    String[] apps() {
        return apps;
    }

    /** @return the log source of the first entry listing app {@code index} of {@link #apps()} */
    LogSource appLogSource(int index) {
        return appLogSources[index];
    }

    private static boolean covers(String entry, String rule) {
        return entry == null || (rule != null && entry.equalsIgnoreCase(rule));
    }

    private static String resource(String name) {
        try (InputStream in = FieldMapping.class.getResourceAsStream(SHIPPED_DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + SHIPPED_DIR + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
