package io.watchfloor.server.wiring;

import io.watchfloor.coverage.inventory.Inventory;
import io.watchfloor.coverage.inventory.LogSourceRef;
import io.watchfloor.coverage.inventory.Source;
import io.watchfloor.detect.rule.LogSource;

/** Translates each inventory source's declared log source into detection's terms, indexed by source index. */
final class LogSources {
    private LogSources() {
    }

    static LogSource[] of(Inventory inventory) {
        final LogSource[] out = new LogSource[inventory.size()];
        for (Source s : inventory.sources()) {
            final LogSourceRef ref = s.logsource();
            out[s.index()] = ref == null ? null : new LogSource(ref.product(), ref.service(), ref.category());
        }
        return out;
    }
}
