package io.watchfloor.ingest.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.watchfloor.core.event.Event;

import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Parses one JSON object into an event's flattened field map: nested objects become dotted paths
 * ({@code {"a":{"b":1}}} → {@code a.b = 1}), arrays become a {@code List} of scalars (an object or array inside
 * an array is kept as its JSON text), integers become {@code Long} (or {@code Double} when they do not fit),
 * other numbers {@code Double}. Nesting depth and field count are bounded.
 *
 * <p>Not thread-safe (it reuses a path buffer): one instance per thread.
 */
public final class JsonEventParser {
    /** Default deepest nesting of objects and arrays. */
    public static final int DEFAULT_MAX_DEPTH = 32;
    /** Default most fields (object members at any depth) per event. */
    public static final int DEFAULT_MAX_FIELDS = 1024;

    /** Reason: no bytes, or only whitespace. */
    public static final String REASON_EMPTY = "empty";
    /** Reason: the bytes are not well-formed JSON. */
    public static final String REASON_NOT_JSON = "not_json";
    /** Reason: well-formed JSON, but not an object. */
    public static final String REASON_NOT_OBJECT = "not_object";
    /** Reason: more than one JSON value. */
    public static final String REASON_TRAILING_DATA = "trailing_data";
    /** Reason: nesting deeper than the maximum. */
    public static final String REASON_TOO_DEEP = "too_deep";
    /** Reason: more fields than the maximum. */
    public static final String REASON_TOO_MANY_FIELDS = "too_many_fields";

    private static final JsonFactory FACTORY = new JsonFactory();

    private final int maxDepth;
    private final int maxFields;
    private final StringBuilder path = new StringBuilder(128);
    private int fields;
    private String failure;

    /** A parser with {@link #DEFAULT_MAX_DEPTH} and {@link #DEFAULT_MAX_FIELDS}. */
    public JsonEventParser() {
        this(DEFAULT_MAX_DEPTH, DEFAULT_MAX_FIELDS);
    }

    /**
     * @param maxDepth deepest nesting accepted; the top-level object is depth 1
     * @param maxFields most object members accepted, counted at every depth
     */
    public JsonEventParser(int maxDepth, int maxFields) {
        if (maxDepth < 1) {
            throw new IllegalArgumentException("maxDepth : " + maxDepth + " (expected: >= 1)");
        }
        if (maxFields < 1) {
            throw new IllegalArgumentException("maxFields : " + maxFields + " (expected: >= 1)");
        }
        this.maxDepth = maxDepth;
        this.maxFields = maxFields;
    }

    /**
     * Parses {@code e.raw()[0, e.rawLength())} into {@code e.json()} and marks the event as JSON.
     *
     * @return true when parsed; false when malformed: then {@link Event#parseErrorReason()} holds one of the
     *         {@code REASON_*} constants and {@code e.json()} is empty
     */
    public boolean parse(Event e) {
        final Map<String, Object> out = e.newJson();
        final String reason = run(e.raw(), 0, e.rawLength(), out);
        if (reason != null) {
            out.clear();
            e.parseErrorReason(reason);
            return false;
        }
        e.markJson();
        return true;
    }

    /**
     * Checks that {@code buf[off, off + len)} is one JSON object within the bounds, building nothing.
     *
     * @return null when valid, else one of the {@code REASON_*} constants
     */
    public String validate(byte[] buf, int off, int len) {
        return run(buf, off, len, null);
    }

    private String run(byte[] buf, int off, int len, Map<String, Object> out) {
        fields = 0;
        failure = null;
        path.setLength(0);
        try (JsonParser p = FACTORY.createParser(buf, off, len)) {
            final JsonToken first = p.nextToken();
            if (first == null) {
                return REASON_EMPTY;
            }
            if (first != JsonToken.START_OBJECT) {
                return REASON_NOT_OBJECT;
            }
            if (!readObject(p, 0, 1, out)) {
                return failure;
            }
            if (p.nextToken() != null) {
                return REASON_TRAILING_DATA;
            }
            return null;
        } catch (IOException | RuntimeException ex) {
            // Jackson reports malformed input as StreamReadException; its own limits as StreamConstraintsException
            return REASON_NOT_JSON;
        }
    }

    /** Reads the members of an object whose START_OBJECT was consumed; false (with {@link #failure}) on a bound. */
    private boolean readObject(JsonParser p, int prefixLength, int depth, Map<String, Object> out)
            throws IOException {
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            if (++fields > maxFields) {
                failure = REASON_TOO_MANY_FIELDS;
                return false;
            }
            if (out != null) {
                path.setLength(prefixLength);
                if (prefixLength > 0) {
                    path.append('.');
                }
                path.append(p.currentName());
            }
            final JsonToken value = p.nextToken();
            if (value == JsonToken.START_OBJECT) {
                if (depth + 1 > maxDepth) {
                    failure = REASON_TOO_DEEP;
                    return false;
                }
                if (!readObject(p, path.length(), depth + 1, out)) {
                    return false;
                }
            } else if (value == JsonToken.START_ARRAY) {
                if (depth + 1 > maxDepth) {
                    failure = REASON_TOO_DEEP;
                    return false;
                }
                final String key = out != null ? path.toString() : null;
                final List<Object> list = readArray(p, depth + 1, out != null);
                if (list == null) {
                    return false;
                }
                if (out != null) {
                    out.put(key, list);
                }
            } else if (out != null) {
                out.put(path.toString(), scalar(p, value));
            }
        }
        if (t != JsonToken.END_OBJECT) {
            failure = REASON_NOT_JSON;
            return false;
        }
        return true;
    }

    /** Reads an array whose START_ARRAY was consumed; null (with {@link #failure}) on a bound. */
    private List<Object> readArray(JsonParser p, int depth, boolean build) throws IOException {
        final List<Object> list = build ? new ArrayList<>() : List.of();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == null) {
                failure = REASON_NOT_JSON;
                return null;
            }
            if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                final String text = copyStructure(p, depth, build);
                if (text == null) {
                    return null;
                }
                if (build) {
                    list.add(text);
                }
            } else if (build) {
                list.add(scalar(p, t));
            }
        }
        return list;
    }

    /**
     * Renders the object or array starting at the current token as JSON text (or just checks it when not
     * building), enforcing depth and field bounds; null (with {@link #failure}) on a bound.
     */
    private String copyStructure(JsonParser p, int depth, boolean build) throws IOException {
        final StringWriter text = build ? new StringWriter(64) : null;
        try (JsonGenerator g = build ? FACTORY.createGenerator(text) : null) {
            int level = 0;
            JsonToken t = p.currentToken();
            while (true) {
                if (t == null) {
                    failure = REASON_NOT_JSON;
                    return null;
                }
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    level++;
                    if (depth + level > maxDepth) {
                        failure = REASON_TOO_DEEP;
                        return null;
                    }
                } else if (t == JsonToken.FIELD_NAME && ++fields > maxFields) {
                    failure = REASON_TOO_MANY_FIELDS;
                    return null;
                }
                if (g != null) {
                    g.copyCurrentEvent(p);
                }
                if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                    level--;
                    if (level == 0) {
                        break;
                    }
                }
                t = p.nextToken();
            }
        }
        return build ? text.toString() : "";
    }

    private static Object scalar(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
                final JsonParser.NumberType type = p.getNumberType();
                return type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG
                        ? (Object) p.getLongValue() : (Object) p.getDoubleValue();
            case VALUE_NUMBER_FLOAT:
                return p.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            default:
                return null;
        }
    }
}
