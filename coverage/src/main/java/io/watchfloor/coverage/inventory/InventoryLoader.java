package io.watchfloor.coverage.inventory;

import io.watchfloor.core.config.ConfigError;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Loads and validates {@code inventory.yaml}, collecting every error with its file, YAML path and expectation
 * ({@code sources[2].match.peers[0]: found "192.0.2.0/33" (expected: an IPv4/IPv6 address or CIDR block)}).
 * Stateless and thread-safe; runs once at start-up and in {@code watchfloor validate}.
 */
public final class InventoryLoader {
    /** Largest inventory file accepted, in bytes. */
    public static final int MAX_FILE_BYTES = 4 * 1024 * 1024;
    /** Most YAML aliases accepted (bounds "billion laughs" expansion). */
    public static final int MAX_ALIASES = 50;
    /** Deepest YAML nesting accepted. */
    public static final int MAX_NESTING_DEPTH = 16;

    private static final int MAX_GLOB_LENGTH = 255;

    private static final Logger LOG = LoggerFactory.getLogger(InventoryLoader.class);
    private static final List<String> TOP_KEYS = List.of("sources", "maintenance_windows", "exceptions");

    private InventoryLoader() {
    }

    /**
     * Reads and validates an inventory file.
     *
     * @param file the YAML file
     * @return the inventory, or null with every error found (a YAML syntax error stops at the first one)
     */
    public static InventoryLoadResult load(Path file) {
        final List<ConfigError> errors = new ArrayList<>();
        final Object document;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                errors.add(new ConfigError(file, "", "found a file of " + Files.size(file) + " bytes (expected: at most "
                        + MAX_FILE_BYTES + ")"));
                return new InventoryLoadResult(null, errors);
            }
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                document = newYaml().load(reader);
            }
        } catch (IOException e) {
            errors.add(new ConfigError(file, "", "cannot read the file: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()) + " (expected: a readable YAML file)"));
            return new InventoryLoadResult(null, errors);
        } catch (MarkedYAMLException e) {
            errors.add(new ConfigError(file, "", yamlProblem(e) + " (expected: well-formed YAML with unique keys)"));
            return new InventoryLoadResult(null, errors);
        } catch (YAMLException e) {
            errors.add(new ConfigError(file, "", "invalid YAML: " + e.getMessage() + " (expected: well-formed YAML)"));
            return new InventoryLoadResult(null, errors);
        }
        final Inventory inventory = inventory(document, new YamlNodeReader(file, errors));
        if (errors.isEmpty()) {
            LOG.info("Inventory loaded. file={} sources={}", file, inventory.size());
            return new InventoryLoadResult(inventory, errors);
        }
        return new InventoryLoadResult(null, errors);
    }

    /**
     * Parses a duration such as {@code 30s}, {@code 5m}, {@code 1h} or {@code 2d}.
     *
     * @return milliseconds (&gt; 0), or -1 when the text is not a positive duration
     */
    public static long parseDurationMs(String text) {
        if (text == null || text.length() < 2 || text.length() > 10) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < text.length() - 1; i++) {
            final char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        final long unitMs;
        switch (text.charAt(text.length() - 1)) {
            case 's': unitMs = 1_000L; break;
            case 'm': unitMs = 60_000L; break;
            case 'h': unitMs = 3_600_000L; break;
            case 'd': unitMs = 86_400_000L; break;
            default: return -1;
        }
        return value > 0 ? value * unitMs : -1;
    }

    /**
     * @return {@code ms} in the largest unit that divides it exactly ({@code 90s}, {@code 5m}, {@code 2d}), as
     *     {@link #parseDurationMs} reads it
     * @throws IllegalArgumentException when {@code ms} is not a positive whole number of seconds
     */
    public static String formatDuration(long ms) {
        if (ms <= 0 || ms % 1_000 != 0) {
            throw new IllegalArgumentException("duration : " + ms + " ms (expected: a positive whole number of seconds)");
        }
        if (ms % 86_400_000L == 0) {
            return ms / 86_400_000L + "d";
        }
        if (ms % 3_600_000L == 0) {
            return ms / 3_600_000L + "h";
        }
        if (ms % 60_000L == 0) {
            return ms / 60_000L + "m";
        }
        return ms / 1_000 + "s";
    }

    /** @return {@code HH:MM} of {@code ms} after midnight, as {@link #parseTimeOfDayMs} reads it */
    public static String formatTimeOfDay(long ms) {
        final long minutes = ms / 60_000L;
        return String.format(java.util.Locale.ROOT, "%02d:%02d", minutes / 60, minutes % 60);
    }

    /** @return ms after midnight of a {@code HH:MM} time of day, or -1 when the text is not one */
    public static long parseTimeOfDayMs(String text) {
        if (text == null || text.length() != 5 || text.charAt(2) != ':') {
            return -1;
        }
        for (int i : new int[] {0, 1, 3, 4}) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return -1;
            }
        }
        final int h = (text.charAt(0) - '0') * 10 + text.charAt(1) - '0';
        final int min = (text.charAt(3) - '0') * 10 + text.charAt(4) - '0';
        return h < 24 && min < 60 ? (h * 60L + min) * 60_000L : -1;
    }

    /** @return true when {@code glob} is a non-empty glob of printable ASCII with {@code *} and {@code ?} wildcards */
    public static boolean isValidGlob(String glob) {
        if (glob == null || glob.isEmpty() || glob.length() > MAX_GLOB_LENGTH) {
            return false;
        }
        for (int i = 0; i < glob.length(); i++) {
            final char c = glob.charAt(i);
            if (c <= ' ' || c > '~' || c == '[' || c == ']' || c == '{' || c == '}' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    /** One validation pass over a parsed document; returns null when it found an error. */
    private static Inventory inventory(Object document, YamlNodeReader reader) {
        final Map<?, ?> top = reader.mapping(document, "", "a mapping with the key sources", TOP_KEYS);
        if (top == null) {
            return null;
        }
        if (!top.containsKey("sources")) {
            reader.missing("sources", "a list of sources");
            return null;
        }
        final Object list = top.get("sources");
        if (list == null) {
            return new Inventory(List.of());
        }
        if (!(list instanceof List)) {
            reader.wrong("sources", list, "a list of sources");
            return null;
        }
        final SourceParser sourceParser = new SourceParser(reader);
        final List<Source> sources = reader.each((List<?>) list, "sources", sourceParser::parse);
        final MaintenanceWindowParser windowParser = new MaintenanceWindowParser(reader, sources, sourceParser.ids());
        final List<MaintenanceWindow> windows = reader.each(
                reader.list(top.get("maintenance_windows"), "maintenance_windows", "a list of windows"),
                "maintenance_windows", windowParser::parse);
        final ExceptionGrantParser exceptionParser = new ExceptionGrantParser(reader, sourceParser.ids());
        final List<ExceptionGrant> exceptions = reader.each(
                reader.list(top.get("exceptions"), "exceptions", "a list of exceptions"),
                "exceptions", exceptionParser::parse);
        return reader.errorCount() == 0 ? new Inventory(sources, windows, exceptions) : null;
    }

    private static Yaml newYaml() {
        final LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setAllowDuplicateKeys(false);
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(MAX_NESTING_DEPTH);
        options.setCodePointLimit(MAX_FILE_BYTES);
        return new Yaml(new SafeConstructor(options));
    }

    private static String yamlProblem(MarkedYAMLException e) {
        final Mark mark = e.getProblemMark();
        final String where = mark == null ? "" : " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
        final String problem = e.getProblem() == null ? "invalid YAML" : e.getProblem();
        return "found invalid YAML" + where + ": " + problem;
    }
}
