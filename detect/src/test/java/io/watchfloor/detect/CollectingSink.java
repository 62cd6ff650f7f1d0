package io.watchfloor.detect;

import io.watchfloor.detect.alert.Alert;
import io.watchfloor.detect.sink.AlertSink;

import java.util.ArrayList;
import java.util.List;

/** A test sink that keeps every alert. */
public final class CollectingSink implements AlertSink {
    public final List<Alert> alerts = new ArrayList<>();

    @Override
    public void accept(Alert alert) {
        alerts.add(alert);
    }

    public List<String> ruleIds() {
        final List<String> ids = new ArrayList<>();
        for (Alert a : alerts) {
            ids.add(a.ruleId());
        }
        return ids;
    }
}
