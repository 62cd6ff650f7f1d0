package io.watchfloor.coverage.inventory;

import java.util.Objects;

/**
 * A dated, approved exception for one source ({@code exceptions:} in the inventory): from {@code start} until
 * {@code expiry} the source shows EXCEPTED and no gap opens for it; if it is silent when the exception expires, a
 * gap opens at the expiry with reason {@code EXCEPTION_EXPIRED}. Immutable.
 *
 * @param id unique id, used in the expiry's journal record
 * @param sourceId the excepted source
 * @param justification why the gap is accepted
 * @param compensatingControl what covers the risk meanwhile
 * @param approver who approved it
 * @param startMs first excepted instant, epoch ms
 * @param expiryMs first instant no longer excepted, epoch ms (&gt; {@code startMs})
 */
public record ExceptionGrant(String id, String sourceId, String justification, String compensatingControl,
                             String approver, long startMs, long expiryMs) {
    public ExceptionGrant {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(justification, "justification");
        Objects.requireNonNull(compensatingControl, "compensatingControl");
        Objects.requireNonNull(approver, "approver");
        if (startMs >= expiryMs) {
            throw new IllegalArgumentException("exception " + id + " : start=" + startMs + " expiry=" + expiryMs
                    + " (expected: start < expiry)");
        }
    }

    /** @return true when the exception is in force at {@code atMs} */
    public boolean activeAt(long atMs) {
        return atMs >= startMs && atMs < expiryMs;
    }
}
