package io.watchfloor.detect.rule;

import io.watchfloor.core.config.ConfigError;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the values of {@code expand} placeholders from a YAML file: a map of placeholder name (without the percent
 * signs) to a value or a list of values, e.g. {@code Admins_Workstations: [ws-01, ws-02]}. Errors name the file, the
 * YAML path and what was expected. Stateless.
 */
public final class PlaceholderFile {
    /** Largest placeholder file read, in bytes. */
    public static final long MAX_FILE_BYTES = 1 << 20;
    /** Most values a placeholder may hold. */
    public static final int MAX_VALUES = 10_000;

    private PlaceholderFile() {
    }

    /**
     * @param errors receives every problem, each naming {@code file} and the YAML path
     * @return placeholder name → values, in file order; null when the file has an error
     */
    public static Map<String, List<String>> load(Path file, List<ConfigError> errors) {
        final int before = errors.size();
        final Object doc;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                errors.add(new ConfigError(file, "", "file is " + Files.size(file) + " bytes (expected: at most "
                        + MAX_FILE_BYTES + ")"));
                return null;
            }
            doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
        } catch (IOException | RuntimeException e) {
            errors.add(new ConfigError(file, "", "cannot read placeholders: " + e.getMessage()));
            return null;
        }
        final Map<String, List<String>> out = new LinkedHashMap<>();
        if (doc == null) {
            return out;
        }
        if (!(doc instanceof Map)) {
            errors.add(new ConfigError(file, "", "found a " + kind(doc)
                    + " (expected: a map of placeholder name to a value or a list of values)"));
            return null;
        }
        for (Map.Entry<?, ?> e : ((Map<?, ?>) doc).entrySet()) {
            final String name = String.valueOf(e.getKey());
            final List<String> values = new ArrayList<>();
            final Object v = e.getValue();
            if (v instanceof List) {
                final List<?> list = (List<?>) v;
                for (int i = 0; i < list.size(); i++) {
                    if (!scalar(list.get(i))) {
                        errors.add(new ConfigError(file, name + "[" + i + "]", "found a " + kind(list.get(i))
                                + " (expected: a string or number)"));
                    } else {
                        values.add(String.valueOf(list.get(i)));
                    }
                }
                if (list.size() > MAX_VALUES) {
                    errors.add(new ConfigError(file, name, "found " + list.size() + " values (expected: at most "
                            + MAX_VALUES + ")"));
                }
            } else if (scalar(v)) {
                values.add(String.valueOf(v));
            } else {
                errors.add(new ConfigError(file, name, "found " + (v == null ? "nothing" : "a " + kind(v))
                        + " (expected: a value or a list of values)"));
            }
            out.put(name, List.copyOf(values));
        }
        return errors.size() > before ? null : out;
    }

    private static boolean scalar(Object v) {
        return v instanceof String || v instanceof Number || v instanceof Boolean;
    }

    private static String kind(Object v) {
        return v instanceof Map ? "map" : v instanceof List ? "list" : v == null ? "null" : v.getClass().getSimpleName();
    }
}
