package io.watchfloor.server.config;

import io.netty.util.NetUtil;
import io.watchfloor.core.config.ConfigError;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads typed values out of a parsed YAML mapping, recording a {@link ConfigError} with the YAML path for
 * every missing, mistyped, out-of-range or unknown key instead of throwing, so all errors are reported at once.
 * Not thread-safe; one per file.
 */
final class YamlReader {
    /** Configuration files are small; anything larger is a mistake. */
    static final int MAX_FILE_BYTES = 1 << 20;
    private static final int MAX_ALIASES = 50;

    private final Path file;
    private final List<ConfigError> errors;

    YamlReader(Path file, List<ConfigError> errors) {
        this.file = file;
        this.errors = errors;
    }

    /** @return the document's top-level mapping, or null after recording why it could not be read */
    Map<String, Object> readRoot() {
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                error("", "file is " + Files.size(file) + " bytes (expected: at most " + MAX_FILE_BYTES + ")");
                return null;
            }
        } catch (IOException e) {
            error("", "cannot read file: " + e.getMessage());
            return null;
        }
        final LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setAllowDuplicateKeys(false);
        options.setCodePointLimit(MAX_FILE_BYTES);
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            final Object doc = new Yaml(new SafeConstructor(options)).load(r);
            if (doc == null) {
                return Map.of();
            }
            if (!(doc instanceof Map)) {
                error("", "found " + describe(doc) + " (expected: a mapping)");
                return null;
            }
            return stringKeys("", doc);
        } catch (IOException e) {
            error("", "cannot read file: " + e.getMessage());
        } catch (RuntimeException e) {
            error("", "not valid YAML: " + e.getMessage().replace('\n', ' '));
        }
        return null;
    }

    /** @return the nested mapping at {@code key}, an empty one when absent, or null after recording a type error */
    Map<String, Object> section(Map<String, Object> parent, String path, String key, Set<String> allowedKeys) {
        final Object v = parent.get(key);
        final String p = join(path, key);
        if (v == null) {
            return Map.of();
        }
        if (!(v instanceof Map)) {
            error(p, "found " + describe(v) + " (expected: a mapping)");
            return null;
        }
        final Map<String, Object> m = stringKeys(p, v);
        checkKeys(m, p, allowedKeys);
        return m;
    }

    void checkKeys(Map<String, Object> m, String path, Set<String> allowed) {
        for (String k : m.keySet()) {
            if (!allowed.contains(k)) {
                error(join(path, k), "unknown key (expected one of: " + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
            }
        }
    }

    int integer(Map<String, Object> m, String path, String key, int defaultValue, long min, long max) {
        final Object v = m.get(key);
        if (v == null) {
            return defaultValue;
        }
        if (!(v instanceof Integer || v instanceof Long)) {
            error(join(path, key), "found " + describe(v) + " (expected: an integer in " + min + ".." + max + ")");
            return defaultValue;
        }
        final long n = ((Number) v).longValue();
        if (n < min || n > max) {
            error(join(path, key), "found " + n + " (expected: an integer in " + min + ".." + max + ")");
            return defaultValue;
        }
        return (int) n;
    }

    String string(Map<String, Object> m, String path, String key, String defaultValue) {
        final Object v = m.get(key);
        if (v == null) {
            return defaultValue;
        }
        if (!(v instanceof String) || ((String) v).isBlank()) {
            error(join(path, key), "found " + describe(v) + " (expected: a non-empty string)");
            return defaultValue;
        }
        return (String) v;
    }

    boolean bool(Map<String, Object> m, String path, String key, boolean defaultValue) {
        final Object v = m.get(key);
        if (v == null) {
            return defaultValue;
        }
        if (!(v instanceof Boolean)) {
            error(join(path, key), "found " + describe(v) + " (expected: true or false)");
            return defaultValue;
        }
        return (Boolean) v;
    }

    /** @return a list of non-empty strings (a single string is a list of one) */
    List<String> stringList(Map<String, Object> m, String path, String key, List<String> defaultValue) {
        final Object v = m.get(key);
        if (v == null) {
            return defaultValue;
        }
        if (v instanceof String && !((String) v).isBlank()) {
            return List.of((String) v);
        }
        if (v instanceof List) {
            final List<String> out = new java.util.ArrayList<>();
            for (Object o : (List<?>) v) {
                if (!(o instanceof String) || ((String) o).isBlank()) {
                    error(join(path, key), "found item " + describe(o) + " (expected: a list of non-empty strings)");
                    return defaultValue;
                }
                out.add((String) o);
            }
            return List.copyOf(out);
        }
        error(join(path, key), "found " + describe(v) + " (expected: a list of non-empty strings)");
        return defaultValue;
    }

    /** @return an IP address literal (IPv4, IPv6) or {@code localhost}; bind addresses are never looked up in DNS */
    String bindAddress(Map<String, Object> m, String path, String key, String defaultValue) {
        final String v = string(m, path, key, defaultValue);
        if (!v.equals("localhost") && !NetUtil.isValidIpV4Address(v) && !NetUtil.isValidIpV6Address(v)) {
            error(join(path, key), "found \"" + v + "\" (expected: an IP address like 0.0.0.0, 127.0.0.1 or ::)");
            return defaultValue;
        }
        return v;
    }

    void error(String path, String message) {
        errors.add(new ConfigError(file, path, message));
    }

    static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    static String describe(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof String) {
            return "\"" + v + "\"";
        }
        if (v instanceof Map) {
            return "a mapping";
        }
        if (v instanceof List) {
            return "a list";
        }
        return v.toString();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> stringKeys(String path, Object v) {
        final Map<Object, Object> raw = (Map<Object, Object>) v;
        final List<Object> bad = new ArrayList<>();
        for (Object k : raw.keySet()) {
            if (!(k instanceof String)) {
                bad.add(k);
            }
        }
        for (Object k : bad) {
            error(join(path, String.valueOf(k)), "key is " + describe(k) + " (expected: a string key)");
            raw.remove(k);
        }
        return (Map<String, Object>) v;
    }
}
