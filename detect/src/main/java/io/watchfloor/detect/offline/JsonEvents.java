package io.watchfloor.detect.offline;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JSON events for offline matching and flattens each to dotted keys ({@code {"a":{"b":1}}} and
 * {@code {"a.b":1}} both become {@code a.b → 1}); arrays stay lists of scalars. Not thread-safe.
 */
public final class JsonEvents {
    /** Deepest object nesting flattened; deeper objects are kept as their JSON text. */
    public static final int MAX_DEPTH = 32;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonEvents() {
    }

    /**
     * @return the flattened event, or null when {@code line} is blank
     * @throws IOException when the line is not a JSON object
     */
    public static Map<String, Object> parseLine(String line) throws IOException {
        if (line.isBlank()) {
            return null;
        }
        final JsonNode node = MAPPER.readTree(line);
        if (node == null || !node.isObject()) {
            throw new IOException("not a JSON object");
        }
        return flatten(node);
    }

    /**
     * Reads a file holding one or more JSON objects one after another (JSON lines, pretty-printed objects back to
     * back, or one array of objects), as SigmaHQ's regression data does.
     *
     * @throws IOException when the file cannot be read or holds something else than JSON objects
     */
    public static List<Map<String, Object>> readAll(Path file) throws IOException {
        final List<Map<String, Object>> out = new ArrayList<>();
        try (JsonParser p = MAPPER.getFactory().createParser(Files.newBufferedReader(file));
             MappingIterator<JsonNode> it = MAPPER.readValues(p, JsonNode.class)) {
            while (it.hasNext()) {
                final JsonNode n = it.next();
                if (n.isArray()) {
                    for (JsonNode item : n) {
                        out.add(object(item, file));
                    }
                } else {
                    out.add(object(n, file));
                }
            }
        }
        return out;
    }

    private static Map<String, Object> object(JsonNode n, Path file) throws IOException {
        if (!n.isObject()) {
            throw new IOException(file + ": expected JSON objects, found " + n.getNodeType());
        }
        return flatten(n);
    }

    /** @return the object flattened to dotted keys, in document order */
    public static Map<String, Object> flatten(JsonNode object) {
        final Map<String, Object> out = new LinkedHashMap<>();
        flatten("", object, out, 0);
        return out;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, Object> out, int depth) {
        final Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            final Map.Entry<String, JsonNode> e = fields.next();
            final String key = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            final JsonNode v = e.getValue();
            if (v.isObject() && depth < MAX_DEPTH) {
                flatten(key, v, out, depth + 1);
            } else if (v.isArray()) {
                final List<Object> items = new ArrayList<>(v.size());
                for (JsonNode item : v) {
                    items.add(scalar(item));
                }
                out.put(key, items);
            } else {
                out.put(key, scalar(v));
            }
        }
    }

    private static Object scalar(JsonNode v) {
        if (v.isNull()) {
            return null;
        }
        if (v.isTextual()) {
            return v.textValue();
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isIntegralNumber()) {
            return v.canConvertToLong() ? (Object) v.longValue() : v.asText();
        }
        if (v.isNumber()) {
            return v.asText();
        }
        return v.toString();
    }
}
