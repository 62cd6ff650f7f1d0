package io.watchfloor.coverage.tracker;

import io.watchfloor.core.event.Event;
import io.watchfloor.core.event.SyslogFields;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Stateless and thread-safe: reads the event time an event carries, allocation-free for syslog events. */
final class EventTimes {
    /** Returned when the event carries no readable event time. */
    static final long NONE = -1;

    private EventTimes() {
    }

    /** @return the event time the event carries (syslog TIMESTAMP, JSON {@code @timestamp}), or NONE */
    static long eventTimeMs(Event e) {
        if (!e.isJson()) {
            final SyslogFields s = e.syslog();
            return s.hasTimestamp() ? s.timestampEpochMillis() : NONE;
        }
        final Object t = e.json().get("@timestamp");
        if (t instanceof Long) {
            return (Long) t;
        }
        if (t instanceof String) {
            final String text = (String) t;
            try {
                return OffsetDateTime.parse(text).toInstant().toEpochMilli();
            } catch (DateTimeParseException notOffset) {
                try {
                    return Instant.parse(text).toEpochMilli();
                } catch (DateTimeParseException unparseable) {
                    return NONE;
                }
            }
        }
        return NONE;
    }
}
