package io.watchfloor.coverage.inventory;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Not thread-safe, one per validation pass: reads the entries of {@code exceptions}.
 *
 * <p>Each is a dated, approved acceptance of one source's gap.
 */
final class ExceptionGrantParser {
    private static final String EXPECT_SOURCE_ID = "a source id of this inventory";
    private static final List<String> EXCEPTION_KEYS =
            List.of("id", "source", "justification", "compensating_control", "approver", "start", "expiry");

    private final YamlNodeReader reader;
    private final Set<String> sourceIds;
    private final Set<String> exceptionIds = new HashSet<>();

    /** @param sourceIds every source id declared */
    ExceptionGrantParser(YamlNodeReader reader, Set<String> sourceIds) {
        this.reader = reader;
        this.sourceIds = sourceIds;
    }

    /** @return the exception at {@code path}, or null (reported) */
    ExceptionGrant parse(Object node, String path) {
        final int before = reader.errorCount();
        final Map<?, ?> m = reader.mapping(node, path, "a mapping describing an exception", EXCEPTION_KEYS);
        if (m == null) {
            return null;
        }
        final String id = reader.uniqueId(m, path, exceptionIds, "exception");
        final String source = reader.requiredString(m, path, "source", EXPECT_SOURCE_ID);
        if (source != null && !sourceIds.contains(source)) {
            reader.wrong(path + ".source", source, EXPECT_SOURCE_ID);
        }
        final String justification = reader.requiredString(m, path, "justification", "why the gap is accepted");
        final String control = reader.requiredString(m, path, "compensating_control", "what covers the risk meanwhile");
        final String approver = reader.requiredString(m, path, "approver", "who approved the exception");
        final long start = reader.instantMs(m, path, "start");
        final long expiry = reader.instantMs(m, path, "expiry");
        if (start != Long.MIN_VALUE && expiry != Long.MIN_VALUE && expiry <= start) {
            reader.wrong(path + ".expiry", m.get("expiry"), "a time after start");
        }
        return reader.errorCount() == before
                ? new ExceptionGrant(id, source, justification, control, approver, start, expiry) : null;
    }
}
