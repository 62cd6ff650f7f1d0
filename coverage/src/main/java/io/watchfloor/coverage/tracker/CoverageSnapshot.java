package io.watchfloor.coverage.tracker;

import io.watchfloor.coverage.inventory.Source;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable view of coverage at one moment, published by {@link CoverageTracker} for the API thread.
 *
 * @param atMs the tracker's time when taken (last tick or receive), epoch ms
 * @param categories one entry per {@link io.watchfloor.coverage.inventory.Category}, in enum order
 * @param sources every inventory source in declared order
 * @param unmanaged senders that match no source, in first-seen order
 * @param unmanagedOverflow events from senders beyond the unmanaged bound
 * @param gaps open and closed gaps, oldest first
 */
public record CoverageSnapshot(long atMs, List<CategoryCoverage> categories, List<SourceCoverage> sources,
                               List<UnmanagedSender> unmanaged, long unmanagedOverflow, List<Gap> gaps) {
    public CoverageSnapshot {
        categories = List.copyOf(categories);
        sources = List.copyOf(sources);
        unmanaged = List.copyOf(unmanaged);
        gaps = List.copyOf(gaps);
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
            un.add(m);
        }
        out.put("unmanaged", un);
        out.put("unmanaged_overflow", unmanagedOverflow);
        return out;
    }

    /** @return the body of {@code GET /api/gaps}: {@code generated_at, open, gaps} (each gap as {@link Gap#toApiJson}) */
    public Map<String, Object> gapsJson() {
        final Map<String, Object> out = new LinkedHashMap<>();
        out.put("generated_at", iso(atMs));
        int open = 0;
        final List<Object> list = new ArrayList<>(gaps.size());
        for (Gap g : gaps) {
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

    private static String iso(long ms) {
        return ms < 0 ? null : Instant.ofEpochMilli(ms).toString();
    }
}
