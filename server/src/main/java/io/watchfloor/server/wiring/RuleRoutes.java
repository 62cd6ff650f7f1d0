package io.watchfloor.server.wiring;

import io.watchfloor.detect.DetectionEngine;
import io.watchfloor.detect.RuleStats;
import io.watchfloor.server.api.ApiResponse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/rules} (per-rule hits, suppressions and sampled evaluation cost, rejections of the last reload)
 * and {@code POST /api/rules/reload} (200 with the new set's counts, 409 with the reason and rejections when the
 * running set stays).
 */
final class RuleRoutes {
    private final DetectStage stage;
    private final RuleReloader reloader;

    RuleRoutes(DetectStage stage, RuleReloader reloader) {
        this.stage = stage;
        this.reloader = reloader;
    }

    ApiResponse list() {
        final DetectionEngine engine = stage.engine();
        final List<Map<String, Object>> rules = new ArrayList<>();
        for (RuleStats s : engine.ruleStats()) {
            final Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", s.id());
            m.put("title", s.title());
            m.put("level", s.level());
            m.put("file", s.file());
            m.put("kind", s.correlation() ? "correlation" : "detection");
            m.put("hits", s.hits());
            if (!s.correlation()) {
                m.put("suppressed", s.suppressed());
                m.put("eval_samples", s.evalSamples());
                m.put("eval_ns_total", s.evalNsTotal());
                m.put("eval_ns_mean", Math.round(s.evalNsMean()));
            }
            rules.add(m);
        }
        final Map<String, Object> out = new LinkedHashMap<>();
        out.put("loaded", engine.ruleCount());
        out.put("correlations", engine.correlationCount());
        out.put("evaluated", engine.evaluatedTotal());
        out.put("cost_sample_interval", engine.config().costSampleInterval());
        out.put("sampled_events", engine.sampledEvents());
        out.put("sampled_eval_ns", engine.sampledNsTotal());
        out.put("suppressed", engine.suppressedTotal());
        out.put("rules", rules);
        out.put("rejected", RuleReload.rejectionsJson(reloader.lastRejections()));
        final RuleReload last = reloader.last();
        out.put("last_reload", last == null ? null : last.toJson());
        return ApiResponse.json(out);
    }

    ApiResponse reload() {
        final RuleReload r = reloader.reload("api");
        return ApiResponse.json(r.ok() ? 200 : 409, r.toJson());
    }
}
