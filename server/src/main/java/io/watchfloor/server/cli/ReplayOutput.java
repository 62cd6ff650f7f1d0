package io.watchfloor.server.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.watchfloor.coverage.tracker.CoverageSnapshot;
import io.watchfloor.coverage.tracker.Gap;
import io.watchfloor.coverage.tracker.GapListener;
import io.watchfloor.server.api.ApiResponse;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Prints what a replay produces, one JSON document per line: each gap transition as a ledger record
 * ({@code gap_id, source_id, type, opened_at, closed_at, reason}; {@code closed_at} is null on the record of an
 * opening) and coverage maps in the {@code GET /api/coverage} shape, rendered by the API's own serializer.
 * Single-threaded: the replay's thread calls it.
 */
final class ReplayOutput implements GapListener {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintWriter out;
    private long opened;
    private long closed;

    ReplayOutput(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void gapOpened(Gap gap, boolean replay) {
        opened++;
        out.println(ledgerLine(gap));
    }

    @Override
    public void gapClosed(Gap gap, boolean replay) {
        closed++;
        out.println(ledgerLine(gap));
    }

    /** Prints the coverage map of {@code snapshot} on one line, byte for byte as {@code GET /api/coverage} answers. */
    void coverage(CoverageSnapshot snapshot) {
        out.println(new String(ApiResponse.json(snapshot.coverageJson()).body(), StandardCharsets.UTF_8));
    }

    /**
     * @return the ledger record of one transition of {@code gap}: an opening while it is open, else its closing; the
     *     same text for the same gap whether it comes from a replay or from the live coverage journal
     */
    static String ledgerLine(Gap gap) {
        final Map<String, Object> m = new LinkedHashMap<>(8);
        m.put("gap_id", gap.id());
        m.put("source_id", gap.sourceId());
        m.put("type", gap.type().id());
        m.put("opened_at", Instant.ofEpochMilli(gap.openedAtMs()).toString());
        m.put("closed_at", gap.isOpen() ? null : Instant.ofEpochMilli(gap.closedAtMs()).toString());
        m.put("reason", gap.reason() == null ? null : gap.reason().id());
        try {
            return JSON.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return gap openings printed */
    long opened() {
        return opened;
    }

    /** @return gap closings printed */
    long closed() {
        return closed;
    }

    void flush() {
        out.flush();
    }
}
