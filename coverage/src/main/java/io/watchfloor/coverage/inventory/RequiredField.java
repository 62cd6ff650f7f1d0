package io.watchfloor.coverage.inventory;

import java.util.List;
import java.util.Objects;

/**
 * Event types a source must keep sending: the values one of its fields must show in every window; immutable.
 *
 * @param field the field, named as detection names it ({@code event.code}, {@code log.syslog.msgid},
 *     {@code process.name}, an RFC 5424 structured-data param as {@code SDID.param}, a JSON dotted path)
 * @param values the required values; empty when {@code learn}
 * @param learn true when the values are learned: those present in most windows of the warm-up
 */
public record RequiredField(String field, List<String> values, boolean learn) {
    public RequiredField {
        Objects.requireNonNull(field, "field");
        values = List.copyOf(values);
        if (learn == !values.isEmpty()) {
            throw new IllegalArgumentException("required " + field + " : values=" + values + " learn=" + learn
                    + " (expected: values, or learn)");
        }
    }

    /** @return the entry {@code {field: F, values: learn}} */
    public static RequiredField learned(String field) {
        return new RequiredField(field, List.of(), true);
    }
}
