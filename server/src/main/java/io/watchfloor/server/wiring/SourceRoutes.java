package io.watchfloor.server.wiring;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.watchfloor.core.config.ConfigError;
import io.watchfloor.core.time.WallClock;
import io.watchfloor.coverage.inventory.Inventory;
import io.watchfloor.coverage.inventory.Lifecycle;
import io.watchfloor.coverage.inventory.Retirement;
import io.watchfloor.coverage.inventory.Source;
import io.watchfloor.coverage.inventory.SourceChange;
import io.watchfloor.coverage.inventory.SourceDocument;
import io.watchfloor.coverage.tracker.CoverageSnapshot;
import io.watchfloor.coverage.tracker.SourceCoverage;
import io.watchfloor.server.api.ApiRequest;
import io.watchfloor.server.api.ApiResource;
import io.watchfloor.server.api.ApiResponse;
import io.watchfloor.server.api.QueryParams;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The inventory lifecycle API: {@code GET /api/sources[/{id}]}, {@code POST /api/sources} (add),
 * {@code PUT /api/sources/{id}} (change), {@code DELETE /api/sources/{id}} (retire). Bodies are one source in the
 * shape of an {@code inventory.yaml} entry, validated like the YAML (errors name the field). A change needs the
 * {@value #ACTOR_HEADER} header; it is compiled here, handed to the coverage stage through the
 * {@link SourceChangeQueue}, applied, journaled (actor, time, before, after) and published there, and the answer
 * waits for that. Reads run on the event loop over the published snapshot; changes run one at a time on the API's
 * operator thread, which alone owns {@link #expected}.
 */
final class SourceRoutes implements ApiResource {
    /** Who makes a change; required on POST, PUT and DELETE. */
    static final String ACTOR_HEADER = "X-Watchfloor-Actor";
    /** Longest actor accepted. */
    static final int MAX_ACTOR_LENGTH = 200;
    /** How long a change waits for the coverage stage before answering 202 (it is applied later all the same). */
    static final long APPLY_TIMEOUT_MS = 10_000;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<CoverageSnapshot> coverage;
    private final PublishedInventory published;
    private final SourceChangeQueue queue;
    private final SourceChangeHistory history;
    private final Runnable nudge;
    private final WallClock clock;
    /** The inventory once every change handed on has been applied; operator thread only. */
    private Inventory expected;

    /** @param nudge publishes a TICK, so an idle ring lets the coverage stage apply a change at once */
    SourceRoutes(Supplier<CoverageSnapshot> coverage, PublishedInventory published, SourceChangeQueue queue,
                 SourceChangeHistory history, Runnable nudge, WallClock clock) {
        this.coverage = coverage;
        this.published = published;
        this.queue = queue;
        this.history = history;
        this.nudge = nudge;
        this.clock = clock;
        this.expected = published.current().inventory();
    }

    @Override
    public ApiResponse handle(ApiRequest r) {
        switch (r.method()) {
            case "GET":
            case "HEAD":
                return r.id() == null ? list(r.query()) : one(r.id());
            case "POST":
                return r.id() == null ? add(r) : notAllowed("GET, PUT, DELETE");
            case "PUT":
                return r.id() == null ? notAllowed("GET, POST") : change(r);
            case "DELETE":
                return r.id() == null ? notAllowed("GET, POST") : retire(r);
            default:
                return notAllowed(r.id() == null ? "GET, POST" : "GET, PUT, DELETE");
        }
    }

    private static ApiResponse notAllowed(String allowed) {
        return ApiResponse.error(405, "method not allowed (expected: " + allowed + ")");
    }

    private ApiResponse list(Map<String, List<String>> query) {
        final String lifecycle = QueryParams.string(query, "lifecycle");
        if (lifecycle != null && Lifecycle.ofId(lifecycle) == null) {
            throw new IllegalArgumentException("lifecycle=" + lifecycle + " (expected: onboarding, active or retired)");
        }
        final CoverageSnapshot s = coverage.get();
        final List<Object> out = new ArrayList<>(s.sources().size());
        for (SourceCoverage sc : s.sources()) {
            if (lifecycle == null || sc.source().lifecycle().id().equals(lifecycle)) {
                final Map<String, Object> m = SourceDocument.toMap(sc.source());
                m.put("state", sc.state().id());
                out.add(m);
            }
        }
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("generated_at", Instant.ofEpochMilli(s.atMs()).toString());
        body.put("count", out.size());
        body.put("sources", out);
        return ApiResponse.json(body);
    }

    private ApiResponse one(String id) {
        final CoverageSnapshot s = coverage.get();
        final SourceCoverage sc = s.source(id);
        if (sc == null) {
            return ApiResponse.error(404, "no source " + id);
        }
        return ApiResponse.json(sourceJson(sc, s));
    }

    private Map<String, Object> sourceJson(SourceCoverage sc, CoverageSnapshot s) {
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("source", SourceDocument.toMap(sc.source()));
        final Map<String, Object> state = new LinkedHashMap<>();
        state.put("state", sc.state().id());
        state.put("since", iso(sc.sinceMs()));
        state.put("last_seen", iso(sc.lastSeenMs()));
        state.put("events", sc.events());
        state.put("open_gap", sc.openGapId());
        state.put("as_of", iso(s.atMs()));
        body.put("coverage", state);
        final List<Object> changes = new ArrayList<>();
        for (SourceChange c : history.of(sc.source().id())) {
            changes.add(c.toJson());
        }
        body.put("changes", changes);
        return body;
    }

    private ApiResponse add(ApiRequest r) {
        final String actor = actor(r);
        final Object body = jsonBody(r);
        final SourceDocument.Parsed p = SourceDocument.parse(body, expected.size(), null);
        if (!p.ok()) {
            return invalid(p.errors());
        }
        if (expected.byId(p.source().id()) != null) {
            return ApiResponse.error(409, "source " + p.source().id() + " exists (expected: a new id; PUT /api/sources/"
                    + p.source().id() + " changes it)");
        }
        return submit(new SourceChange(SourceChange.Action.ADD, null, p.source(), actor, clock.nowMs()), 201);
    }

    private ApiResponse change(ApiRequest r) {
        final String actor = actor(r);
        final Source known = expected.byId(r.id());
        if (known == null) {
            return ApiResponse.error(404, "no source " + r.id());
        }
        Object body = jsonBody(r);
        if (body instanceof Map && !((Map<?, ?>) body).containsKey("id")) {
            final Map<Object, Object> withId = new LinkedHashMap<>();
            withId.put("id", r.id());
            withId.putAll((Map<?, ?>) body);
            body = withId;
        }
        final SourceDocument.Parsed p = SourceDocument.parse(body, known.index(), null);
        if (!p.ok()) {
            return invalid(p.errors());
        }
        if (!p.source().id().equals(r.id())) {
            return invalid(List.of(new ConfigError(null, "id", "found \"" + p.source().id() + "\" (expected: "
                    + r.id() + ", the id in the path)")));
        }
        if (p.source().equals(known)) {
            final Map<String, Object> out = new LinkedHashMap<>();
            out.put("source", SourceDocument.toMap(known));
            out.put("unchanged", true);
            return ApiResponse.json(out);
        }
        final boolean retires = p.source().lifecycle() == Lifecycle.RETIRED && known.lifecycle() != Lifecycle.RETIRED;
        return submit(new SourceChange(retires ? SourceChange.Action.RETIRE : SourceChange.Action.CHANGE, known,
                p.source(), actor, clock.nowMs()), 200);
    }

    private ApiResponse retire(ApiRequest r) {
        final String actor = actor(r);
        final Source known = expected.byId(r.id());
        if (known == null) {
            return ApiResponse.error(404, "no source " + r.id());
        }
        if (known.lifecycle() == Lifecycle.RETIRED) {
            return ApiResponse.error(409, "source " + r.id() + " is already retired (" + known.retired().date() + ")");
        }
        final long nowMs = clock.nowMs();
        final Map<?, ?> body = r.body().length == 0 ? Map.of() : asMap(jsonBody(r));
        final Object reason = body.containsKey("reason") ? body.get("reason") : QueryParams.string(r.query(), "reason");
        final List<ConfigError> errors = new ArrayList<>();
        if (!(reason instanceof String) || ((String) reason).isBlank()
                || ((String) reason).length() > Retirement.MAX_REASON_LENGTH) {
            errors.add(new ConfigError(null, "reason", (reason == null ? "missing" : "found " + describe(reason))
                    + " (expected: why it is retired, 1.." + Retirement.MAX_REASON_LENGTH + " characters)"));
        }
        LocalDate date = Instant.ofEpochMilli(nowMs).atZone(ZoneOffset.UTC).toLocalDate();
        if (body.containsKey("date")) {
            try {
                date = LocalDate.parse(String.valueOf(body.get("date")));
            } catch (DateTimeParseException e) {
                errors.add(new ConfigError(null, "date", "found " + describe(body.get("date"))
                        + " (expected: a date like 2026-01-15)"));
            }
        }
        for (Object key : body.keySet()) {
            if (!"reason".equals(key) && !"date".equals(key)) {
                errors.add(new ConfigError(null, String.valueOf(key), "found an unknown key (expected: one of reason, date)"));
            }
        }
        if (!errors.isEmpty()) {
            return invalid(errors);
        }
        final Source retired = known.retire(new Retirement(date, (String) reason));
        return submit(new SourceChange(SourceChange.Action.RETIRE, known, retired, actor, nowMs), 200);
    }

    /**
     * Compiles the routing of the inventory the change produces, hands both to the coverage stage and waits for it
     * to apply them.
     */
    private ApiResponse submit(SourceChange change, int status) {
        final Inventory next = expected.withSource(change.after());
        final SourceChangeQueue.Pending p = new SourceChangeQueue.Pending(change, PublishedInventory.Routing.of(next),
                new CompletableFuture<>());
        if (!queue.offer(p)) {
            return ApiResponse.error(503, SourceChangeQueue.MAX_PENDING
                    + " lifecycle changes wait for the coverage stage already; retry later");
        }
        expected = next;
        nudge.run();
        final Map<String, Object> out = new LinkedHashMap<>();
        out.put("source", SourceDocument.toMap(next.byId(change.sourceId())));
        out.put("change", change.toJson());
        try {
            final CoverageSnapshot s = p.applied().get(APPLY_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            final SourceCoverage sc = s.source(change.sourceId());
            out.put("state", sc == null ? null : sc.state().id());
            return ApiResponse.json(status, out);
        } catch (TimeoutException e) {
            out.put("status", "queued: the coverage stage applies it with its next event");
            return ApiResponse.json(202, out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ApiResponse.error(503, "interrupted");
        } catch (ExecutionException e) {
            // the tracker refused it: what it holds is the truth again
            expected = published.current().inventory();
            return ApiResponse.error(500, "the change could not be applied: " + e.getCause().getClass().getSimpleName());
        }
    }

    private static String actor(ApiRequest r) {
        final String actor = r.header(ACTOR_HEADER);
        if (actor == null || actor.isBlank() || actor.length() > MAX_ACTOR_LENGTH
                || !actor.chars().allMatch(c -> c >= ' ' && c != 0x7f)) {
            throw new IllegalArgumentException(ACTOR_HEADER + " header: " + (actor == null ? "missing" : "invalid")
                    + " (expected: who makes the change, 1.." + MAX_ACTOR_LENGTH + " printable characters)");
        }
        return actor.strip();
    }

    private static Object jsonBody(ApiRequest r) {
        try {
            return JSON.readValue(r.body(), Object.class);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("body: not JSON (expected: one source as a JSON object, in the shape "
                    + "of an inventory.yaml entry)");
        }
    }

    private static Map<?, ?> asMap(Object body) {
        if (body instanceof Map) {
            return (Map<?, ?>) body;
        }
        throw new IllegalArgumentException("body: found " + describe(body) + " (expected: a JSON object)");
    }

    private static ApiResponse invalid(List<ConfigError> errors) {
        final List<Object> list = new ArrayList<>(errors.size());
        final StringBuilder summary = new StringBuilder();
        for (ConfigError e : errors) {
            list.add(Map.of("path", e.yamlPath(), "message", e.message()));
            summary.append(summary.length() == 0 ? "" : "; ").append(e.yamlPath().isEmpty() ? "" : e.yamlPath() + ": ")
                    .append(e.message());
        }
        final Map<String, Object> out = new LinkedHashMap<>();
        out.put("error", summary.toString());
        out.put("errors", list);
        return ApiResponse.json(400, out);
    }

    private static String describe(Object v) {
        if (v instanceof String) {
            return "\"" + v + "\"";
        }
        return v == null ? "nothing" : v.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT) + " " + v;
    }

    private static String iso(long ms) {
        return ms < 0 ? null : Instant.ofEpochMilli(ms).toString();
    }
}
