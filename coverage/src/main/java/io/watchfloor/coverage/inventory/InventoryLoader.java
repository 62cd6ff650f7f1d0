package io.watchfloor.coverage.inventory;

import io.watchfloor.core.config.ConfigError;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
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

    static final Pattern ID_PATTERN = Pattern.compile("[a-z0-9][a-z0-9._-]*");
    static final int MAX_GLOB_LENGTH = 255;

    private static final Logger LOG = LoggerFactory.getLogger(InventoryLoader.class);
    private static final List<String> TOP_KEYS = List.of("sources", "maintenance_windows", "exceptions");
    private static final List<String> SOURCE_KEYS =
            List.of("id", "name", "category", "match", "logsource", "max_silence", "criticality", "owner",
                    "max_lag", "cadence", "schedule", "tags");
    private static final List<String> WINDOW_KEYS =
            List.of("id", "description", "source", "tag", "category", "start", "end", "days", "from", "to", "timezone");
    private static final List<String> EXCEPTION_KEYS =
            List.of("id", "source", "justification", "compensating_control", "approver", "start", "expiry");
    private static final List<String> SCHEDULE_KEYS = List.of("daily_at", "grace");
    private static final List<String> MATCH_KEYS = List.of("hosts", "peers", "apps");
    private static final List<String> LOGSOURCE_KEYS = List.of("product", "service", "category");

    static final String EXPECT_ID = "an id matching [a-z0-9][a-z0-9._-]*";
    static final String EXPECT_CATEGORY = "one of identity, endpoint, network, cloud, application";
    static final String EXPECT_CRITICALITY = "one of low, medium, high, critical";
    static final String EXPECT_DURATION = "a positive duration like 30s, 5m, 1h, 2d";
    static final String EXPECT_GLOB = "a glob of printable characters using only * and ? as wildcards";
    static final String EXPECT_PEER = "an IPv4/IPv6 address or CIDR block like 192.0.2.0/24";
    static final String EXPECT_CADENCE = "one of static, learned, batch";
    static final String EXPECT_DAILY_AT = "a UTC time of day like \"02:30\"";
    static final String EXPECT_MATCH = "at least one of hosts, peers, apps with an entry";
    static final String EXPECT_TAG = "a tag matching [a-z0-9][a-z0-9._-]*";
    static final String EXPECT_INSTANT = "an ISO-8601 date-time with an offset like \"2026-03-01T22:00:00Z\"";
    static final String EXPECT_CLOCK = "a quoted time of day like \"02:30\"";
    static final String EXPECT_TIMEZONE = "UTC or an offset like \"+02:00\"";
    static final String EXPECT_DAY = "one of " + String.join(", ", MaintenanceWindow.DAY_NAMES);
    static final String EXPECT_SCOPE = "exactly one of source, tag, category";
    private static final Pattern OFFSET_PATTERN = Pattern.compile("[+-](0\\d|1[0-4]):[0-5]\\d");

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
        final Inventory inventory = new Reading(file, errors).inventory(document);
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

    /** One validation pass over a parsed document; collects errors instead of stopping. */
    private static final class Reading {
        private final Path file;
        private final List<ConfigError> errors;

        Reading(Path file, List<ConfigError> errors) {
            this.file = file;
            this.errors = errors;
        }

        Inventory inventory(Object document) {
            final Map<?, ?> top = mapping(document, "", "a mapping with the key sources");
            if (top == null) {
                return null;
            }
            unknownKeys(top, "", TOP_KEYS);
            if (!top.containsKey("sources")) {
                missing("sources", "a list of sources");
                return null;
            }
            final Object list = top.get("sources");
            if (list == null) {
                return new Inventory(List.of());
            }
            if (!(list instanceof List)) {
                wrong("sources", list, "a list of sources");
                return null;
            }
            final List<?> items = (List<?>) list;
            final List<Source> sources = new ArrayList<>(items.size());
            final Set<String> ids = new HashSet<>();
            for (int i = 0; i < items.size(); i++) {
                final Source s = source(items.get(i), "sources[" + i + "]", sources.size(), ids);
                if (s != null) {
                    sources.add(s);
                }
            }
            final List<MaintenanceWindow> windows = new ArrayList<>();
            final List<ExceptionGrant> exceptions = new ArrayList<>();
            if (top.containsKey("maintenance_windows")) {
                final List<?> ws = list(top.get("maintenance_windows"), "maintenance_windows", "a list of windows");
                final Set<String> windowIds = new HashSet<>();
                for (int i = 0; i < ws.size(); i++) {
                    final MaintenanceWindow w = window(ws.get(i), "maintenance_windows[" + i + "]", sources, ids,
                            windowIds);
                    if (w != null) {
                        windows.add(w);
                    }
                }
            }
            if (top.containsKey("exceptions")) {
                final List<?> xs = list(top.get("exceptions"), "exceptions", "a list of exceptions");
                final Set<String> exceptionIds = new HashSet<>();
                for (int i = 0; i < xs.size(); i++) {
                    final ExceptionGrant x = exception(xs.get(i), "exceptions[" + i + "]", ids, exceptionIds);
                    if (x != null) {
                        exceptions.add(x);
                    }
                }
            }
            return errors.isEmpty() ? new Inventory(sources, windows, exceptions) : null;
        }

        private List<?> list(Object node, String path, String expected) {
            if (node == null) {
                return List.of();
            }
            if (node instanceof List) {
                return (List<?>) node;
            }
            wrong(path, node, expected);
            return List.of();
        }

        /** Reads one window: an id, exactly one scope key, then start/end or days/from/to/timezone. */
        private MaintenanceWindow window(Object node, String path, List<Source> sources, Set<String> sourceIds,
                                         Set<String> windowIds) {
            final Map<?, ?> m = mapping(node, path, "a mapping describing a maintenance window");
            if (m == null) {
                return null;
            }
            final int before = errors.size();
            unknownKeys(m, path, WINDOW_KEYS);
            final String id = uniqueId(m, path, windowIds, "window");
            optionalString(m, path, "description", "a description");
            final SourceScope scope = scope(m, path, sources, sourceIds);
            final boolean oneOff = m.containsKey("start") || m.containsKey("end");
            final boolean weekly = m.containsKey("days") || m.containsKey("from") || m.containsKey("to")
                    || m.containsKey("timezone");
            if (oneOff && weekly) {
                wrong(path, m, "either start and end (one-off) or days, from and to (weekly), not both");
                return null;
            }
            if (!weekly) {
                final long start = instant(m, path, "start", true);
                final long end = instant(m, path, "end", true);
                if (start != Long.MIN_VALUE && end != Long.MIN_VALUE && end <= start) {
                    wrong(path + ".end", m.get("end"), "a time after start");
                }
                return errors.size() == before ? MaintenanceWindow.oneOff(id, scope, start, end) : null;
            }
            int daysMask = 0;
            if (!m.containsKey("days")) {
                missing(path + ".days", "a non-empty list, each entry " + EXPECT_DAY);
            } else if (!(m.get("days") instanceof List) || ((List<?>) m.get("days")).isEmpty()) {
                wrong(path + ".days", m.get("days"), "a non-empty list, each entry " + EXPECT_DAY);
            } else {
                final List<?> days = (List<?>) m.get("days");
                for (int i = 0; i < days.size(); i++) {
                    final int bit = days.get(i) instanceof String ? MaintenanceWindow.DAY_NAMES.indexOf(days.get(i)) : -1;
                    if (bit < 0) {
                        wrong(path + ".days[" + i + "]", days.get(i), EXPECT_DAY);
                    } else if ((daysMask & (1 << bit)) != 0) {
                        wrong(path + ".days[" + i + "]", days.get(i), "a day not listed before");
                    } else {
                        daysMask |= 1 << bit;
                    }
                }
            }
            final long fromMs = clock(m, path, "from");
            final long toMs = clock(m, path, "to");
            if (fromMs >= 0 && fromMs == toMs) {
                wrong(path + ".to", m.get("to"), "a time of day other than from");
            }
            long offsetMs = 0;
            final String tz = optionalString(m, path, "timezone", EXPECT_TIMEZONE);
            if (tz != null && !tz.equals("UTC")) {
                if (OFFSET_PATTERN.matcher(tz).matches()) {
                    final long h = Long.parseLong(tz.substring(1, 3));
                    final long min = Long.parseLong(tz.substring(4, 6));
                    offsetMs = (tz.charAt(0) == '-' ? -1 : 1) * (h * 60 + min) * 60_000L;
                } else {
                    wrong(path + ".timezone", tz, EXPECT_TIMEZONE);
                }
            }
            return errors.size() == before ? MaintenanceWindow.weekly(id, scope, daysMask, fromMs, toMs, offsetMs)
                    : null;
        }

        private SourceScope scope(Map<?, ?> m, String path, List<Source> sources, Set<String> sourceIds) {
            int keys = 0;
            for (SourceScope.Kind k : SourceScope.Kind.values()) {
                keys += m.containsKey(k.id()) ? 1 : 0;
            }
            if (keys != 1) {
                if (keys == 0) {
                    missing(path + ".source", EXPECT_SCOPE);
                } else {
                    wrong(path, m, EXPECT_SCOPE);
                }
                return null;
            }
            if (m.containsKey("source")) {
                final String id = string(m.get("source"), path + ".source", "a source id of this inventory");
                if (id != null && !sourceIds.contains(id)) {
                    wrong(path + ".source", id, "a source id of this inventory");
                }
                return id == null ? null : new SourceScope(SourceScope.Kind.SOURCE, id);
            }
            if (m.containsKey("tag")) {
                final String tag = string(m.get("tag"), path + ".tag", "a tag used by a source");
                boolean used = false;
                for (Source s : sources) {
                    used |= tag != null && s.tags().contains(tag);
                }
                if (tag != null && !used) {
                    wrong(path + ".tag", tag, "a tag used by a source");
                }
                return tag == null ? null : new SourceScope(SourceScope.Kind.TAG, tag);
            }
            final String cat = string(m.get("category"), path + ".category", EXPECT_CATEGORY);
            if (cat != null && Category.ofId(cat) == null) {
                wrong(path + ".category", cat, EXPECT_CATEGORY);
            }
            return cat == null ? null : new SourceScope(SourceScope.Kind.CATEGORY, cat);
        }

        private ExceptionGrant exception(Object node, String path, Set<String> sourceIds, Set<String> exceptionIds) {
            final Map<?, ?> m = mapping(node, path, "a mapping describing an exception");
            if (m == null) {
                return null;
            }
            final int before = errors.size();
            unknownKeys(m, path, EXCEPTION_KEYS);
            final String id = uniqueId(m, path, exceptionIds, "exception");
            final String source = requiredString(m, path, "source", "a source id of this inventory");
            if (source != null && !sourceIds.contains(source)) {
                wrong(path + ".source", source, "a source id of this inventory");
            }
            final String justification = requiredString(m, path, "justification", "why the gap is accepted");
            final String control = requiredString(m, path, "compensating_control", "what covers the risk meanwhile");
            final String approver = requiredString(m, path, "approver", "who approved the exception");
            final long start = instant(m, path, "start", true);
            final long expiry = instant(m, path, "expiry", true);
            if (start != Long.MIN_VALUE && expiry != Long.MIN_VALUE && expiry <= start) {
                wrong(path + ".expiry", m.get("expiry"), "a time after start");
            }
            return errors.size() == before
                    ? new ExceptionGrant(id, source, justification, control, approver, start, expiry) : null;
        }

        private String uniqueId(Map<?, ?> m, String path, Set<String> seen, String what) {
            final String id = requiredString(m, path, "id", EXPECT_ID);
            if (id != null) {
                if (!ID_PATTERN.matcher(id).matches()) {
                    wrong(path + ".id", id, EXPECT_ID);
                } else if (!seen.add(id)) {
                    wrong(path + ".id", id, "an id not used by an earlier " + what);
                }
            }
            return id;
        }

        /**
         * @return the instant at {@code key}, epoch ms, or Long.MIN_VALUE (reported) when missing or invalid; an
         *     unquoted YAML timestamp arrives as a {@link java.util.Date} and is accepted
         */
        private long instant(Map<?, ?> m, String path, String key, boolean required) {
            if (!m.containsKey(key)) {
                if (required) {
                    missing(join(path, key), EXPECT_INSTANT);
                }
                return Long.MIN_VALUE;
            }
            final Object v = m.get(key);
            if (v instanceof java.util.Date) {
                return ((java.util.Date) v).getTime();
            }
            if (v instanceof String) {
                try {
                    return java.time.OffsetDateTime.parse((String) v).toInstant().toEpochMilli();
                } catch (java.time.format.DateTimeParseException e) {
                    // reported below
                }
            }
            wrong(join(path, key), v, EXPECT_INSTANT);
            return Long.MIN_VALUE;
        }

        /** @return ms after midnight of the required {@code HH:MM} at {@code key}, or -1 (reported) */
        private long clock(Map<?, ?> m, String path, String key) {
            final String text = requiredString(m, path, key, EXPECT_CLOCK);
            final long ms = text == null ? -1 : parseTimeOfDayMs(text);
            if (text != null && ms < 0) {
                wrong(join(path, key), text, EXPECT_CLOCK);
            }
            return ms;
        }

        private Source source(Object node, String path, int index, Set<String> ids) {
            final Map<?, ?> m = mapping(node, path, "a mapping describing a source");
            if (m == null) {
                return null;
            }
            final int errorsBefore = errors.size();
            unknownKeys(m, path, SOURCE_KEYS);
            final String id = requiredString(m, path, "id", EXPECT_ID);
            if (id != null) {
                if (!ID_PATTERN.matcher(id).matches()) {
                    wrong(path + ".id", id, EXPECT_ID);
                } else if (!ids.add(id)) {
                    wrong(path + ".id", id, "an id not used by an earlier source");
                }
            }
            final String name = requiredString(m, path, "name", "a human-readable name");
            final String categoryText = requiredString(m, path, "category", EXPECT_CATEGORY);
            Category category = null;
            if (categoryText != null) {
                category = Category.ofId(categoryText);
                if (category == null) {
                    wrong(path + ".category", categoryText, EXPECT_CATEGORY);
                }
            }
            final SourceMatch match = match(m, path);
            final LogSourceRef logsource = logsource(m, path);
            final String silenceText = optionalString(m, path, "max_silence", EXPECT_DURATION);
            long maxSilenceMs = -1;
            if (silenceText != null) {
                maxSilenceMs = parseDurationMs(silenceText);
                if (maxSilenceMs <= 0) {
                    wrong(path + ".max_silence", silenceText, EXPECT_DURATION);
                }
            }
            final Cadence cadence = cadence(m, path, m.containsKey("max_silence"));
            if (cadence != null && cadence.type() == CadenceType.LEARNED) {
                maxSilenceMs = Cadence.LEARNED_CEILING_MS_DEFAULT;
            } else if (cadence != null && cadence.type() == CadenceType.BATCH) {
                maxSilenceMs = Cadence.DAY_MS + cadence.graceMs();
            }
            Criticality criticality = Criticality.DEFAULT;
            final String criticalityText = optionalString(m, path, "criticality", EXPECT_CRITICALITY);
            if (criticalityText != null) {
                criticality = Criticality.ofId(criticalityText);
                if (criticality == null) {
                    wrong(path + ".criticality", criticalityText, EXPECT_CRITICALITY);
                }
            }
            final String owner = optionalString(m, path, "owner", "a team name");
            long maxLagMs = Source.NO_MAX_LAG;
            final String lagText = optionalString(m, path, "max_lag", EXPECT_DURATION);
            if (lagText != null) {
                maxLagMs = parseDurationMs(lagText);
                if (maxLagMs <= 0) {
                    wrong(path + ".max_lag", lagText, EXPECT_DURATION);
                }
            }
            final List<String> tags = stringList(m, path, "tags", EXPECT_TAG);
            for (int t = 0; t < tags.size(); t++) {
                if (tags.get(t) != null && !ID_PATTERN.matcher(tags.get(t)).matches()) {
                    wrong(path + ".tags[" + t + "]", tags.get(t), EXPECT_TAG);
                }
            }
            if (errors.size() != errorsBefore) {
                return null;
            }
            return new Source(index, id, name, category, match, logsource, maxSilenceMs, criticality, owner,
                    maxLagMs, cadence, tags);
        }

        /**
         * Reads {@code cadence} and {@code schedule}: static needs max_silence, learned and batch exclude it, batch
         * needs a schedule and only batch takes one. Without {@code cadence}: static with max_silence, else learned.
         */
        private Cadence cadence(Map<?, ?> m, String path, boolean hasMaxSilence) {
            final int before = errors.size();
            CadenceType type = hasMaxSilence ? CadenceType.STATIC : CadenceType.LEARNED;
            final String text = optionalString(m, path, "cadence", EXPECT_CADENCE);
            if (text != null) {
                type = CadenceType.ofId(text);
                if (type == null) {
                    wrong(path + ".cadence", text, EXPECT_CADENCE);
                    return null;
                }
            }
            if (type == CadenceType.STATIC && !hasMaxSilence) {
                missing(path + ".max_silence", EXPECT_DURATION + ", required by cadence static");
            } else if (type != CadenceType.STATIC && hasMaxSilence) {
                wrong(path + ".max_silence", m.get("max_silence"), "no max_silence with cadence " + type.id()
                        + " (max_silence means cadence static)");
            }
            if (type != CadenceType.BATCH) {
                if (m.containsKey("schedule")) {
                    wrong(path + ".schedule", m.get("schedule"), "no schedule unless cadence is batch");
                }
                return errors.size() == before ? (type == CadenceType.STATIC ? Cadence.STATIC : Cadence.LEARNED) : null;
            }
            final String schedulePath = path + ".schedule";
            if (!m.containsKey("schedule")) {
                missing(schedulePath, "a mapping with daily_at and grace, required by cadence batch");
                return null;
            }
            final Map<?, ?> schedule = mapping(m.get("schedule"), schedulePath, "a mapping with daily_at and grace");
            if (schedule == null) {
                return null;
            }
            unknownKeys(schedule, schedulePath, SCHEDULE_KEYS);
            final String at = requiredString(schedule, schedulePath, "daily_at", EXPECT_DAILY_AT);
            final long atMs = at == null ? -1 : parseTimeOfDayMs(at);
            if (at != null && atMs < 0) {
                wrong(schedulePath + ".daily_at", at, EXPECT_DAILY_AT);
            }
            final String graceText = requiredString(schedule, schedulePath, "grace", "a duration below 12h like 2h");
            final long graceMs = graceText == null ? -1 : parseDurationMs(graceText);
            if (graceText != null && (graceMs <= 0 || graceMs >= Cadence.DAY_MS / 2)) {
                wrong(schedulePath + ".grace", graceText, "a duration below 12h like 2h");
            }
            return errors.size() == before ? Cadence.batch(atMs, graceMs) : null;
        }

        private SourceMatch match(Map<?, ?> source, String sourcePath) {
            final String path = sourcePath + ".match";
            if (!source.containsKey("match")) {
                missing(path, EXPECT_MATCH);
                return null;
            }
            final Map<?, ?> m = mapping(source.get("match"), path, EXPECT_MATCH);
            if (m == null) {
                return null;
            }
            unknownKeys(m, path, MATCH_KEYS);
            final int before = errors.size();
            final List<String> hosts = stringList(m, path, "hosts", EXPECT_GLOB);
            final List<String> peers = stringList(m, path, "peers", EXPECT_PEER);
            final List<String> apps = stringList(m, path, "apps", EXPECT_GLOB);
            for (int i = 0; i < hosts.size(); i++) {
                if (hosts.get(i) != null && !isValidGlob(hosts.get(i))) {
                    wrong(path + ".hosts[" + i + "]", hosts.get(i), EXPECT_GLOB);
                }
            }
            for (int i = 0; i < peers.size(); i++) {
                if (peers.get(i) != null && CidrBlock.parse(peers.get(i)) == null) {
                    wrong(path + ".peers[" + i + "]", peers.get(i), EXPECT_PEER);
                }
            }
            for (int i = 0; i < apps.size(); i++) {
                if (apps.get(i) != null && !isValidGlob(apps.get(i))) {
                    wrong(path + ".apps[" + i + "]", apps.get(i), EXPECT_GLOB);
                }
            }
            if (hosts.isEmpty() && peers.isEmpty() && apps.isEmpty() && errors.size() == before) {
                wrong(path, m, EXPECT_MATCH);
            }
            if (errors.size() != before) {
                return null;
            }
            return new SourceMatch(hosts, peers, apps);
        }

        private LogSourceRef logsource(Map<?, ?> source, String sourcePath) {
            if (!source.containsKey("logsource")) {
                return null;
            }
            final String path = sourcePath + ".logsource";
            final Map<?, ?> m = mapping(source.get("logsource"), path,
                    "a mapping with product, service and/or category");
            if (m == null) {
                return null;
            }
            unknownKeys(m, path, LOGSOURCE_KEYS);
            final String product = optionalString(m, path, "product", "a Sigma product name");
            final String service = optionalString(m, path, "service", "a Sigma service name");
            final String category = optionalString(m, path, "category", "a Sigma log source category");
            if (product == null && service == null && category == null) {
                wrong(path, m, "a mapping with product, service and/or category");
            }
            return new LogSourceRef(product, service, category);
        }

        // ---- primitives ----

        private Map<?, ?> mapping(Object node, String path, String expected) {
            if (node instanceof Map) {
                return (Map<?, ?>) node;
            }
            wrong(path, node, expected);
            return null;
        }

        private void unknownKeys(Map<?, ?> m, String path, List<String> known) {
            for (Object key : m.keySet()) {
                if (!(key instanceof String) || !known.contains(key)) {
                    errors.add(new ConfigError(file, join(path, String.valueOf(key)),
                            "found an unknown key (expected: one of " + String.join(", ", known) + ")"));
                }
            }
        }

        private String requiredString(Map<?, ?> m, String path, String key, String expected) {
            if (!m.containsKey(key)) {
                missing(join(path, key), expected);
                return null;
            }
            return string(m.get(key), join(path, key), expected);
        }

        private String optionalString(Map<?, ?> m, String path, String key, String expected) {
            if (!m.containsKey(key)) {
                return null;
            }
            return string(m.get(key), join(path, key), expected);
        }

        private String string(Object v, String path, String expected) {
            if (v instanceof String && !((String) v).isBlank()) {
                return (String) v;
            }
            wrong(path, v, expected);
            return null;
        }

        /** @return the list's strings; a non-string entry is reported and kept as null; empty when absent */
        private List<String> stringList(Map<?, ?> m, String path, String key, String expected) {
            if (!m.containsKey(key)) {
                return List.of();
            }
            final String listPath = join(path, key);
            final Object v = m.get(key);
            if (!(v instanceof List)) {
                wrong(listPath, v, "a list, each entry " + expected);
                return List.of();
            }
            final List<?> items = (List<?>) v;
            final List<String> out = new ArrayList<>(items.size());
            for (int i = 0; i < items.size(); i++) {
                final Object item = items.get(i);
                if (item instanceof String) {
                    out.add((String) item);
                } else {
                    wrong(listPath + "[" + i + "]", item, expected);
                    out.add(null);
                }
            }
            return out;
        }

        private void missing(String path, String expected) {
            errors.add(new ConfigError(file, path, "missing (expected: " + expected + ")"));
        }

        private void wrong(String path, Object found, String expected) {
            errors.add(new ConfigError(file, path, "found " + describe(found) + " (expected: " + expected + ")"));
        }

        private static String join(String path, String key) {
            return path.isEmpty() ? key : path + "." + key;
        }

        private static String describe(Object v) {
            if (v == null) {
                return "nothing";
            }
            if (v instanceof String) {
                final String s = (String) v;
                return s.isBlank() ? "an empty string" : "\"" + (s.length() > 80 ? s.substring(0, 80) + "…" : s) + "\"";
            }
            if (v instanceof Map) {
                return ((Map<?, ?>) v).isEmpty() ? "an empty mapping" : "a mapping";
            }
            if (v instanceof List) {
                return ((List<?>) v).isEmpty() ? "an empty list" : "a list";
            }
            if (v instanceof Number || v instanceof Boolean) {
                return v.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT) + " " + v;
            }
            return "a " + v.getClass().getSimpleName();
        }
    }
}
