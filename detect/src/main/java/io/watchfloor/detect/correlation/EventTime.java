package io.watchfloor.detect.correlation;

import io.watchfloor.core.event.Event;
import io.watchfloor.core.event.SyslogFields;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * The event time correlation windows follow: a JSON event's {@code @timestamp}, a syslog event's own timestamp, else
 * the receive time. Stateless; called only for events that matched a correlated rule.
 */
public final class EventTime {
    private EventTime() {
    }

    /** @return the event time of {@code e}, epoch milliseconds */
    public static long ms(Event e) {
        if (e.isJson()) {
            final long t = parseMs(e.json().get("@timestamp"));
            return t != Long.MIN_VALUE ? t : e.receivedAtMs();
        }
        final SyslogFields s = e.syslog();
        if (s.hasTimestamp()) {
            return s.timestampEpochSeconds() * 1000L + s.timestampNanos() / 1_000_000;
        }
        return e.receivedAtMs();
    }

    /**
     * @param value an ISO-8601 instant or offset date-time string, or a number of epoch milliseconds
     * @return epoch milliseconds, or {@link Long#MIN_VALUE} when {@code value} is absent or not a time
     */
    public static long parseMs(Object value) {
        if (value instanceof Number) {
            return ((Number) value).longValue();
        }
        if (!(value instanceof String)) {
            return Long.MIN_VALUE;
        }
        final String s = ((String) value).strip();
        try {
            return Instant.parse(s).toEpochMilli();
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(s).toInstant().toEpochMilli();
            } catch (DateTimeParseException e2) {
                return Long.MIN_VALUE;
            }
        }
    }
}
