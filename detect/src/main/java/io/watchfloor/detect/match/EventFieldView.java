package io.watchfloor.detect.match;

import io.watchfloor.core.event.EcsFields;
import io.watchfloor.core.event.Event;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The fields of the event being evaluated, resolved through {@link EcsFields} at most once per event and
 * cached by {@link FieldRegistry} id, so a field read by many rules is decoded once.
 *
 * <p>Values are a String, a List (JSON array or repeated SD param) or null when absent; numbers and booleans
 * are turned into their string form, as Sigma compares "all values as case-insensitive strings".
 * Not thread-safe: owned by one detection engine.
 */
public final class EventFieldView {
    private final String[] names;
    private final String[][] alternatives;
    private final Object[] values;
    private final int[] resolvedAt;
    /** The keyword values of a JSON event without a message; reused, valid until the next event. */
    private final List<Object> keywordValues = new ArrayList<>();
    private int generation = 1;
    private Event event;

    /** @param registry the registry the evaluated rules were compiled with; copied, so compile it fully first */
    public EventFieldView(FieldRegistry registry) {
        this(registry, name -> List.of());
    }

    /**
     * A view that maps Sigma field names onto event fields: a field absent under its own name is looked up under
     * each alternative in turn (a field mapping, e.g. {@code Image} → {@code Event.EventData.Image}).
     *
     * @param registry the registry the evaluated rules were compiled with; copied, so compile it fully first
     * @param mapping the alternative event field names of a Sigma field name, in lookup order; called once per field
     */
    public EventFieldView(FieldRegistry registry, java.util.function.Function<String, List<String>> mapping) {
        final int n = registry.size();
        names = new String[n];
        alternatives = new String[n][];
        for (int i = 0; i < n; i++) {
            names[i] = registry.name(i);
            final List<String> alt = i == FieldRegistry.KEYWORDS ? List.of() : mapping.apply(names[i]);
            alternatives[i] = alt.isEmpty() ? null : alt.toArray(new String[0]);
        }
        values = new Object[n];
        resolvedAt = new int[n];
    }

    /** Points the view at {@code e}, forgetting every value cached for the previous event. */
    public void reset(Event e) {
        event = e;
        if (++generation == Integer.MAX_VALUE) {
            java.util.Arrays.fill(resolvedAt, 0);
            java.util.Arrays.fill(values, null);
            generation = 1;
        }
    }

    /** @return the Sigma field name of id {@code id} ({@link FieldRegistry#KEYWORDS_NAME} for keywords) */
    public String name(int id) {
        return names[id];
    }

    /** @return the event the view currently reads */
    public Event event() {
        return event;
    }

    /** @return the value of field {@code id}: a String, a List, or null when the event has no such field */
    public Object value(int id) {
        if (resolvedAt[id] == generation) {
            return values[id];
        }
        Object v = id == FieldRegistry.KEYWORDS ? resolveKeywords(event) : normalize(EcsFields.field(event, names[id]));
        if (v == null && alternatives[id] != null) {
            v = resolveAlternative(id);
        }
        values[id] = v;
        resolvedAt[id] = generation;
        return v;
    }

    private Object resolveAlternative(int id) {
        for (String name : alternatives[id]) {
            final Object v = EcsFields.field(event, name);
            if (v != null) {
                return normalize(v);
            }
        }
        return null;
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
        if (json.containsKey(names[id])) {
            return true;
        }
        if (alternatives[id] != null) {
            for (String name : alternatives[id]) {
                if (json.containsKey(name)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Clears the event reference so the ring slot is not retained. */
    public void clear() {
        event = null;
        java.util.Arrays.fill(values, null);
        keywordValues.clear();
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
