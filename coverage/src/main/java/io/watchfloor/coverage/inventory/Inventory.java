package io.watchfloor.coverage.inventory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The validated inventory: sources in declared order, where {@code sources().get(i).index() == i}. Immutable and
 * thread-safe.
 */
public final class Inventory {
    private final List<Source> sources;
    private final Map<String, Source> byId;
    private final List<MaintenanceWindow> maintenanceWindows;
    private final List<ExceptionGrant> exceptions;

    /**
     * An inventory without maintenance windows or exceptions.
     *
     * @param sources sources in declared order, each with its position as {@link Source#index()} and a unique id
     * @throws IllegalArgumentException on a wrong index or a duplicate id (a bug: the loader rejects both)
     */
    public Inventory(List<Source> sources) {
        this(sources, List.of(), List.of());
    }

    /**
     * @param sources sources in declared order, each with its position as {@link Source#index()} and a unique id
     * @param maintenanceWindows planned silences, in declared order
     * @param exceptions dated exceptions, in declared order, each naming a source of this inventory
     * @throws IllegalArgumentException on a wrong index, a duplicate id or an exception for an unknown source (a
     *     bug: the loader rejects them)
     */
    public Inventory(List<Source> sources, List<MaintenanceWindow> maintenanceWindows,
                     List<ExceptionGrant> exceptions) {
        this.sources = List.copyOf(sources);
        this.maintenanceWindows = List.copyOf(maintenanceWindows);
        this.exceptions = List.copyOf(exceptions);
        this.byId = new HashMap<>(sources.size() * 2);
        for (int i = 0; i < this.sources.size(); i++) {
            final Source s = this.sources.get(i);
            if (s.index() != i) {
                throw new IllegalArgumentException("source " + s.id() + " index : " + s.index() + " (expected: " + i + ")");
            }
            if (byId.put(s.id(), s) != null) {
                throw new IllegalArgumentException("source id : " + s.id() + " (expected: unique)");
            }
        }
        for (ExceptionGrant x : this.exceptions) {
            if (!byId.containsKey(x.sourceId())) {
                throw new IllegalArgumentException("exception " + x.id() + " source : " + x.sourceId()
                        + " (expected: a source id of the inventory)");
            }
        }
    }

    /** @return the maintenance windows in declared order */
    public List<MaintenanceWindow> maintenanceWindows() {
        return maintenanceWindows;
    }

    /** @return the exceptions in declared order */
    public List<ExceptionGrant> exceptions() {
        return exceptions;
    }

    /** @return the sources in declared order */
    public List<Source> sources() {
        return sources;
    }

    /** @return the number of sources */
    public int size() {
        return sources.size();
    }

    /** @return the source at {@code index} */
    public Source source(int index) {
        return sources.get(index);
    }

    /** @return the source with this id, or null */
    public Source byId(String id) {
        return byId.get(id);
    }

    /**
     * Adds or replaces one source; copies the source list, so it is meant for rare lifecycle changes.
     *
     * @param source the new version of a source; its index is ignored: a known id keeps its position, a new id is
     *     appended (positions never move, so an event attributed under an older inventory keeps its meaning)
     * @return a new inventory with the same maintenance windows and exceptions
     */
    public Inventory withSource(Source source) {
        final Source known = byId.get(source.id());
        final List<Source> next = new ArrayList<>(sources.size() + 1);
        next.addAll(sources);
        if (known != null) {
            next.set(known.index(), source.withIndex(known.index()));
        } else {
            next.add(source.withIndex(sources.size()));
        }
        return new Inventory(next, maintenanceWindows, exceptions);
    }
}
