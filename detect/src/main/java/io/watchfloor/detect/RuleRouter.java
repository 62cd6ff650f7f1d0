package io.watchfloor.detect;

import io.watchfloor.detect.match.EventFieldView;
import io.watchfloor.detect.match.LogSourceConditions;
import io.watchfloor.detect.match.RequiredLiterals;
import io.watchfloor.detect.rule.CompiledRule;
import io.watchfloor.detect.rule.LogSource;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Routes events to rules by their declared log source, then by the values of the fields the rules' implied log source
 * conditions constrain (for Windows: {@code EventID}, which Sysmon categories imply, and {@code Channel}, which
 * services imply), the field constraining most rules first: per distinct declared log source, computed once on its
 * first event, a {@link Route} holds the rules that log source admits, those of them always evaluated (no required
 * literal) and the fields whose values the literal index must scan for the others; per distinct value of the next key
 * field within a route, a narrower route leaves out the rules whose implied values exclude it, and scans only the
 * fields of the rules left.
 *
 * <p>A route is a superset: a rule naming a service is kept when the declared log source has none (the event's app
 * name decides, per event), and a rule left out by a key value is one {@link LogSourceConditions#fit} rejects for
 * that value, so the engine still checks each candidate's log source and conditions. Not thread-safe: owned by one
 * detection engine.
 */
final class RuleRouter {
    /** Most declared log sources given a route of their own; later ones share the route of an undeclared source. */
    static final int MAX_ROUTES = 1024;
    /** Most values given a narrower route, per route and key field; later ones use the route itself. */
    static final int MAX_KEYED_ROUTES = 256;

    /** What one declared log source (and possibly one key value) needs. */
    static final class Route {
        private final long[] admitted;
        private final long[] always;
        private final int[] fieldIds;
        /** Index of the key field this route narrows by next. */
        private final int level;
        /**
         * Narrower routes by the value of key field {@code level}, or null when no admitted rule constrains it or a
         * later key field.
         */
        private final Map<String, Route> byKey;
        /** The narrower route of events holding no string in key field {@code level}, once one was seen. */
        private Route unkeyed;

        Route(long[] admitted, long[] always, int[] fieldIds, int level, boolean keyed) {
            this.admitted = admitted;
            this.always = always;
            this.fieldIds = fieldIds;
            this.level = level;
            this.byKey = keyed ? new HashMap<>() : null;
        }

        /** @return bit per rule index: the log source may admit the rule */
        long[] admitted() {
            return admitted;
        }

        /** @return bit per rule index: admitted, and without required literals */
        long[] always() {
            return always;
        }

        /** @return the fields carrying the required literals of the other admitted rules */
        int[] fieldIds() {
            return fieldIds;
        }
    }

    private final CompiledRule[] rules;
    private final LogSourceConditions conditions;
    private final int[] keyFieldIds;
    private final Map<LogSource, Route> routes = new HashMap<>();
    private final Route undeclared;
    private LogSource lastDeclared;
    private Route lastRoute;

    /** @param conditions the implied values of the rules' log sources, whose key field narrows routes */
    RuleRouter(CompiledRule[] rules, LogSourceConditions conditions) {
        this.rules = rules;
        this.conditions = conditions;
        this.keyFieldIds = conditions.keyFieldIds();
        this.undeclared = declaredRoute(null);
    }

    /** @return the number of longs a rule bit set needs */
    static int words(int ruleCount) {
        return (ruleCount + 63) >>> 6;
    }

    /**
     * @param declared the log source the event declares (null for an unmanaged sender)
     * @param view the event, for its key field value
     * @return the route of the view's event
     */
    Route route(LogSource declared, EventFieldView view) {
        Route r = route(declared);
        while (r.byKey != null) {
            final Object key = view.value(keyFieldIds[r.level]);
            final Route next;
            if (key instanceof String) {
                final Route keyed = r.byKey.get(key);
                next = keyed != null ? keyed : keyedSlowPath(r, (String) key);
            } else {
                // an absent or list value excludes no rule (LogSourceConditions.fit)
                next = r.unkeyed != null ? r.unkeyed : unkeyedSlowPath(r);
            }
            if (next == r) {
                return r;
            }
            r = next;
        }
        return r;
    }

    /** @return the route of events declaring {@code declared} (null for an unmanaged sender) */
    Route route(LogSource declared) {
        if (declared == lastDeclared && lastRoute != null) {
            return lastRoute;
        }
        Route r = declared == null ? undeclared : routes.get(declared);
        if (r == null) {
            r = routes.size() < MAX_ROUTES ? routeOf(declared) : undeclared;
        }
        lastDeclared = declared;
        lastRoute = r;
        return r;
    }

    /** The rare path: a log source seen for the first time. */
    private Route routeOf(LogSource declared) {
        final Route r = declaredRoute(declared);
        routes.put(declared, r);
        return r;
    }

    /** The rare path: a key value seen for the first time in route {@code r}; r itself once the bound is hit. */
    private Route keyedSlowPath(Route r, String key) {
        if (r.byKey.size() >= MAX_KEYED_ROUTES) {
            return r;
        }
        final Route keyed = narrowed(r, key);
        r.byKey.put(key, keyed);
        return keyed;
    }

    /** The rare path: the first event of route {@code r} without a string value in its key field. */
    private Route unkeyedSlowPath(Route r) {
        r.unkeyed = narrowed(r, null);
        return r.unkeyed;
    }

    /** @return the route of events declaring {@code declared} (null: unmanaged), before any key value */
    private Route declaredRoute(LogSource declared) {
        final long[] admitted = new long[words(rules.length)];
        for (int i = 0; i < rules.length; i++) {
            // without an app name, a service is not checked yet: the route keeps every rule the event might fit
            if (rules[i].logSource().admits(declared, null)) {
                admitted[i >>> 6] |= 1L << i;
            }
        }
        return complete(admitted, 0);
    }

    /**
     * @param key the value of {@code parent}'s key field, or null when the event holds no string there
     * @return the route narrowing {@code parent} to events whose key field holds {@code key}
     */
    private Route narrowed(Route parent, String key) {
        final long[] admitted = parent.admitted.clone();
        final int field = keyFieldIds[parent.level];
        for (int i = 0; key != null && i < rules.length; i++) {
            if ((admitted[i >>> 6] & (1L << i)) != 0 && conditions.excludes(i, field, key)) {
                admitted[i >>> 6] &= ~(1L << i);
            }
        }
        return complete(admitted, parent.level + 1);
    }

    /** @param level index of the key field the route narrows by next */
    private Route complete(long[] admitted, int level) {
        final long[] always = new long[admitted.length];
        final TreeSet<Integer> fields = new TreeSet<>();
        boolean keyed = false;
        for (int i = 0; i < rules.length; i++) {
            if ((admitted[i >>> 6] & (1L << i)) == 0) {
                continue;
            }
            for (int k = level; k < keyFieldIds.length && !keyed; k++) {
                keyed = conditions.constrains(i, keyFieldIds[k]);
            }
            final RequiredLiterals req = rules[i].requiredLiterals();
            if (req.isNone()) {
                always[i >>> 6] |= 1L << i;
            }
            for (int c = 0; c < req.clauseCount(); c++) {
                for (int k = 0; k < req.size(c); k++) {
                    fields.add(req.fieldId(c, k));
                }
            }
        }
        return new Route(admitted, always, fields.stream().mapToInt(Integer::intValue).toArray(), level, keyed);
    }

    /** @return how many declared log sources have their own route */
    int routeCount() {
        return routes.size();
    }
}
