package io.watchfloor.detect;

import io.watchfloor.detect.match.RequiredLiterals;
import io.watchfloor.detect.rule.CompiledRule;
import io.watchfloor.detect.rule.LogSource;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Routes events to rules by their declared log source: per distinct declared log source, computed once on its first
 * event, a {@link Route} holds the rules that log source admits, those of them always evaluated (no required
 * literal) and the fields whose values the literal index must scan for the others.
 *
 * <p>A route is a superset: a rule naming a service is kept when the declared log source has none (the event's app
 * name decides, per event), so the engine still checks each candidate's log source. Not thread-safe: owned by one
 * detection engine.
 */
final class RuleRouter {
    /** Most declared log sources given a route of their own; later ones share the route of an undeclared source. */
    static final int MAX_ROUTES = 1024;

    /**
     * What one declared log source needs.
     *
     * @param admitted bit per rule index: the log source may admit the rule
     * @param always bit per rule index: admitted, and without required literals
     * @param fieldIds the fields carrying the required literals of the other admitted rules
     */
    record Route(long[] admitted, long[] always, int[] fieldIds) {
    }

    private final CompiledRule[] rules;
    private final Map<LogSource, Route> routes = new HashMap<>();
    private final Route undeclared;
    private LogSource lastDeclared;
    private Route lastRoute;

    RuleRouter(CompiledRule[] rules) {
        this.rules = rules;
        this.undeclared = build(null);
    }

    /** @return the number of longs a rule bit set needs */
    static int words(int ruleCount) {
        return (ruleCount + 63) >>> 6;
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
        final Route r = build(declared);
        routes.put(declared, r);
        return r;
    }

    private Route build(LogSource declared) {
        final long[] admitted = new long[words(rules.length)];
        final long[] always = new long[admitted.length];
        final TreeSet<Integer> fields = new TreeSet<>();
        for (int i = 0; i < rules.length; i++) {
            // without an app name, a service is not checked yet: the route keeps every rule the event might fit
            if (!rules[i].logSource().admits(declared, null)) {
                continue;
            }
            admitted[i >>> 6] |= 1L << i;
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
        return new Route(admitted, always, fields.stream().mapToInt(Integer::intValue).toArray());
    }

    /** @return how many declared log sources have their own route */
    int routeCount() {
        return routes.size();
    }
}
