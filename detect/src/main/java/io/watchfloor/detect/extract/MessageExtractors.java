package io.watchfloor.detect.extract;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The built-in extractors, by the name a mapping file's {@code extract:} key gives. */
public final class MessageExtractors {
    private static final Map<String, MessageExtractor> BY_NAME = new LinkedHashMap<>();

    static {
        for (MessageExtractor x : new MessageExtractor[] {SshdMessageExtractor.INSTANCE, SudoMessageExtractor.INSTANCE,
            CronMessageExtractor.INSTANCE, SuMessageExtractor.INSTANCE, PamMessageExtractor.INSTANCE,
            AuthLogMessageExtractor.INSTANCE, NetfilterMessageExtractor.INSTANCE,
            AccessLogMessageExtractor.INSTANCE}) {
            BY_NAME.put(x.name(), x);
        }
    }

    private MessageExtractors() {
    }

    /** @return the extractor called {@code name}, or null */
    public static MessageExtractor byName(String name) {
        return BY_NAME.get(name);
    }

    /** @return every extractor name, for error messages */
    public static Set<String> names() {
        return BY_NAME.keySet();
    }
}
