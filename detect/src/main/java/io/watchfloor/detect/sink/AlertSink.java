package io.watchfloor.detect.sink;

import io.watchfloor.detect.alert.Alert;

/**
 * Receives alerts. Each implementation states its thread contract; a sink must not throw for a delivery problem
 * it can count instead.
 */
public interface AlertSink {
    /** Delivers one alert. */
    void accept(Alert alert);
}
