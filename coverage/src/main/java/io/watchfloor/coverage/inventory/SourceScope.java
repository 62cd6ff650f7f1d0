package io.watchfloor.coverage.inventory;

import java.util.Locale;
import java.util.Objects;

/**
 * The sources a maintenance window applies to: one source id, every source with a tag, or every source of a
 * category. Immutable.
 *
 * @param kind what {@code value} names
 * @param value the source id, tag or category id
 */
public record SourceScope(Kind kind, String value) {
    /** What a scope names; the YAML key of a window that declares it. */
    public enum Kind {
        /** One source, by id ({@code source: fw-edge-01}). */
        SOURCE,
        /** Every source carrying the tag ({@code tag: dmz}). */
        TAG,
        /** Every source of the category ({@code category: network}). */
        CATEGORY;

        /** @return the YAML key and JSON name ({@code source}, {@code tag}, {@code category}) */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public SourceScope {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
    }

    /** @return true when the scope takes in {@code s} */
    public boolean covers(Source s) {
        switch (kind) {
            case SOURCE:
                return s.id().equals(value);
            case TAG:
                return s.tags().contains(value);
            default:
                return s.category().id().equals(value);
        }
    }
}
