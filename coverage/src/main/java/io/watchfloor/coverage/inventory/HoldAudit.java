package io.watchfloor.coverage.inventory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds what changed in the maintenance windows and exceptions of {@code inventory.yaml} since the last start: the
 * journaled {@link HoldChange}s, folded in order, say what each window and exception was; the inventory says what
 * it is now; each difference is a create, edit or delete to journal. Expiries do not change a document, so they
 * are folded as no-ops. Not thread-safe; used once at start-up.
 */
public final class HoldAudit {
    /** The last journaled document of each window and exception, by kind and id, in first-seen order. */
    private final Map<String, Map<String, Object>> known = new LinkedHashMap<>();

    /** Folds one journaled change, in journal order. */
    public void accept(HoldChange c) {
        if (c.action() == HoldChange.Action.EXPIRE) {
            return;
        }
        final String key = key(c.kind(), c.id());
        if (c.after() == null) {
            known.remove(key);
        } else {
            known.put(key, c.after());
        }
    }

    /**
     * @param inventory the inventory loaded now
     * @param actor who made the changes (the file they were read from)
     * @param atMs when they are recorded, epoch ms
     * @return the changes since the journaled state, windows first then exceptions, each in declared order, deletes
     *     last; empty when nothing changed
     */
    public List<HoldChange> changes(Inventory inventory, String actor, long atMs) {
        final Map<String, Map<String, Object>> now = new LinkedHashMap<>();
        for (MaintenanceWindow w : inventory.maintenanceWindows()) {
            now.put(key(HoldChange.Kind.MAINTENANCE_WINDOW, w.id()), HoldDocuments.toMap(w));
        }
        for (ExceptionGrant x : inventory.exceptions()) {
            now.put(key(HoldChange.Kind.EXCEPTION, x.id()), HoldDocuments.toMap(x));
        }
        final List<HoldChange> out = new ArrayList<>();
        for (Map.Entry<String, Map<String, Object>> e : now.entrySet()) {
            final Map<String, Object> before = known.get(e.getKey());
            if (before == null) {
                out.add(change(e.getKey(), HoldChange.Action.CREATE, actor, atMs, null, e.getValue()));
            } else if (!before.equals(e.getValue())) {
                out.add(change(e.getKey(), HoldChange.Action.EDIT, actor, atMs, before, e.getValue()));
            }
        }
        for (Map.Entry<String, Map<String, Object>> e : known.entrySet()) {
            if (!now.containsKey(e.getKey())) {
                out.add(change(e.getKey(), HoldChange.Action.DELETE, actor, atMs, e.getValue(), null));
            }
        }
        return out;
    }

    private static HoldChange change(String key, HoldChange.Action action, String actor, long atMs,
                                     Map<String, Object> before, Map<String, Object> after) {
        final int slash = key.indexOf('/');
        final HoldChange.Kind kind = HoldChange.Kind.valueOf(key.substring(0, slash));
        return new HoldChange(kind, action, key.substring(slash + 1), actor, atMs, before, after);
    }

    private static String key(HoldChange.Kind kind, String id) {
        return kind.name() + "/" + id;
    }
}
