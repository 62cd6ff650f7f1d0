package io.watchfloor.detect.match;

import io.watchfloor.core.event.EcsFields;
import io.watchfloor.core.event.Event;
import io.watchfloor.core.event.SyslogFields;
import io.watchfloor.detect.extract.MessageExtractor;
import io.watchfloor.detect.extract.MessageFields;
import io.watchfloor.detect.mapping.FieldMapping;
import io.watchfloor.detect.mapping.MappingSelector;
import io.watchfloor.detect.mapping.ResolvedFields;
import io.watchfloor.detect.rule.LogSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fields of the event being evaluated, resolved through the {@link FieldMapping} selected for the event's log
 * source at most once per event and cached by {@link FieldRegistry} id, so a field read by many rules is decoded
 * once. A field is read under its own name first, then under the paths the mapping gives; a path naming a field
 * the log source's message extractor provides is read from the message, which is parsed at most once per event.
 *
 * <p>Values are a String, a List (JSON array, repeated SD param, or the values under a {@code path.*}) or null when
 * absent; numbers and booleans are turned into their string form, as Sigma compares "all values as
 * case-insensitive strings". Not thread-safe: owned by one detection engine.
 */
public final class EventFieldView {
    private final String[] names;
    private final Map<String, Integer> ids = new HashMap<>();
    private final MappingSelector selector;
    private final Object[] values;
    private final int[] resolvedAt;
    /** The ids resolved for the current event, so {@link #clear} forgets only those. */
    private final int[] resolved;
    private int resolvedCount;
    /** The keyword values of a JSON event without a message; reused, valid until the next event. */
    private final List<Object> keywordValues = new ArrayList<>();
    private final MessageFields message = new MessageFields();
    private int messageAt;
    private int generation = 1;
    private Event event;
    private ResolvedFields fields;

    /** A view without field mapping: every field is read under its own name only. */
    public EventFieldView(FieldRegistry registry) {
        this(registry, FieldMapping.none());
    }

    /**
     * @param registry the registry the evaluated rules were compiled with; copied, so compile it fully first
     * @param mapping where Sigma field names are read per log source; the fields its rule conditions read get ids
     *     after the registry's
     */
    public EventFieldView(FieldRegistry registry, FieldMapping mapping) {
        final Set<String> all = new LinkedHashSet<>();
        for (int i = 0; i < registry.size(); i++) {
            all.add(registry.name(i));
        }
        all.addAll(mapping.conditionFields());
        names = all.toArray(new String[0]);
        for (int i = 0; i < names.length; i++) {
            ids.put(names[i], i);
        }
        selector = new MappingSelector(mapping, names);
        values = new Object[names.length];
        resolvedAt = new int[names.length];
        resolved = new int[names.length];
    }

    /** Points the view at {@code e} with no declared log source. */
    public void reset(Event e) {
        reset(e, null);
    }

    /**
     * Points the view at {@code e}, forgetting every value cached for the previous event.
     *
     * @param declared the log source the event's inventory source declares, or null
     */
    public void reset(Event e, LogSource declared) {
        event = e;
        fields = selector.select(e, declared);
        for (int i = 0, n = resolvedCount; i < n; i++) {
            values[resolved[i]] = null;
        }
        resolvedCount = 0;
        if (++generation >= Integer.MAX_VALUE - 1) {
            java.util.Arrays.fill(resolvedAt, 0);
            java.util.Arrays.fill(values, null);
            messageAt = 0;
            generation = 1;
        }
    }

    /** @return the Sigma field name of id {@code id} ({@link FieldRegistry#KEYWORDS_NAME} for keywords) */
    public String name(int id) {
        return names[id];
    }

    /** @return the id of {@code name}, or -1 when the view does not hold it; for start-up wiring */
    public int idOf(String name) {
        final Integer id = ids.get(name);
        return id == null ? -1 : id;
    }

    /** @return how many ids the view holds */
    public int size() {
        return names.length;
    }

    /** @return the event the view currently reads */
    public Event event() {
        return event;
    }

    /** @return the mapping resolution selected for the current event */
    public ResolvedFields fields() {
        return fields;
    }

    /** @return the mapping selector, for its counters */
    public MappingSelector selector() {
        return selector;
    }

    /** @return the value of field {@code id}: a String, a List, or null when the event has no such field */
    public Object value(int id) {
        if (resolvedAt[id] == generation) {
            return values[id];
        }
        final Object v = id == FieldRegistry.KEYWORDS ? resolveKeywords(event)
                : resolve(fields.paths(id), fields.kinds(id));
        values[id] = v;
        resolvedAt[id] = generation;
        resolved[resolvedCount++] = id;
        return v;
    }

    /**
     * The value of any field name through the current event's mapping, uncached; allocates, so for rare paths
     * (correlation group-by and value fields).
     */
    public Object field(String name) {
        final Integer id = ids.get(name);
        if (id != null && id != FieldRegistry.KEYWORDS) {
            return value(id);
        }
        final ResolvedFields.Candidates c = fields.candidates(name);
        return resolve(c.paths(), c.kinds());
    }

    private Object resolve(String[] paths, int[] kinds) {
        for (int i = 0; i < paths.length; i++) {
            final Object v = read(paths[i], kinds[i]);
            if (v != null) {
                return normalize(v);
            }
        }
        return null;
    }

    private Object read(String path, int kind) {
        if (kind == ResolvedFields.EVENT) {
            return EcsFields.field(event, path);
        }
        if (kind == ResolvedFields.SUBTREE) {
            return subtree(path);
        }
        if (kind == ResolvedFields.CARRIED) {
            return event.isJson() ? event.json().get(path) : null;
        }
        if (messageAt != generation) {
            extract();
        }
        return message.value(kind);
    }

    /** Runs the log source's extractors over the message once per event (the rare path of {@link #read}). */
    private void extract() {
        messageAt = generation;
        final byte[] bytes;
        final int from;
        final int length;
        if (event.isJson()) {
            final Object m = event.json().get("message");
            if (!(m instanceof String)) {
                message.reset(null);
                return;
            }
            bytes = ((String) m).getBytes(StandardCharsets.UTF_8);
            from = 0;
            length = bytes.length;
        } else {
            final SyslogFields s = event.syslog();
            bytes = event.raw();
            from = s.messageOffset();
            length = s.messageLength();
        }
        message.reset(bytes);
        if (from < 0) {
            return;
        }
        final int to = from + Math.min(length, MessageExtractor.MAX_SCAN_BYTES);
        for (MessageExtractor x : fields.extractors()) {
            x.extract(bytes, from, to, message);
        }
    }

    /** Every value of a JSON event under {@code prefix} (which ends with "."), or null when there is none. */
    private Object subtree(String prefix) {
        if (!event.isJson()) {
            return null;
        }
        List<Object> out = null;
        for (Map.Entry<String, Object> e : event.json().entrySet()) {
            if (e.getKey().startsWith(prefix) && e.getValue() != null) {
                if (out == null) {
                    out = new ArrayList<>();
                }
                if (e.getValue() instanceof List) {
                    for (Object item : (List<?>) e.getValue()) {
                        if (item != null) {
                            out.add(normalize(item));
                        }
                    }
                } else {
                    out.add(normalize(e.getValue()));
                }
            }
        }
        return out;
    }

    /**
     * @return true when the event has field {@code id}, even with a JSON {@code null} or empty value (the
     *     {@code exists} modifier tests presence, "not its value, be it empty or null")
     */
    public boolean present(int id) {
        if (value(id) != null) {
            return true;
        }
        if (!event.isJson()) {
            return false;
        }
        final Map<String, Object> json = event.json();
        final String[] paths = fields.paths(id);
        final int[] kinds = fields.kinds(id);
        for (int i = 0; i < paths.length; i++) {
            if ((kinds[i] == ResolvedFields.EVENT || kinds[i] == ResolvedFields.CARRIED) && json.containsKey(paths[i])) {
                return true;
            }
        }
        return false;
    }

    /** Clears the event reference so the ring slot is not retained. */
    public void clear() {
        event = null;
        // only the ids resolved since reset hold a value: an event reads a few of the hundreds of ids
        final Object[] vs = values;
        final int[] ids = resolved;
        for (int i = 0, n = resolvedCount; i < n; i++) {
            vs[ids[i]] = null;
        }
        resolvedCount = 0;
        keywordValues.clear();
        message.clear();
        generation++;
    }

    private static Object normalize(Object v) {
        if (v == null || v instanceof String || v instanceof List) {
            return v;
        }
        return String.valueOf(v);
    }

    /**
     * Keyword searches run over the message; a JSON event without one is searched through all its string values,
     * gathered in a list the view reuses (nothing keeps a value past the event: alerts copy it into a string).
     */
    private Object resolveKeywords(Event e) {
        final Object message = EcsFields.field(e, "message");
        if (message != null || !e.isJson()) {
            return normalize(message);
        }
        final List<Object> all = keywordValues;
        all.clear();
        for (Map.Entry<String, Object> entry : e.json().entrySet()) {
            final Object v = entry.getValue();
            if (v instanceof String) {
                all.add(v);
            } else if (v instanceof List) {
                for (Object item : (List<?>) v) {
                    if (item instanceof String) {
                        all.add(item);
                    }
                }
            }
        }
        return all.isEmpty() ? null : all;
    }
}
