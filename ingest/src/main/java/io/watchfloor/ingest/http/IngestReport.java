package io.watchfloor.ingest.http;

import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * The per-request outcome written back to the client: lines received and rejected, and the first rejected lines
 * with their reason. Event loop only.
 */
final class IngestReport {
    private final int maxErrors;
    private final StringBuilder errors = new StringBuilder();
    private int reportedErrors;
    private boolean retryLater;
    int received;
    int rejected;

    IngestReport(int maxErrors) {
        this.maxErrors = maxErrors;
    }

    /** Rejects one line. @param lineNumber 1-based line number in the (decompressed) body */
    void reject(int lineNumber, String reason) {
        rejected++;
        if (reportedErrors < maxErrors) {
            if (reportedErrors > 0) {
                errors.append(',');
            }
            errors.append("{\"line\":").append(lineNumber).append(",\"reason\":\"").append(reason).append("\"}");
            reportedErrors++;
        }
    }

    /** Marks the request as cut short by the publish deadline: it answers 503 {@link #ringFullAfterDeadline}. */
    void markRetryLater() {
        retryLater = true;
    }

    /** @return true when {@link #markRetryLater} was called */
    boolean retryLater() {
        return retryLater;
    }

    /** @return 200 {@code {"accepted":N,"rejected":M,"errors":[...]}} */
    FullHttpResponse ok(int accepted) {
        return HttpResponses.json(HttpResponseStatus.OK, "{\"accepted\":" + accepted + ",\"rejected\":" + rejected
                + ",\"errors\":[" + errors + "]" + truncatedFlag() + "}");
    }

    /**
     * @return 503 with {@code Retry-After: 1}: the ring could take none of the {@code ringFullLines} valid lines;
     *         all lines are rejected
     */
    FullHttpResponse ringFull(int ringFullLines) {
        return serviceUnavailable(0, rejected + ringFullLines);
    }

    /**
     * @return 503 with {@code Retry-After: 1} after the publish deadline: the {@code accepted} lines are journaled
     *         (the client must not resend them), the ring-full lines were already {@link #reject rejected}
     */
    FullHttpResponse ringFullAfterDeadline(int accepted) {
        return serviceUnavailable(accepted, rejected);
    }

    private FullHttpResponse serviceUnavailable(int accepted, int rejectedLines) {
        final FullHttpResponse response = HttpResponses.json(HttpResponseStatus.SERVICE_UNAVAILABLE, "{\"error\":\""
                + HttpIngestHandler.REASON_RING_FULL + "\",\"accepted\":" + accepted + ",\"rejected\":"
                + rejectedLines + ",\"retry\":true,\"errors\":[" + errors + "]" + truncatedFlag() + "}");
        response.headers().set(HttpHeaderNames.RETRY_AFTER, "1");
        return response;
    }

    /** @return 500: the journal failed some appends; the client should resend the request */
    FullHttpResponse journalFailed(int journaled, int failed) {
        return HttpResponses.json(HttpResponseStatus.INTERNAL_SERVER_ERROR, "{\"error\":\"journal_failed\",\"journaled\":"
                + journaled + ",\"failed\":" + failed + ",\"rejected\":" + rejected + "}");
    }

    private String truncatedFlag() {
        return rejected > reportedErrors ? ",\"errors_truncated\":true" : "";
    }
}
