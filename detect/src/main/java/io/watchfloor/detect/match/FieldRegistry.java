package io.watchfloor.detect.match;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Assigns a dense integer id to every field name a rule set reads, so an {@link EventFieldView} can cache
 * resolved values in an array instead of a map.
 *
 * <p>Filled while rules compile on one thread, then read-only; id {@link #KEYWORDS} is the pseudo field that
 * keyword selections search (the message, or every string value of a JSON event without one).
 */
public final class FieldRegistry {
    /** Id of the keyword pseudo field. */
    public static final int KEYWORDS = 0;
    /** Name of the keyword pseudo field; not a valid event field name. */
    public static final String KEYWORDS_NAME = "<keywords>";

    private final Map<String, Integer> ids = new HashMap<>();
    private final List<String> names = new ArrayList<>();

    /** Creates a registry holding only the keyword pseudo field. */
    public FieldRegistry() {
        idOf(KEYWORDS_NAME);
    }

    /** @return the id of {@code name}, registering it on first use */
    public int idOf(String name) {
        final Integer id = ids.get(name);
        if (id != null) {
            return id;
        }
        final int next = names.size();
        ids.put(name, next);
        names.add(name);
        return next;
    }

    /** @return the field name registered under {@code id} */
    public String name(int id) {
        return names.get(id);
    }

    /** @return how many ids are registered */
    public int size() {
        return names.size();
    }
}
