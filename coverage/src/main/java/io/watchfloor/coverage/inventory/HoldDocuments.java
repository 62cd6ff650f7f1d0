package io.watchfloor.coverage.inventory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maintenance windows and exceptions as documents in the shape of their {@code inventory.yaml} entries (times as
 * ISO-8601 UTC, offsets as {@code +02:00}), for the audit trail of {@link HoldChange}. Stateless and thread-safe.
 */
public final class HoldDocuments {
    private HoldDocuments() {
    }

    /**
     * @return {@code id}, the scope key ({@code source}, {@code tag} or {@code category}), then {@code start, end}
     *     (one-off) or {@code days, from, to, timezone} (weekly)
     */
    public static Map<String, Object> toMap(MaintenanceWindow w) {
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", w.id());
        m.put(w.scope().kind().id(), w.scope().value());
        if (!w.isWeekly()) {
            m.put("start", Instant.ofEpochMilli(w.startMs()).toString());
            m.put("end", Instant.ofEpochMilli(w.endMs()).toString());
            return m;
        }
        final List<String> days = new ArrayList<>(7);
        for (int k = 0; k < MaintenanceWindow.DAY_NAMES.size(); k++) {
            if ((w.daysMask() & (1 << k)) != 0) {
                days.add(MaintenanceWindow.DAY_NAMES.get(k));
            }
        }
        m.put("days", days);
        m.put("from", InventoryLoader.formatTimeOfDay(w.fromMs()));
        m.put("to", InventoryLoader.formatTimeOfDay(w.toMs()));
        m.put("timezone", timezone(w.offsetMs()));
        return m;
    }

    /** @return {@code id, source, justification, compensating_control, approver, start, expiry} */
    public static Map<String, Object> toMap(ExceptionGrant x) {
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", x.id());
        m.put("source", x.sourceId());
        m.put("justification", x.justification());
        m.put("compensating_control", x.compensatingControl());
        m.put("approver", x.approver());
        m.put("start", Instant.ofEpochMilli(x.startMs()).toString());
        m.put("expiry", Instant.ofEpochMilli(x.expiryMs()).toString());
        return m;
    }

    private static String timezone(long offsetMs) {
        if (offsetMs == 0) {
            return "UTC";
        }
        final long minutes = Math.abs(offsetMs) / 60_000L;
        return String.format(java.util.Locale.ROOT, "%s%02d:%02d", offsetMs < 0 ? "-" : "+", minutes / 60,
                minutes % 60);
    }
}
