package io.watchfloor.coverage.tracker;

import io.watchfloor.coverage.inventory.Category;

/**
 * Coverage of one category at a snapshot. Onboarding sources not reporting yet and retired sources are listed but
 * left out of {@code inScope} and so of {@code coveragePct}.
 *
 * @param reporting sources received within their cadence, DELAYED ones included
 * @param coveragePct reporting / in_scope × 100 rounded to one decimal, or null when nothing is in scope
 * @param delayed the reporting sources that are DELAYED
 * @param maintenance sources not reporting inside a maintenance window (not covered)
 * @param excepted sources under an exception (not covered)
 * @param degraded sources arriving with a {@code volume} or {@code degraded} gap open (not covered: events are
 *     missing)
 * @param onboarding sources being onboarded that have not reported yet (not in scope)
 * @param retired retired sources (not in scope)
 */
public record CategoryCoverage(Category category, int inScope, int reporting, int silent, int neverSeen,
                               Double coveragePct, int delayed, int maintenance, int excepted, int degraded,
                               int onboarding, int retired) {
    /** Counts without onboarding or retired sources. */
    public CategoryCoverage(Category category, int inScope, int reporting, int silent, int neverSeen,
                            Double coveragePct, int delayed, int maintenance, int excepted, int degraded) {
        this(category, inScope, reporting, silent, neverSeen, coveragePct, delayed, maintenance, excepted, degraded,
                0, 0);
    }

    /** Counts without partial gaps. */
    public CategoryCoverage(Category category, int inScope, int reporting, int silent, int neverSeen,
                            Double coveragePct, int delayed, int maintenance, int excepted) {
        this(category, inScope, reporting, silent, neverSeen, coveragePct, delayed, maintenance, excepted, 0);
    }

    /** Counts without maintenance windows or exceptions. */
    public CategoryCoverage(Category category, int inScope, int reporting, int silent, int neverSeen,
                            Double coveragePct, int delayed) {
        this(category, inScope, reporting, silent, neverSeen, coveragePct, delayed, 0, 0);
    }

    /** The first issue's counts, without DELAYED. */
    public CategoryCoverage(Category category, int inScope, int reporting, int silent, int neverSeen,
                            Double coveragePct) {
        this(category, inScope, reporting, silent, neverSeen, coveragePct, 0);
    }

    /** @return the percentage for these counts, or null when {@code inScope == 0} */
    public static Double percent(int reporting, int inScope) {
        return inScope == 0 ? null : Math.round(reporting * 1000.0 / inScope) / 10.0;
    }
}
