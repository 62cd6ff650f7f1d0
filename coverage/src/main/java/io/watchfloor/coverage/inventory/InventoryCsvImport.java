package io.watchfloor.coverage.inventory;

import io.watchfloor.core.config.ConfigError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Turns a CSV inventory (one source per row, a header row naming the columns) into {@code inventory.yaml} text that
 * the loader accepts, validating each row exactly as the loader validates a source. Errors name the row (the
 * header is row 1, as a spreadsheet numbers it) and the column:
 * {@code inventory.csv: row 3, column peers: found "10.0.0.0/40" (expected: an IPv4/IPv6 address or CIDR block …)}.
 * Stateless and thread-safe.
 *
 * <p>Columns, in any order; {@code id}, {@code name} and {@code category} are required, the others may be left
 * out or left empty: {@value #COLUMN_LIST}. {@code hosts}, {@code peers}, {@code apps} and {@code tags} hold several
 * values separated by {@code ;}. {@code daily_at} and {@code grace} are the schedule of {@code cadence: batch};
 * {@code retired_date} and {@code retired_reason} go with {@code lifecycle: retired}.
 */
public final class InventoryCsvImport {
    /** Every column known, in the order the help lists them. */
    public static final String COLUMN_LIST = "id, name, category, owner, criticality, hosts, peers, apps, "
            + "logsource_product, logsource_service, logsource_category, max_silence, cadence, daily_at, grace, "
            + "max_lag, tags, lifecycle, retired_date, retired_reason";
    /** Separator of several values in one cell. */
    public static final String VALUE_SEPARATOR = ";";

    private static final List<String> COLUMNS = List.of(COLUMN_LIST.split(", "));
    private static final List<String> REQUIRED = List.of("id", "name", "category");
    private static final List<String> MULTI_VALUED = List.of("hosts", "peers", "apps", "tags");
    /** The column of each YAML key (a source key, or the first segment after {@code match.} etc.). */
    private static final Map<String, String> COLUMN_OF_PATH = Map.ofEntries(
            Map.entry("match.hosts", "hosts"), Map.entry("match.peers", "peers"), Map.entry("match.apps", "apps"),
            Map.entry("match", "hosts/peers/apps"),
            Map.entry("logsource.product", "logsource_product"), Map.entry("logsource.service", "logsource_service"),
            Map.entry("logsource.category", "logsource_category"),
            Map.entry("logsource", "logsource_product/logsource_service/logsource_category"),
            Map.entry("schedule.daily_at", "daily_at"), Map.entry("schedule.grace", "grace"),
            Map.entry("schedule", "daily_at/grace"),
            Map.entry("retired.date", "retired_date"), Map.entry("retired.reason", "retired_reason"),
            Map.entry("retired", "retired_date/retired_reason"));

    private InventoryCsvImport() {
    }

    /**
     * What {@link #convert} made of a file.
     *
     * @param yaml the inventory as YAML text, or null when there are errors
     * @param sources how many sources it holds
     * @param errors every problem, by row; empty on success
     */
    public record Result(String yaml, int sources, List<ConfigError> errors) {
        public Result {
            errors = List.copyOf(errors);
        }

        /** @return true when every row is a valid source */
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    /** Reads {@code csv} (at most {@link InventoryLoader#MAX_FILE_BYTES}) and converts it. */
    public static Result convert(Path csv) {
        try {
            if (Files.size(csv) > InventoryLoader.MAX_FILE_BYTES) {
                return failed(csv, "", "found a file of " + Files.size(csv) + " bytes (expected: at most "
                        + InventoryLoader.MAX_FILE_BYTES + ")");
            }
            return convert(csv, Files.readString(csv, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return failed(csv, "", "cannot read the file: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()) + " (expected: a readable UTF-8 CSV file)");
        }
    }

    /**
     * Converts CSV text.
     *
     * @param file named in the errors and in the YAML's heading comment
     */
    public static Result convert(Path file, String csv) {
        final List<CsvRecords.Row> rows;
        try {
            rows = CsvRecords.parse(csv);
        } catch (IllegalArgumentException e) {
            return failed(file, "", e.getMessage());
        }
        if (rows.isEmpty()) {
            return failed(file, "row 1", "found an empty file (expected: a header row naming the columns: "
                    + COLUMN_LIST + ")");
        }
        final List<ConfigError> errors = new ArrayList<>();
        final List<String> header = header(file, rows.get(0), errors);
        if (!errors.isEmpty()) {
            return new Result(null, 0, errors);
        }
        final List<Map<String, Object>> sources = new ArrayList<>(rows.size() - 1);
        final Map<String, Integer> rowOfId = new HashMap<>();
        for (int r = 1; r < rows.size(); r++) {
            final CsvRecords.Row row = rows.get(r);
            final String where = "row " + row.line();
            if (row.fields().size() != header.size()) {
                errors.add(new ConfigError(file, where, "found " + row.fields().size() + " fields (expected: "
                        + header.size() + ", one per header column)"));
                continue;
            }
            final SourceDocument.Parsed p = SourceDocument.parse(document(header, row.fields()), sources.size(), file);
            for (ConfigError e : p.errors()) {
                errors.add(new ConfigError(file, where + column(e.yamlPath()), e.message()));
            }
            if (p.ok()) {
                final Integer earlier = rowOfId.putIfAbsent(p.source().id(), row.line());
                if (earlier != null) {
                    errors.add(new ConfigError(file, where + ", column id", "found \"" + p.source().id()
                            + "\" (expected: an id not used by an earlier row; row " + earlier + " has it)"));
                } else {
                    sources.add(SourceDocument.toMap(p.source()));
                }
            }
        }
        if (!errors.isEmpty()) {
            return new Result(null, 0, errors);
        }
        return new Result(yaml(file, sources), sources.size(), List.of());
    }

    private static List<String> header(Path file, CsvRecords.Row row, List<ConfigError> errors) {
        final List<String> header = new ArrayList<>(row.fields().size());
        for (String raw : row.fields()) {
            final String name = raw.strip().toLowerCase(Locale.ROOT);
            if (!COLUMNS.contains(name)) {
                errors.add(new ConfigError(file, "row " + row.line() + ", column " + raw.strip(),
                        "found an unknown column (expected: one of " + COLUMN_LIST + ")"));
            } else if (header.contains(name)) {
                errors.add(new ConfigError(file, "row " + row.line() + ", column " + name,
                        "found a column named twice (expected: each column once)"));
            }
            header.add(name);
        }
        for (String required : REQUIRED) {
            if (!header.contains(required)) {
                errors.add(new ConfigError(file, "row " + row.line(), "missing the column " + required
                        + " (expected: a header with at least id, name, category and one of hosts, peers, apps)"));
            }
        }
        return header;
    }

    /** @return the row as a source document in the YAML shape; empty cells are left out */
    private static Map<String, Object> document(List<String> header, List<String> fields) {
        final Map<String, Object> m = new LinkedHashMap<>();
        final Map<String, Object> match = new LinkedHashMap<>();
        final Map<String, Object> logsource = new LinkedHashMap<>();
        final Map<String, Object> schedule = new LinkedHashMap<>();
        final Map<String, Object> retired = new LinkedHashMap<>();
        for (int k = 0; k < header.size(); k++) {
            final String name = header.get(k);
            final String cell = fields.get(k).strip();
            if (cell.isEmpty()) {
                continue;
            }
            final Object value = MULTI_VALUED.contains(name) ? values(cell) : cell;
            switch (name) {
                case "hosts", "peers", "apps" -> match.put(name, value);
                case "logsource_product", "logsource_service", "logsource_category" ->
                        logsource.put(name.substring("logsource_".length()), value);
                case "daily_at", "grace" -> schedule.put(name, value);
                case "retired_date" -> retired.put("date", value);
                case "retired_reason" -> retired.put("reason", value);
                default -> m.put(name, value);
            }
        }
        // match is required: left out when empty, so the loader reports it missing
        putIfAny(m, "match", match);
        putIfAny(m, "logsource", logsource);
        putIfAny(m, "schedule", schedule);
        putIfAny(m, "retired", retired);
        return m;
    }

    private static List<String> values(String cell) {
        final List<String> out = new ArrayList<>();
        for (String v : cell.split(VALUE_SEPARATOR)) {
            if (!v.isBlank()) {
                out.add(v.strip());
            }
        }
        return out;
    }

    private static void putIfAny(Map<String, Object> m, String key, Map<String, Object> section) {
        if (!section.isEmpty()) {
            m.put(key, section);
        }
    }

    /** @return {@code ", column NAME"} for an error at a document path, or "" for the row as a whole */
    private static String column(String yamlPath) {
        if (yamlPath.isEmpty()) {
            return "";
        }
        final int bracket = yamlPath.indexOf('[');
        final String path = bracket < 0 ? yamlPath : yamlPath.substring(0, bracket);
        final String column = COLUMN_OF_PATH.getOrDefault(path, path);
        return ", column " + column;
    }

    private static String yaml(Path file, List<Map<String, Object>> sources) {
        final DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setIndicatorIndent(2);
        options.setIndentWithIndicator(true);
        options.setWidth(120);
        final Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("sources", sources);
        return "# Watchfloor inventory imported from " + file.getFileName() + " by `watchfloor inventory import`.\n"
                + "# Keys are documented in config/inventory.yaml; run `watchfloor validate` after editing.\n"
                + new Yaml(options).dump(doc);
    }

    private static Result failed(Path file, String where, String message) {
        return new Result(null, 0, List.of(new ConfigError(file, where, message)));
    }
}
