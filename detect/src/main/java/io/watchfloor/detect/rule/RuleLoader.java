package io.watchfloor.detect.rule;

import io.watchfloor.detect.match.FieldRegistry;
import io.watchfloor.detect.match.InvalidDetectionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.representer.Representer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Loads Sigma rules from a directory tree: every {@code *.yml}/{@code *.yaml} file, each possibly holding several
 * YAML documents (detection rules, correlation rules, meta filters). Correlation references are resolved, by id or
 * name, across all files once every file is read. A document that cannot load becomes a {@link RuleRejection} naming its file and reason; the
 * others load. Runs at start-up (and on {@code validate}), on one thread.
 */
public final class RuleLoader {
    /** Largest rule file read, in bytes; bigger files are rejected whole. */
    public static final int MAX_FILE_BYTES = 1 << 20;
    /** Most YAML aliases per document (defends against alias-expansion bombs). */
    public static final int MAX_ALIASES = 16;
    /** Deepest YAML nesting accepted. */
    public static final int MAX_NESTING_DEPTH = 32;
    /** Level given to a rule that declares none. */
    public static final String LEVEL_DEFAULT = "medium";

    private static final int MAX_REASON_CHARS = 300;
    private static final Logger LOG = LoggerFactory.getLogger(RuleLoader.class);

    private final FieldRegistry fields = new FieldRegistry();
    private final RuleCompiler compiler;
    private final List<MetaFilter> filters = new ArrayList<>();
    private final List<CompiledRule> rules = new ArrayList<>();
    private final List<RuleRejection> rejections = new ArrayList<>();
    private final List<CorrelationRule> correlations = new ArrayList<>();
    private final Map<String, Path> seenIds = new HashMap<>();

    private RuleLoader(Map<String, List<String>> placeholders) {
        this.compiler = new RuleCompiler(fields, Map.copyOf(placeholders));
    }

    /**
     * Loads every rule file under {@code dir}, recursively, in path order.
     *
     * @return the compiled rules and the rejections; never fails because of a bad rule
     * @throws IOException when {@code dir} is missing or cannot be listed
     */
    public static RuleSet load(Path dir) throws IOException {
        return load(dir, Map.of());
    }

    /**
     * Loads every rule file under {@code dir}, recursively, in path order, resolving {@code expand} placeholders.
     *
     * @param placeholders values of each {@code %name%} placeholder, keyed by name without the percent signs; a rule
     *     using a placeholder missing here is rejected with code {@code placeholder_unknown}
     * @return the compiled rules (meta filters applied) and the rejections; never fails because of a bad rule
     * @throws IOException when {@code dir} is missing or cannot be listed
     */
    public static RuleSet load(Path dir, Map<String, List<String>> placeholders) throws IOException {
        return load(List.of(dir), placeholders);
    }

    /**
     * Loads every rule file under each of {@code dirs} into one rule set (rule ids are unique across them).
     *
     * @param placeholders as for {@link #load(Path, Map)}
     * @throws IOException when a directory is missing or cannot be listed
     */
    public static RuleSet load(List<Path> dirs, Map<String, List<String>> placeholders) throws IOException {
        final RuleLoader loader = new RuleLoader(placeholders);
        for (Path dir : dirs) {
            final List<Path> files;
            try (Stream<Path> walk = Files.walk(dir)) {
                files = walk.filter(Files::isRegularFile).filter(RuleLoader::isRuleFile).sorted()
                        .collect(Collectors.toList());
            }
            for (Path file : files) {
                loader.loadFile(file);
            }
        }
        final Object dir = dirs.size() == 1 ? dirs.get(0) : dirs;
        final RuleSet set = loader.result();
        LOG.info("Rules loaded. dir={} rules={} correlations={} rejected={}", dir, set.rules().size(),
                set.correlations().size(), set.rejections().size());
        for (RuleRejection r : set.rejections()) {
            LOG.warn("Rule rejected. file={} id={} reason={}", r.file(), r.ruleId(), r.reason());
        }
        return set;
    }

    /**
     * Loads rules from YAML text, as if read from {@code file}; for tests and single-file validation.
     *
     * @param file the name rejections carry; it is not read
     */
    public static RuleSet loadText(Path file, String yaml) {
        return loadText(file, yaml, Map.of());
    }

    /**
     * Loads rules from YAML text with {@code expand} placeholders; see {@link #load(Path, Map)}.
     *
     * @param file the name rejections carry; it is not read
     */
    public static RuleSet loadText(Path file, String yaml, Map<String, List<String>> placeholders) {
        final RuleLoader loader = new RuleLoader(placeholders);
        loader.loadDocuments(file, yaml);
        return loader.result();
    }

    private static boolean isRuleFile(Path p) {
        final String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yml") || name.endsWith(".yaml");
    }

    private RuleSet result() {
        final List<CompiledRule> filtered = MetaFilter.applyAll(filters, rules, rejections);
        final List<CorrelationRule> resolved = correlations.isEmpty() ? List.of()
                : CorrelationResolver.resolve(filtered, correlations, rejections);
        return new RuleSet(filtered, resolved, rejections, fields, filters.size());
    }

    private void loadFile(Path file) {
        final byte[] bytes;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                rejections.add(new RuleRejection(file, null, "file is larger than " + MAX_FILE_BYTES + " bytes", "file_too_large"));
                return;
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            rejections.add(new RuleRejection(file, null, "file cannot be read: " + e.getClass().getSimpleName(), "file_unreadable"));
            return;
        }
        final String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            rejections.add(new RuleRejection(file, null, "file is not valid UTF-8", "not_utf8"));
            return;
        }
        loadDocuments(file, text);
    }

    private void loadDocuments(Path file, String text) {
        final Iterator<Object> docs = newYaml().loadAll(text).iterator();
        int index = 0;
        while (true) {
            final Object doc;
            try {
                if (!docs.hasNext()) {
                    return;
                }
                doc = docs.next();
            } catch (YAMLException e) {
                // the parser cannot resynchronise after a syntax error: the rest of the file is lost
                rejections.add(new RuleRejection(file, null, "invalid YAML in document " + (index + 1) + ": "
                        + oneLine(e.getMessage()), "yaml_invalid"));
                return;
            }
            index++;
            if (doc == null) {
                continue;
            }
            loadDocument(file, index, doc);
        }
    }

    private void loadDocument(Path file, int index, Object doc) {
        if (!(doc instanceof Map)) {
            rejections.add(new RuleRejection(file, null, "document " + index + " is not a map", "not_a_map"));
            return;
        }
        final Map<?, ?> map = (Map<?, ?>) doc;
        final String stem = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        final String fallbackId = index == 1 ? stem : stem + "#" + index;
        try {
            if (map.containsKey("filter") && !map.containsKey("detection")) {
                filters.add(compiler.compileFilter(map, file, fallbackId));
                return;
            }
            if (map.containsKey("correlation") && !map.containsKey("detection")) {
                final CorrelationRule c = CorrelationCompiler.compile(map, file, fallbackId);
                final Path first = seenIds.putIfAbsent(c.id(), file);
                if (first != null) {
                    rejections.add(new RuleRejection(file, c.id(), "duplicate rule id, first loaded from " + first, "duplicate_id"));
                    return;
                }
                correlations.add(c);
                return;
            }
            final CompiledRule rule = compiler.compile(map, file, fallbackId);
            final Path first = seenIds.putIfAbsent(rule.id(), file);
            if (first != null) {
                rejections.add(new RuleRejection(file, rule.id(), "duplicate rule id, first loaded from " + first, "duplicate_id"));
                return;
            }
            rules.add(rule);
        } catch (InvalidDetectionException e) {
            rejections.add(new RuleRejection(file, RuleCompiler.idOf(map), e.getMessage(), e.code()));
        } catch (RuntimeException e) {
            // a compiler bug must not stop the other rules from loading; the class name is the reason
            rejections.add(new RuleRejection(file, RuleCompiler.idOf(map), "internal error: " + e, "internal_error"));
        }
    }

    private static Yaml newYaml() {
        final LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setAllowRecursiveKeys(false);
        options.setAllowDuplicateKeys(false);
        options.setNestingDepthLimit(MAX_NESTING_DEPTH);
        options.setCodePointLimit(MAX_FILE_BYTES);
        final DumperOptions dumper = new DumperOptions();
        return new Yaml(new SafeConstructor(options), new Representer(dumper), dumper, options, new SigmaYamlResolver());
    }

    private static String oneLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        final String t = s.strip().replaceAll("\\s+", " ");
        return t.length() <= MAX_REASON_CHARS ? t : t.substring(0, MAX_REASON_CHARS) + "…";
    }
}
