package io.watchfloor.server.wiring;

import io.watchfloor.core.config.ConfigError;
import io.watchfloor.coverage.inventory.Inventory;
import io.watchfloor.coverage.inventory.InventoryLoadResult;
import io.watchfloor.coverage.inventory.InventoryLoader;
import io.watchfloor.detect.mapping.FieldMapping;
import io.watchfloor.detect.rule.PlaceholderFile;
import io.watchfloor.detect.rule.RuleLoader;
import io.watchfloor.detect.rule.RuleRejection;
import io.watchfloor.detect.rule.RuleSet;
import io.watchfloor.server.config.ConfigLoader;
import io.watchfloor.server.config.WatchfloorConfig;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one validation pass that {@code validate} prints and {@code serve} runs before opening anything:
 * configuration, then inventory, field mapping files and rules. Opens no socket and maps no file.
 *
 * @param config the configuration, or null when it has errors
 * @param inventory the inventory, or null when it (or the configuration) has errors
 * @param rules the loaded rules, or null when the configuration has errors
 * @param mapping the field mapping ({@code detection.mappings} ahead of the shipped files), or null when the
 *     configuration or a mapping file has errors
 * @param errors configuration, inventory and field mapping errors
 * @param ruleRejections rules that could not load: {@code validate} and {@code serve} both fail on them
 */
public record Validation(WatchfloorConfig config, Inventory inventory, RuleSet rules, FieldMapping mapping,
                         List<ConfigError> errors, List<RuleRejection> ruleRejections) {

    /** @return true when there is no error and no rejected rule */
    public boolean ok() {
        return errors.isEmpty() && ruleRejections.isEmpty();
    }

    /** Validates the configuration file and what it points at. */
    public static Validation run(Path configFile) {
        final ConfigLoader.Result c = ConfigLoader.load(configFile);
        final List<ConfigError> errors = new ArrayList<>(c.errors());
        if (!c.ok()) {
            return new Validation(null, null, null, null, errors, List.of());
        }
        return forConfig(c.config(), errors);
    }

    /** Validates inventory and rules of an already loaded configuration. */
    public static Validation forConfig(WatchfloorConfig config) {
        return forConfig(config, new ArrayList<>());
    }

    private static Validation forConfig(WatchfloorConfig config, List<ConfigError> errors) {
        final InventoryLoadResult inv = InventoryLoader.load(config.inventory());
        errors.addAll(inv.errors());
        final FieldMapping mapping = FieldMapping.load(config.detection().mappings(), errors);
        final Map<String, List<String>> placeholders = placeholders(config, errors);
        RuleSet rules;
        try {
            rules = placeholders == null ? null : RuleLoader.load(config.rulesDir(), placeholders);
        } catch (IOException e) {
            errors.add(new ConfigError(config.file(), "detection.rules",
                    "cannot read " + config.rulesDir() + ": " + e.getMessage()));
            rules = null;
        }
        return new Validation(config, inv.ok() ? inv.inventory() : null, rules, mapping, List.copyOf(errors),
                rules == null ? List.of() : rules.rejections());
    }

    /**
     * @return the {@code expand} placeholder values of {@code detection.placeholders} (none when unset), or null
     *     when the file has errors, which go to {@code errors} naming the file and YAML path
     */
    static Map<String, List<String>> placeholders(WatchfloorConfig config, List<ConfigError> errors) {
        final Path file = config.detection().placeholders();
        return file == null ? Map.of() : PlaceholderFile.load(file, errors);
    }
}
