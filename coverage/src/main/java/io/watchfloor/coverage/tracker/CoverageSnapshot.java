package io.watchfloor.coverage.tracker;

import io.watchfloor.coverage.inventory.Inventory;
import io.watchfloor.coverage.inventory.Source;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable view of coverage at one moment, published by {@link CoverageTracker} for the API thread.
 *
 * @param atMs the tracker's time when taken (last tick or receive), epoch ms
 * @param categories one entry per {@link io.watchfloor.coverage.inventory.Category}, in enum order
 * @param sources every inventory source in declared order
 * @param unmanaged senders that match no source, in first-seen order
 * @param unmanagedOverflow events from senders beyond the unmanaged bound
 * @param gaps open and closed gaps, oldest first
 * @param evictedUpToMs the latest closing time of a closed gap dropped from {@code gaps} to respect
 *     {@link CoverageTrackerConfig#maxClosedGaps()}, epoch ms, or {@link Long#MIN_VALUE} when none was: the history
 *     is complete for periods starting after it
 * @param inventory the inventory the tracker held at the snapshot (lifecycle changes included): {@code sources}
 *     follow its order
 */
public record CoverageSnapshot(long atMs, List<CategoryCoverage> categories, List<SourceCoverage> sources,
                               List<UnmanagedSender> unmanaged, long unmanagedOverflow, List<Gap> gaps,
                               long evictedUpToMs, Inventory inventory) {
    public CoverageSnapshot {
        categories = List.copyOf(categories);
        sources = List.copyOf(sources);
        unmanaged = List.copyOf(unmanaged);
        gaps = List.copyOf(gaps);
        Objects.requireNonNull(inventory, "inventory");
    }

    /** A snapshot whose inventory is its sources', without maintenance windows or exceptions. */
    public CoverageSnapshot(long atMs, List<CategoryCoverage> categories, List<SourceCoverage> sources,
                            List<UnmanagedSender> unmanaged, long unmanagedOverflow, List<Gap> gaps,
                            long evictedUpToMs) {
        this(atMs, categories, sources, unmanaged, unmanagedOverflow, gaps, evictedUpToMs,
                new Inventory(sources.stream().map(SourceCoverage::source).toList()));
    }

    /** A snapshot whose history was never trimmed. */
    public CoverageSnapshot(long atMs, List<CategoryCoverage> categories, List<SourceCoverage> sources,
                            List<UnmanagedSender> unmanaged, long unmanagedOverflow, List<Gap> gaps) {
        this(atMs, categories, sources, unmanaged, unmanagedOverflow, gaps, Long.MIN_VALUE);
    }

    /** @return the body of {@code GET /api/coverage}: {@code generated_at, categories, sources, unmanaged, unmanaged_overflow} */
    public Map<String, Object> coverageJson() {
        final Map<String, Object> out = new LinkedHashMap<>();
        out.put("generated_at", iso(atMs));
        final Map<String, Object> cats = new LinkedHashMap<>();
        for (CategoryCoverage c : categories) {
            final Map<String, Object> m = new LinkedHashMap<>();
            m.put("in_scope", c.inScope());
            m.put("reporting", c.reporting());
            m.put("silent", c.silent());
            m.put("never_seen", c.neverSeen());
            m.put("coverage_pct", c.coveragePct());
            m.put("delayed", c.delayed());
            m.put("maintenance", c.maintenance());
            m.put("excepted", c.excepted());
            m.put("degraded", c.degraded());
            m.put("onboarding", c.onboarding());
            m.put("retired", c.retired());
            cats.put(c.category().id(), m);
        }
        out.put("categories", cats);
        final List<Object> srcs = new ArrayList<>(sources.size());
        for (SourceCoverage sc : sources) {
            final Source s = sc.source();
            final Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", s.id());
            m.put("name", s.name());
            m.put("category", s.category().id());
            m.put("state", sc.state().id());
            m.put("last_seen", iso(sc.lastSeenMs()));
            m.put("last_event_time", iso(sc.lastEventTimeMs()));
            m.put("events", sc.events());
            m.put("criticality", s.criticality().id());
            m.put("owner", s.owner());
            m.put("max_silence_s", s.maxSilenceMs() / 1000);
            m.put("open_gap", sc.openGapId());
            m.put("last_receive_time", iso(sc.lastSeenMs()));
            m.put("cadence", s.cadence().type().id());
            m.put("max_lag_s", s.maxLagMs() < 0 ? null : s.maxLagMs() / 1000);
            final LagStats lag = sc.lag();
            final Map<String, Object> lagJson = new LinkedHashMap<>(4);
            lagJson.put("samples", lag.samples());
            lagJson.put("p50_ms", lag.samples() == 0 ? null : lag.p50Ms());
            lagJson.put("p95_ms", lag.samples() == 0 ? null : lag.p95Ms());
            lagJson.put("max_ms", lag.samples() == 0 ? null : lag.maxMs());
            m.put("lag", lagJson);
            m.put("open_delayed_gap", sc.openDelayedGapId());
            final List<Object> findings = new ArrayList<>(sc.findings().size());
            for (SourceFinding f : sc.findings()) {
                findings.add(findingJson(f));
            }
            m.put("findings", findings);
            m.put("held_by", sc.heldBy());
            m.put("held_until", iso(sc.heldUntilMs()));
            m.put("open_volume_gap", sc.openVolumeGapId());
            m.put("open_degraded_gap", sc.openDegradedGapId());
            m.put("volume", volumeJson(sc.content()));
            m.put("required", requiredJson(sc.content()));
            m.put("lifecycle", s.lifecycle().id());
            m.put("since", iso(sc.sinceMs()));
            m.put("retired", s.retired() == null ? null
                    : Map.of("date", s.retired().date().toString(), "reason", s.retired().reason()));
            m.put("tags", s.tags());
            srcs.add(m);
        }
        out.put("sources", srcs);
        final List<Object> un = new ArrayList<>(unmanaged.size());
        for (UnmanagedSender u : unmanaged) {
            final Map<String, Object> m = new LinkedHashMap<>();
            m.put("host", u.host());
            m.put("peer", u.peer());
            m.put("events", u.events());
            m.put("first_seen", iso(u.firstSeenMs()));
            m.put("last_seen", iso(u.lastSeenMs()));
            m.put("sample", u.sample());
            un.add(m);
        }
        out.put("unmanaged", un);
        out.put("unmanaged_overflow", unmanagedOverflow);
        return out;
    }

    /** @return the body of {@code GET /api/gaps}: {@code generated_at, open, gaps} (each gap as {@link Gap#toApiJson}) */
    public Map<String, Object> gapsJson() {
        return gapsJson(null, null, null, null, null);
    }

    /**
     * The body of {@code GET /api/gaps} with filters; every null filter matches everything.
     *
     * @param sourceId only gaps of this source
     * @param type only gaps of this type ({@link GapType#id()}: {@code silent}, {@code delayed}, …); an unknown
     *     type matches nothing (check it with {@link GapType#ofId} to answer 400)
     * @param state {@code open} or {@code closed}; anything else matches nothing
     * @param fromMs only gaps still open at or closed at or after this time, epoch ms
     * @param toMs only gaps opened at or before this time, epoch ms
     * @return {@code generated_at, open, gaps}: {@code open} counts the open gaps among those listed
     */
    public Map<String, Object> gapsJson(String sourceId, String type, String state, Long fromMs, Long toMs) {
        final Map<String, Object> out = new LinkedHashMap<>();
        out.put("generated_at", iso(atMs));
        int open = 0;
        final List<Object> list = new ArrayList<>(gaps.size());
        for (Gap g : gaps) {
            if ((sourceId != null && !sourceId.equals(g.sourceId()))
                    || (type != null && !type.equals(g.type().id()))
                    || (state != null && !state.equals(g.isOpen() ? "open" : "closed"))
                    || !g.overlaps(fromMs, toMs)) {
                continue;
            }
            list.add(g.toApiJson(atMs));
            if (g.isOpen()) {
                open++;
            }
        }
        out.put("open", open);
        out.put("gaps", list);
        return out;
    }

    /** @return the coverage of one source, or null when the id is not in the inventory */
    public SourceCoverage source(String id) {
        for (SourceCoverage s : sources) {
            if (s.source().id().equals(id)) {
                return s;
            }
        }
        return null;
    }

    private static Map<String, Object> findingJson(SourceFinding f) {
        final Map<String, Object> m = new LinkedHashMap<>(4);
        m.put("kind", f.kind().id());
        m.put("count", f.count());
        m.put("last_at", iso(f.lastAtMs()));
        if (f.kind() == FindingKind.FUTURE_TIMESTAMP) {
            m.put("max_ahead_s", f.valueMs() / 1000);
        } else if (f.kind() == FindingKind.SEQUENCE_GAP) {
            m.put("holes", f.valueMs());
        } else if (f.kind() == FindingKind.RETIRED_SOURCE_ACTIVE) {
            m.put("active_since", iso(f.valueMs()));
        } else {
            m.put("offset_minutes", f.valueMs() / 60_000);
        }
        return m;
    }

    /** @return {@code window_s, count, lower_bound, low_windows}, or null when volume is off */
    private static Map<String, Object> volumeJson(ContentCoverage c) {
        if (c.volumeWindowMs() < 0) {
            return null;
        }
        final Map<String, Object> m = new LinkedHashMap<>(4);
        m.put("window_s", c.volumeWindowMs() / 1000);
        m.put("count", c.volumeCount() < 0 ? null : c.volumeCount());
        m.put("lower_bound", c.volumeLowerBound() < 0 ? null : c.volumeLowerBound());
        m.put("low_windows", c.volumeLowWindows());
        return m;
    }

    /** @return {@code values, learning}, or null when the source requires nothing */
    private static Map<String, Object> requiredJson(ContentCoverage c) {
        if (c.requiredValues().isEmpty() && !c.learningRequired()) {
            return null;
        }
        final Map<String, Object> m = new LinkedHashMap<>(2);
        m.put("values", c.requiredValues());
        m.put("learning", c.learningRequired());
        return m;
    }

    private static String iso(long ms) {
        return ms < 0 ? null : Instant.ofEpochMilli(ms).toString();
    }
}
