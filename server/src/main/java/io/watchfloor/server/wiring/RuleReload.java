package io.watchfloor.server.wiring;

import io.watchfloor.detect.alert.Alert;
import io.watchfloor.detect.rule.RuleRejection;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one rule reload. Immutable.
 *
 * @param ok true when the new set runs now; false when the running set stayed (see {@code reason})
 * @param trigger what asked for it: {@code api}, {@code sighup} or {@code watch}
 * @param atMs when it finished, epoch milliseconds
 * @param rules detection rules in the new set (0 when it failed)
 * @param correlations correlation rules in the new set
 * @param correlationsCarried correlations whose windows carried over from the running set
 * @param reason why it failed, or null
 * @param rejections the rules that could not load (each makes the reload fail)
 */
record RuleReload(boolean ok, String trigger, long atMs, int rules, int correlations, int correlationsCarried,
                  String reason, List<RuleRejection> rejections) {
    RuleReload {
        rejections = List.copyOf(rejections);
    }

    static RuleReload failed(String trigger, long atMs, String reason, List<RuleRejection> rejections) {
        return new RuleReload(false, trigger, atMs, 0, 0, 0, reason, rejections);
    }

    /** @return the API answer body */
    Map<String, Object> toJson() {
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", ok ? "ok" : "failed");
        m.put("trigger", trigger);
        m.put("at", Alert.isoMillis(atMs));
        if (ok) {
            m.put("rules", rules);
            m.put("correlations", correlations);
            m.put("correlations_carried", correlationsCarried);
        } else {
            m.put("reason", reason);
            m.put("rejected", rejectionsJson(rejections));
        }
        return m;
    }

    static List<Map<String, Object>> rejectionsJson(List<RuleRejection> rejections) {
        final List<Map<String, Object>> out = new ArrayList<>(rejections.size());
        for (RuleRejection r : rejections) {
            final Map<String, Object> m = new LinkedHashMap<>();
            m.put("file", String.valueOf(r.file()));
            m.put("rule_id", r.ruleId());
            m.put("code", r.code());
            m.put("reason", r.reason());
            out.add(m);
        }
        return out;
    }
}
